import Checkpoints
import Datasets
import Foundation
import NeuralNet
import Records
import Storage

/// A whole study: data, splits, network, training protocol, treatments, depths and seeds.
///
/// Read from JSON with `ExperimentConfig.load(_:)`: unknown keys are errors; a key left out takes
/// the default its struct owns (`NetworkConfig.default`, `TrainingConfig.default`,
/// `TaskCaps.default`, `AnalysisConfig.default`, `SplitConfig.defaults(for:)`, the statics
/// below); the resolved config (defaults filled in) is what runs record and hash and what
/// `transfer config` prints.
public struct ExperimentConfig: Encodable, Sendable, Equatable {
    public var name: String
    public var dataset: DatasetSpec
    public var splits: [SplitConfig]
    /// Seeds: each gives a different random class split (similar), subsample, init and order.
    public var seeds: [Int]
    /// Depths n of the copied/frozen prefix (1…7).
    public var layers: [Int]
    /// Treatment families to run (see `TreatmentFamily`).
    public var treatments: [TreatmentFamily]
    public var network: NetworkConfig
    public var training: TrainingConfig
    /// Training images kept per class of each task (nil = all): the small-target regime.
    public var capPerClass: TaskCaps
    /// Compute threads of one run; 0 = all cores (sweeps with `--jobs N` give each run cores/N).
    public var threads: Int
    /// `transfer analyze` settings (not part of run ids).
    public var analysis = AnalysisConfig.default

    /// Seeds of a config without `seeds`.
    public static let defaultSeeds = [0, 1, 2]
    /// Depths of a config without `layers`: every n the network has (fc8 is always new).
    public static let defaultLayers = Array(1...7)
    /// `threads` of a config without it: all cores.
    public static let defaultThreads = 0

    enum CodingKeys: String, CodingKey {
        case name, dataset, splits, seeds, layers, treatments, network, training
        case capPerClass = "cap_per_class", threads, analysis
    }

    /// The resolved config as canonical JSON (sorted keys): what runs record and hash.
    public var canonicalJSON: String { Experiments.canonicalJSON(self) }

    /// SHA-256 of `canonicalJSON`.
    public var hash: String { SHA256.hex(canonicalJSON) }

    /// The resolved config, pretty-printed with sorted keys: what `transfer config` prints. The
    /// same values as `canonicalJSON`, laid out for reading (and valid input for `load`).
    public var resolvedJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}

/// One way of cutting the classes into tasks A and B.
public struct SplitConfig: Encodable, Sendable, Equatable {
    public enum Kind: String, Encodable, Sendable { case similar, dissimilar }
    public var name: String
    public var kind: Kind
    /// similar: classes in A (nil = half, rounded down).
    public var sizeA: Int?
    /// dissimilar: the classes of A and B, by name or id (`"a": ["Trouser", 5]`).
    public var a: [ClassSelector]?
    public var b: [ClassSelector]?
    /// dissimilar: the directions to run (nil = A→B only). B→A makes the split's B classes the
    /// full source task and its A classes the capped target.
    public var directions: [SplitDirection]?
    /// Set only on the oriented split of a B→A run (its lists already swapped).
    public var direction: SplitDirection?

    enum CodingKeys: String, CodingKey { case name, kind, sizeA = "size_a", a, b, directions, direction }

    public init(name: String, kind: Kind, sizeA: Int? = nil, a: [ClassSelector]? = nil, b: [ClassSelector]? = nil,
                directions: [SplitDirection]? = nil) {
        self.name = name
        self.kind = kind
        self.sizeA = sizeA
        self.a = a
        self.b = b
        self.directions = directions
    }

    /// The splits of a config without `splits`: a similar split and, for Fashion-MNIST, the
    /// garments split (`ClassSplit.fashionMNISTGarments`) run both ways.
    public static func defaults(for dataset: DatasetSpec) -> [SplitConfig] {
        var splits = [SplitConfig(name: "similar", kind: .similar)]
        if dataset.kind == .fashionMNIST, case let .dissimilar(a, b) = ClassSplit.fashionMNISTGarments {
            splits.append(SplitConfig(name: "dissimilar", kind: .dissimilar, a: a, b: b, directions: [.forward, .reverse]))
        }
        return splits
    }

    /// The directions this split runs, A→B first.
    public var runDirections: [SplitDirection] { directions ?? [.forward] }

    /// The split as one direction runs it: B→A swaps the class lists and renames the split
    /// (`dissimilar-BA`), so source is always task A (full) and target task B (capped).
    public func oriented(_ direction: SplitDirection) -> SplitConfig {
        var view = self
        view.directions = nil
        if direction == .reverse {
            view.name = name + direction.nameSuffix
            view.a = b
            view.b = a
            view.direction = .reverse
        }
        return view
    }

    /// The split for one seed (similar splits are seeded).
    public func classSplit(seed: Int) -> ClassSplit {
        switch kind {
        case .similar: return .similar(seed: UInt64(seed), sizeA: sizeA)
        case .dissimilar: return .dissimilar(a: a ?? [], b: b ?? [])
        }
    }
}

/// Network widths and head.
public struct NetworkConfig: Encodable, Sendable, Equatable {
    public var conv: [Int]
    public var fc: [Int]
    public var dropout: Double
    /// "softmax" (K outputs) or "sigmoid" (one logit; tasks with 2 classes only).
    public var head: Network.Head

    /// The engine's fmnist8 widths (`NetworkDescription.Widths`), dropout 0.5, a softmax head.
    public static let `default` = NetworkConfig(conv: NetworkDescription.Widths().conv, fc: NetworkDescription.Widths().fc,
                                                dropout: 0.5, head: .softmax)

    /// The fmnist8 description for a task with `classes` classes and inputs of `inputShape`.
    public func description(inputShape: [Int], classes: Int) -> NetworkDescription {
        .fmnist8(inputShape: inputShape, classes: head == .sigmoid ? 1 : classes,
                 widths: .init(conv: conv, fc: fc), dropout: dropout)
    }
}

/// The training protocol, identical for every network of a study (equal iteration budgets).
public struct TrainingConfig: Encodable, Sendable, Equatable {
    /// SGD iterations of every network trained on the target task (baseB and every transfer).
    public var iterations: Int
    /// Several target budgets to compare (`"iterations": [300, 600, 1200]`): the plan runs every
    /// target net at each, sharing the source nets. Nil for a single budget.
    public var iterationSweep: [Int]?
    public var batchSize: Int
    public var learningRate: Double
    /// Fractions of `iterations` at which the rate is multiplied by `lrGamma`.
    public var lrDecayAt: [Double]
    public var lrGamma: Double
    public var momentum: Double
    public var weightDecay: Double
    /// Mean subtraction: "perPixel" (the paper's mean image), "perChannel" or "none";
    /// the mean is that of the whole dataset's training set, shared by both tasks.
    public var mean: MeanMode
    /// Validation images held out per class from each task's training set (before the cap).
    public var validationPerClass: Int
    /// Validation accuracy is measured every this many iterations (and at the end).
    public var evalEvery: Int
    /// A resumable checkpoint is written every this many iterations (and at the end).
    public var checkpointEvery: Int
    public var evalBatchSize: Int
    /// Random crops and flips of the training images (`training.augmentation`; off by default).
    public var augmentation: Augmentation
    /// Compute a frozen prefix's features once per run and train on them (no augmentation only).
    /// Bit-identical to running through the frozen layers every step, and much faster.
    public var cacheFrozenPrefix: Bool
    /// The source nets' own budget (baseA, the net layers are copied from): fields override the
    /// ones above. Nil = the same budget as the targets.
    public var source: SourceTraining?

    /// The protocol of a config without `training` (each key left out takes its value from here).
    public static let `default` = TrainingConfig(
        iterations: 1000, batchSize: 128, learningRate: 0.01, lrDecayAt: [0.75], lrGamma: 0.1, momentum: 0.9,
        weightDecay: 5e-4, mean: .perPixel, validationPerClass: 100, evalEvery: 250, checkpointEvery: 250,
        evalBatchSize: 512, augmentation: .none, cacheFrozenPrefix: true)

    enum CodingKeys: String, CodingKey {
        case iterations, batchSize = "batch_size", learningRate = "learning_rate", lrDecayAt = "lr_decay_at"
        case lrGamma = "lr_gamma", momentum, weightDecay = "weight_decay", mean
        case validationPerClass = "validation_per_class", evalEvery = "eval_every"
        case checkpointEvery = "checkpoint_every", evalBatchSize = "eval_batch_size", augmentation
        case cacheFrozenPrefix = "cache_frozen_prefix", source
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let iterationSweep { try c.encode(iterationSweep, forKey: .iterations) } else { try c.encode(iterations, forKey: .iterations) }
        try c.encode(batchSize, forKey: .batchSize)
        try c.encode(learningRate, forKey: .learningRate)
        try c.encode(lrDecayAt, forKey: .lrDecayAt)
        try c.encode(lrGamma, forKey: .lrGamma)
        try c.encode(momentum, forKey: .momentum)
        try c.encode(weightDecay, forKey: .weightDecay)
        try c.encode(mean, forKey: .mean)
        try c.encode(validationPerClass, forKey: .validationPerClass)
        try c.encode(evalEvery, forKey: .evalEvery)
        try c.encode(checkpointEvery, forKey: .checkpointEvery)
        try c.encode(evalBatchSize, forKey: .evalBatchSize)
        try c.encode(augmentation, forKey: .augmentation)
        try c.encode(cacheFrozenPrefix, forKey: .cacheFrozenPrefix)
        try c.encodeIfPresent(source, forKey: .source)
    }

    /// The protocol of one net: the source budget applied for a source net, and a single target
    /// budget (`iterations`) otherwise. What a run hashes and trains with.
    public func effective(source isSource: Bool, iterations budget: Int? = nil) -> TrainingConfig {
        var t = self
        t.iterationSweep = nil
        t.source = nil
        if let budget { t.iterations = budget }
        if isSource, let source { source.apply(to: &t) }
        return t
    }

    /// Images a net sees in training (iterations × batch size).
    public var images: Int { iterations * batchSize }

    public var schedule: StepSchedule {
        StepSchedule(baseRate: Float(learningRate), gamma: Float(lrGamma),
                     milestones: lrDecayAt.map { Int(($0 * Double(iterations)).rounded()) })
    }
}

/// Per-class training caps of tasks A (the source) and B (the target).
public struct TaskCaps: Encodable, Sendable, Equatable {
    public var a: Int?
    public var b: Int?
    /// Several target sizes to compare (`"B": [30, 100, 300, null]`): the plan runs every target
    /// net at each, sharing the source nets. Nil for a single cap.
    public var bSweep: [Int?]?
    enum CodingKeys: String, CodingKey { case a = "A", b = "B" }
    /// All of task A (the source), 300 images per class of task B (the target).
    public static let `default` = TaskCaps(a: nil, b: 300)
    public func cap(_ side: TaskSide) -> Int? { side == .a ? a : b }

    public init(a: Int?, b: Int?, bSweep: [Int?]? = nil) {
        self.a = a
        self.b = b
        self.bSweep = bSweep
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(a, forKey: .a)  // explicit null = all images
        if let bSweep { try c.encode(bSweep, forKey: .b) } else { try c.encode(b, forKey: .b) }
    }

    /// The caps of one target size: a single B cap.
    public func effective(b cap: Int??) -> TaskCaps {
        TaskCaps(a: a, b: cap ?? b)
    }
}

/// One target protocol of a study: a target budget and a target size. A config with lists in
/// `training.iterations` or `cap_per_class.B` has one variant per combination.
public struct TargetVariant: Sendable, Equatable {
    public var iterations: Int
    public var cap: Int?
    /// Appended to the split folder when the config compares several: "-i600", "-c100", "-call".
    public var nameSuffix: String
}

extension ExperimentConfig {
    /// The target variants, in config order (budgets outer, sizes inner); one when nothing is swept.
    public var targetVariants: [TargetVariant] {
        let budgets = training.iterationSweep ?? [training.iterations]
        let caps: [Int?] = capPerClass.bSweep ?? [capPerClass.b]
        return budgets.flatMap { iterations in
            caps.map { cap in
                var suffix = ""
                if training.iterationSweep != nil { suffix += "-i\(iterations)" }
                if capPerClass.bSweep != nil { suffix += "-c" + (cap.map(String.init) ?? "all") }
                return TargetVariant(iterations: iterations, cap: cap, nameSuffix: suffix)
            }
        }
    }

    /// Things a config allows but a reader should know (printed by `plan` and `sweep`).
    public var warnings: [String] {
        var out: [String] = []
        let source = training.effective(source: true)
        let largestTarget = (training.iterationSweep ?? [training.iterations]).max()! * training.batchSize
        if training.source != nil, source.images < largestTarget {
            out.append("training.source: the source nets see \(source.images) images (\(source.iterations) × \(source.batchSize)), "
                       + "fewer than a target net (\(largestTarget)); the paper transfers from converged sources")
        }
        return out
    }
}

extension TaskCaps {
    /// The caps of a source net: only task A's cap matters to it.
    public var sourceOnly: TaskCaps { TaskCaps(a: a, b: nil) }
}
