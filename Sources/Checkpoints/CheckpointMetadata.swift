import Foundation
import Storage

/// The root attributes of a checkpoint file, typed. (`format` and `format_version` are
/// constants of the format, see `Checkpoint.formatName` / `Checkpoint.formatVersion`.)
public struct CheckpointMetadata: Sendable, Equatable, Codable {
    /// The run's configuration as JSON text (stored verbatim).
    public var config: String
    /// Lowercase hex SHA-256 of `config`'s UTF-8 bytes; verified on read.
    public var configSHA256: String
    public var runID: String
    public var treatment: String
    /// Number of transferred layers (the paper's n).
    public var n: Int
    public var seed: Int
    public var epoch: Int
    public var step: Int
    public var codeVersion: String
    /// ISO 8601 creation time (kept as text so it round-trips exactly).
    public var created: String
    /// The data set the run was trained on: the canonical JSON of its `DatasetSpec` (kind, path
    /// and options), enough to reload it (`CheckpointEvaluation`).
    public var dataset: String
    /// Class ids of the task, in output-unit order.
    public var classIDs: [Int]
    /// Class names, same order (stored as a JSON array string).
    public var classNames: [String]
    /// Multiplier applied to raw inputs before mean subtraction (always 1/255: the readers
    /// already scale pixels; recorded for readers outside this tool and shown by `inspect`).
    public var inputScale: Double
    /// Per-input mean subtracted after scaling (stored as /preprocessing/input_mean).
    public var inputMean: Tensor
    /// JSON describing the network, as the caller provides it.
    public var architecture: String

    /// `configSHA256` defaults to the SHA-256 of `config`, `created` to now.
    public init(config: String, configSHA256: String? = nil, runID: String, treatment: String, n: Int,
                seed: Int, epoch: Int, step: Int, codeVersion: String, created: String = CheckpointMetadata.timestamp(),
                dataset: String, classIDs: [Int], classNames: [String], inputScale: Double, inputMean: Tensor,
                architecture: String) {
        self.config = config
        self.configSHA256 = configSHA256 ?? SHA256.hex(config)
        self.runID = runID
        self.treatment = treatment
        self.n = n
        self.seed = seed
        self.epoch = epoch
        self.step = step
        self.codeVersion = codeVersion
        self.created = created
        self.dataset = dataset
        self.classIDs = classIDs
        self.classNames = classNames
        self.inputScale = inputScale
        self.inputMean = inputMean
        self.architecture = architecture
    }

    /// An ISO 8601 UTC timestamp with seconds, e.g. "2025-01-31T12:00:00Z".
    public static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// Optimizer and loop state needed to resume training exactly.
public struct TrainerState: Sendable, Equatable, Codable {
    public var step: Int
    public var epoch: Int
    /// Current learning rate.
    public var lr: Double
    /// Random-generator state words (e.g. several generators' states concatenated).
    public var rngState: [UInt64]
    /// Extra named integer state (stored as int64 array attributes of /trainer).
    public var counters: [String: [Int64]]
    /// Per-epoch curves such as train_loss, val_accuracy (float64 datasets under /trainer/history).
    public var history: [String: [Double]]

    public init(step: Int, epoch: Int, lr: Double, rngState: [UInt64] = [], counters: [String: [Int64]] = [:],
                history: [String: [Double]] = [:]) {
        self.step = step
        self.epoch = epoch
        self.lr = lr
        self.rngState = rngState
        self.counters = counters
        self.history = history
    }

    /// Attribute names of /trainer that are not counters.
    static let reservedNames: Set<String> = ["step", "epoch", "lr", "rng_state"]
}
