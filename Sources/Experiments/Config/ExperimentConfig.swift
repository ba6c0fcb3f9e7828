import Checkpoints
import Datasets
import Foundation
import NeuralNet

/// A whole study: data, splits, network, training protocol, treatments, depths and seeds.
///
/// Read from JSON with `ExperimentConfig.load(_:)`: unknown keys are errors, every default is
/// explicit here, and the resolved config (defaults filled in) is what runs record and hash.
public struct ExperimentConfig: Codable, Sendable, Equatable {
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

    enum CodingKeys: String, CodingKey {
        case name, dataset, splits, seeds, layers, treatments, network, training
        case capPerClass = "cap_per_class", threads
    }

    /// The resolved config as canonical JSON (sorted keys): what runs record and hash.
    public var canonicalJSON: String { Experiments.canonicalJSON(self) }

    /// SHA-256 of `canonicalJSON`.
    public var hash: String { SHA256.hex(canonicalJSON) }
}

/// One way of cutting the classes into tasks A and B.
public struct SplitConfig: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case similar, dissimilar }
    public var name: String
    public var kind: Kind
    /// similar: classes in A (nil = half, rounded down).
    public var sizeA: Int?
    /// dissimilar: class names (or ids as strings "#3") of A and B.
    public var a: [String]?
    public var b: [String]?

    enum CodingKeys: String, CodingKey { case name, kind, sizeA = "size_a", a, b }

    /// The split for one seed (similar splits are seeded).
    public func classSplit(seed: Int) -> ClassSplit {
        switch kind {
        case .similar: return .similar(seed: UInt64(seed), sizeA: sizeA)
        case .dissimilar:
            func selectors(_ names: [String]?) -> [ClassSelector] {
                (names ?? []).map { s in
                    if s.hasPrefix("#"), let id = Int(s.dropFirst()) { return .id(id) }
                    return .name(s)
                }
            }
            return .dissimilar(a: selectors(a), b: selectors(b))
        }
    }
}

/// Network widths and head.
public struct NetworkConfig: Codable, Sendable, Equatable {
    public var conv: [Int]
    public var fc: [Int]
    public var dropout: Double
    /// "softmax" (K outputs) or "sigmoid" (one logit; tasks with 2 classes only).
    public var head: Network.Head

    /// The fmnist8 description for a task with `classes` classes and inputs of `inputShape`.
    public func description(inputShape: [Int], classes: Int) -> NetworkDescription {
        .fmnist8(inputShape: inputShape, classes: head == .sigmoid ? 1 : classes,
                 widths: .init(conv: conv, fc: fc), dropout: dropout)
    }
}

/// The training protocol, identical for every network of a study (equal iteration budgets).
public struct TrainingConfig: Codable, Sendable, Equatable {
    /// SGD iterations of every network (bases and transfers alike).
    public var iterations: Int
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
    public var augmentation: AugmentationConfig
    /// Compute a frozen prefix's features once per run and train on them (no augmentation only).
    /// Bit-identical to running through the frozen layers every step, and much faster.
    public var cacheFrozenPrefix: Bool

    enum CodingKeys: String, CodingKey {
        case iterations, batchSize = "batch_size", learningRate = "learning_rate", lrDecayAt = "lr_decay_at"
        case lrGamma = "lr_gamma", momentum, weightDecay = "weight_decay", mean
        case validationPerClass = "validation_per_class", evalEvery = "eval_every"
        case checkpointEvery = "checkpoint_every", evalBatchSize = "eval_batch_size", augmentation
        case cacheFrozenPrefix = "cache_frozen_prefix"
    }

    public var schedule: StepSchedule {
        StepSchedule(baseRate: Float(learningRate), gamma: Float(lrGamma),
                     milestones: lrDecayAt.map { Int(($0 * Double(iterations)).rounded()) })
    }
}

public struct AugmentationConfig: Codable, Sendable, Equatable {
    public var cropPadding: Int
    public var horizontalFlip: Bool
    enum CodingKeys: String, CodingKey { case cropPadding = "crop_padding", horizontalFlip = "horizontal_flip" }
    public var isOn: Bool { cropPadding > 0 || horizontalFlip }
}

/// Per-class training caps of tasks A and B.
public struct TaskCaps: Codable, Sendable, Equatable {
    public var a: Int?
    public var b: Int?
    enum CodingKeys: String, CodingKey { case a = "A", b = "B" }
    public func cap(_ side: TaskSide) -> Int? { side == .a ? a : b }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(a, forKey: .a)  // explicit null = all images
        try c.encode(b, forKey: .b)
    }
}
