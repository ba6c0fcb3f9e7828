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

/// Writes `data` to `url` atomically: a temporary file in the same folder, then rename.
public func writeAtomically(_ data: Data, to url: URL) throws {
    let dir = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    do {
        try data.write(to: tmp)
        guard rename(tmp.path, url.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path,
                                                          NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
    } catch {
        try? FileManager.default.removeItem(at: tmp)
        throw error
    }
}
