import Foundation

/// Where a study's outputs live: `<root>/<experiment>/<split>/runs/<label>-seed<k>/…`.
public struct ResultsLayout: Sendable {
    public let root: URL
    public let experiment: String

    public init(root: URL, experiment: String) {
        self.root = root
        self.experiment = experiment
    }

    public var experimentDirectory: URL { root.appendingPathComponent(experiment, isDirectory: true) }
    public func splitDirectory(_ split: String) -> URL { experimentDirectory.appendingPathComponent(split, isDirectory: true) }

    public func runDirectory(_ run: RunSpec) -> URL {
        splitDirectory(run.split.name).appendingPathComponent("runs", isDirectory: true)
            .appendingPathComponent(run.directoryName, isDirectory: true)
    }

    /// The final (and, while training, the latest resumable) checkpoint.
    public func checkpoint(_ run: RunSpec) -> URL { runDirectory(run).appendingPathComponent("checkpoint.h5") }
    /// The run's tidy record; its presence with the run's id means "done".
    public func record(_ run: RunSpec) -> URL { runDirectory(run).appendingPathComponent("record.json") }
    /// The full evaluation report of the final network on the test set.
    public func metrics(_ run: RunSpec) -> URL { runDirectory(run).appendingPathComponent("metrics.json") }
    public func log(_ run: RunSpec) -> URL { runDirectory(run).appendingPathComponent("train.log") }
    public func lock(_ run: RunSpec) -> URL { runDirectory(run).appendingPathComponent("run.lock") }
    /// Written when a run fails; removed when it succeeds.
    public func failure(_ run: RunSpec) -> URL { runDirectory(run).appendingPathComponent("failed.txt") }
    public var slurmDirectory: URL { experimentDirectory.appendingPathComponent("slurm", isDirectory: true) }
}
