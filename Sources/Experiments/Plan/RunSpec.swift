import Checkpoints
import Datasets
import Foundation
import Records
import Storage

/// One network to train: a treatment at depth n on one oriented split, target variant and seed.
public struct RunSpec: Sendable, Hashable {
    /// The split as this run sees it: class lists oriented source → target (see
    /// `SplitConfig.oriented`); `name` is the results folder (with a variant suffix, if any).
    public let split: SplitConfig
    /// The config's split this run belongs to ("dissimilar" for both of its directions).
    public let splitGroup: String
    public let direction: SplitDirection
    public let seed: Int
    public let family: TreatmentFamily
    public let n: Int?
    /// The protocol this net trains with (the source budget for a source net).
    public let training: TrainingConfig
    /// Per-class caps of this run's tasks (a single target size).
    public let caps: TaskCaps
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
    /// The oriented split without a variant suffix: what the random streams are salted with.
    public var streamSplit: String { splitGroup + direction.nameSuffix }
    /// The target variant's folder suffix ("-i600", "-c100"; "" for a single variant and for sources).
    public var variant: String { String(split.name.dropFirst(streamSplit.count)) }
    /// Whether this net serves as a transfer source (trained with the source budget).
    public var isSource: Bool { family == .baseA }

    public static func == (a: RunSpec, b: RunSpec) -> Bool { a.id == b.id }
    public func hash(into h: inout Hasher) { h.combine(id) }

    /// The seed of one of this run's random streams.
    public func stream(_ stream: RunStream) -> UInt64 { stream.seed(seed, split: streamSplit) }

    init(config: ExperimentConfig, split: SplitConfig, group: String, direction: SplitDirection, seed: Int,
         family: TreatmentFamily, n: Int?, training: TrainingConfig, caps: TaskCaps, baseID: String?) {
        self.split = split
        splitGroup = group
        self.direction = direction
        self.seed = seed
        self.family = family
        self.n = n
        self.training = training
        self.caps = caps
        self.baseID = baseID
        // Everything that changes the numbers; not the thread count, paths or code version.
        // "streams": runs draw from `RunStream`s salted by split (version 2).
        var oriented = split
        oriented.name = group + direction.nameSuffix
        let identity: [String: String] = [
            "dataset": canonicalJSON(config.dataset),
            "split": canonicalJSON(oriented),
            "seed": String(seed),
            "network": canonicalJSON(config.network),
            "training": canonicalJSON(training),
            "cap": canonicalJSON(caps),
            "treatment": family.label(n: n),
            "base": baseID ?? "",
            "streams": "2",
        ]
        id = String(SHA256.hex(canonicalJSON(identity)).prefix(16))
    }
}
