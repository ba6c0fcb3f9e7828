import Foundation
import Storage

/// The tidy record of one finished run (`runs/<run>/record.json`): who it is, how it was
/// trained and how it scored. Tables and figures are assembled from these records alone.
public struct RunRecord: Codable, Sendable, Equatable {
    /// Stable id: hash of everything that affects the result (including the base run's id).
    public var runID: String
    public var experiment: String
    /// Split name from the config, e.g. "similar" or "dissimilar".
    public var split: String
    /// Split kind: "similar" (random halves) or "dissimilar" (class lists).
    public var splitKind: String
    /// The treatment, written as in the paper: "baseA", "baseB", "AnB", "AnB+", "BnB", "BnB+",
    /// "BnA", "BnA+", "AnA", "AnA+", "randomNB" (random frozen filters). Any other value makes
    /// the record unreadable (`RunRecord.load` names the file).
    public var treatment: TreatmentFamily
    /// "A"/"B" for copied layers, "random" for random frozen filters, nil for a base.
    public var source: String?
    /// The task trained and tested on: "A" or "B".
    public var target: String
    /// Number of copied (or random frozen) layers, 1…7; nil for a base.
    public var n: Int?
    /// Whether the copied layers were fine-tuned ("+" treatments); false for frozen; nil for a base.
    public var fineTuned: Bool?
    /// The seed: picks the random class split (similar), the subsample, initialisation and order.
    public var seed: Int
    /// Top-1 accuracy on the target task's test set, in [0, 1].
    public var top1: Double
    /// Mean cross-entropy on the test set (nats).
    public var testLoss: Double
    public var iterations: Int
    public var seconds: Double
    public var threads: Int
    public var configHash: String
    public var codeVersion: String
    /// Dataset class ids of the target task, in output order, and their names.
    public var classIDs: [Int]
    public var classNames: [String]
    public var trainImages: Int
    public var testImages: Int
    public var created: String
    /// The config's split this run belongs to (both directions of a split share it); nil in
    /// records written before directions existed (then it is `split`).
    public var splitGroup: String?
    /// "A→B" or "B→A" (nil in older records: A→B).
    public var direction: String?
    /// Training batch size (nil in older records).
    public var batchSize: Int?
    /// Seconds spent in training steps (the rest of `seconds` is set-up, validation, checkpoints).
    public var stepSeconds: Double?
    /// Wall seconds of the run: the training loop over all attempts plus the last attempt's
    /// data loading, set-up and test evaluation (what `stepSeconds` is a share of).
    public var wallSeconds: Double?
    /// The CPU model and the ISA oneDNN used (nil in older records): with `threads`, what makes
    /// a rerun bit-identical.
    public var cpu: String?
    public var isa: String?
    /// Where the time outside the steps went (nil in older records): validating and writing
    /// checkpoints (the training loop, all attempts), and predicting and scoring the test set
    /// (the last attempt). The rest of `wallSeconds` is set-up: start-up, data, the base's
    /// checkpoint, the frozen prefix's features.
    public var validationSeconds: Double?
    public var checkpointSeconds: Double?
    public var testSeconds: Double?
    /// The run process's peak resident memory in bytes (its last attempt; nil in older records).
    public var peakRSSBytes: Int?
    /// Set when a sweep adopted this run from another experiment with the same run id instead of
    /// training it: the original's folder under the results root ("default/similar/runs/baseA-seed0").
    /// Result, timings, code version and `created` are the original's.
    public var reusedFrom: String?

    public init(runID: String, experiment: String, split: String, splitKind: String, treatment: TreatmentFamily,
                source: String?, target: String, n: Int?, fineTuned: Bool?, seed: Int, top1: Double,
                testLoss: Double, iterations: Int, seconds: Double, threads: Int, configHash: String,
                codeVersion: String, classIDs: [Int], classNames: [String], trainImages: Int, testImages: Int,
                created: String) {
        self.runID = runID; self.experiment = experiment; self.split = split; self.splitKind = splitKind
        self.treatment = treatment; self.source = source; self.target = target; self.n = n
        self.fineTuned = fineTuned; self.seed = seed; self.top1 = top1; self.testLoss = testLoss
        self.iterations = iterations; self.seconds = seconds; self.threads = threads
        self.configHash = configHash; self.codeVersion = codeVersion; self.classIDs = classIDs
        self.classNames = classNames; self.trainImages = trainImages; self.testImages = testImages
        self.created = created
    }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", experiment, split, splitKind = "split_kind", treatment, source, target, n
        case fineTuned = "fine_tuned", seed, top1, testLoss = "test_loss", iterations, seconds, threads
        case configHash = "config_hash", codeVersion = "code_version", classIDs = "class_ids"
        case classNames = "class_names", trainImages = "train_images", testImages = "test_images", created
        case splitGroup = "split_group", direction, batchSize = "batch_size", stepSeconds = "step_seconds", wallSeconds = "wall_seconds", cpu, isa
        case validationSeconds = "validation_seconds", checkpointSeconds = "checkpoint_seconds", testSeconds = "test_seconds"
        case peakRSSBytes = "peak_rss_bytes", reusedFrom = "reused_from"
    }

    /// Set-up seconds: the wall time neither in steps, validation, checkpoints nor the test
    /// evaluation (start-up, data, the base's checkpoint, the frozen prefix's features); nil
    /// unless the record itemises its time.
    public var setUpSeconds: Double? {
        guard let wallSeconds, let stepSeconds, let validationSeconds, let testSeconds else { return nil }
        return max(0, wallSeconds - stepSeconds - validationSeconds - (checkpointSeconds ?? 0) - testSeconds)
    }

    /// The config's split ("dissimilar" for both of its directions).
    public var group: String { splitGroup ?? split }
    /// The direction, A→B for records that predate directions.
    public var splitDirection: String { direction ?? SplitDirection.forward.rawValue }
    /// The target variant of a config that compares several ("-i600", "-c100"): what the split
    /// folder adds to the oriented split's name; "" for a single variant and for source nets.
    public var variant: String {
        let oriented = group + (splitDirection == SplitDirection.reverse.rawValue ? SplitDirection.reverse.nameSuffix : "")
        return split.hasPrefix(oriented) ? String(split.dropFirst(oriented.count)) : ""
    }
}

extension RunRecord {
    /// Reads and verifies `record.json`; an unreadable, damaged or unknown-treatment record
    /// throws a `SealError` naming the file.
    public static func load(from url: URL) throws -> RunRecord {
        try SealedJSON.read(RunRecord.self, from: url)
    }
}
