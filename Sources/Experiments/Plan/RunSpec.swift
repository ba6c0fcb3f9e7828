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
            "dataset": canonicalJSON(config.dataset),
            "split": canonicalJSON(split),
            "seed": String(seed),
            "network": canonicalJSON(config.network),
            "training": canonicalJSON(config.training),
            "cap": canonicalJSON(config.capPerClass),
            "treatment": family.label(n: n),
            "base": baseID ?? "",
        ]
        id = String(SHA256.hex(canonicalJSON(identity)).prefix(16))
    }
}
