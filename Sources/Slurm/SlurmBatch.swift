import Foundation

/// One wave as written: its runs in array-index order and its script.
public struct SlurmWave: Sendable, Hashable {
    /// The wave number k (depth in the DAG).
    public var index: Int
    /// The runs; array task i runs `runs[i]`.
    public var runs: [SlurmRunSpec]
    /// `wave-k.sbatch` in the batch directory.
    public var script: URL
    /// The job name, `transfer-<experiment>-w<k>`.
    public var jobName: String

    /// The step name used in jobs.tsv and errors: "wave-k".
    public var step: String { "wave-\(index)" }
}

/// The files written for one experiment, ready to submit.
///
/// Layout of `directory`: `wave-0.sbatch`…, `finalize.sbatch`, `manifest.tsv`
/// (wave, index, run id, label, split, seed), `logs/wave-k-<index>.out`, `logs/finalize.out`,
/// and after submission `jobs.tsv`.
public struct SlurmBatch: Sendable, Hashable {
    public var experiment: String
    public var directory: URL
    public var waves: [SlurmWave]
    public var finalizeScript: URL
    public var manifest: URL
    public var logsDirectory: URL

    /// Where the submitter appends the job ids.
    public var jobsFile: URL { directory.appendingPathComponent("jobs.tsv") }
}
