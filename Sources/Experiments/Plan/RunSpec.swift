import Checkpoints
import Datasets
import Foundation

/// One network to train: a treatment at depth n on one split and seed.
public struct RunSpec: Sendable, Hashable {
    public let split: SplitConfig
    public let seed: Int
    public let family: TreatmentFamily
    public let n: Int?
    /// Stable id: SHA-256 of everything that affects the result, including the base run's id.
    public let id: String
    /// The base run this one copies layers from.
    public let baseID: String?

    /// "A3B+", "baseA", "random2B".
    public var label: String { family.label(n: n) }
    /// Folder name under `<split>/runs/`.
    public var directoryName: String { "\(label)-seed\(seed)" }
    /// "similar/A3B+/seed0": the name `--only` patterns match.
    public var qualifiedName: String { "\(split.name)/\(label)/seed\(seed)" }

    public static func == (a: RunSpec, b: RunSpec) -> Bool { a.id == b.id }
    public func hash(into h: inout Hasher) { h.combine(id) }

    init(config: ExperimentConfig, split: SplitConfig, seed: Int, family: TreatmentFamily, n: Int?, baseID: String?) {
        self.split = split
        self.seed = seed
        self.family = family
        self.n = n
        self.baseID = baseID
        // Everything that changes the numbers; not the thread count, paths or code version.
        let identity: [String: String] = [
            "dataset": Self.json(config.dataset),
            "split": Self.json(split),
            "seed": String(seed),
            "network": Self.json(config.network),
            "training": Self.json(config.training),
            "cap": Self.json(config.capPerClass),
            "treatment": family.label(n: n),
            "base": baseID ?? "",
        ]
        id = String(SHA256.hex(Self.json(identity)).prefix(16))
    }

    private static func json<T: Encodable>(_ value: T) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: (try? e.encode(value)) ?? Data(), as: UTF8.self)
    }
}
