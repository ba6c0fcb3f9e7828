import Datasets
import Randomness

/// The named random streams of a study: every random choice of a run is drawn from one of these,
/// derived from (seed, oriented split, purpose). Salting with the oriented split ("similar",
/// "dissimilar", "dissimilar-BA") makes the runs of different splits and directions independent
/// for the same seed, so comparisons between them may treat them as independent samples; runs
/// of one split share the target task's subsample and batch order (the paper's paired design).
public enum RunStream: Sendable {
    /// Initial weights of the run with this label.
    case initialization(label: String)
    /// Dropout masks of the run with this label.
    case dropout(label: String)
    /// Order of the training batches of a task.
    case batchOrder(TaskSide)
    /// Validation hold-out and per-class subsample of a task.
    case subsample(TaskSide)

    /// The 64-bit seed of this stream for one seed of one oriented split.
    public func seed(_ seed: Int, split: String) -> UInt64 {
        let (stream, salt): (RandomStream, String) = switch self {
        case let .initialization(label): (.initialization, label)
        case let .dropout(label): (.dropout, label)
        case let .batchOrder(side): (.batchOrder, side.rawValue)
        case let .subsample(side): (.subsample, side.rawValue)
        }
        return SplitMix64.derived(seed: UInt64(seed), stream: stream.rawValue ^ fnv1a("\(split)|\(salt)")).state
    }
}
