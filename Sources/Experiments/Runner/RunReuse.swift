import Checkpoints
import Foundation
import Records
import Storage

/// Finished runs of *other* experiments under the same results root that are the very same run:
/// a run id hashes everything that changes a run's numbers (data, oriented split, seed, network,
/// protocol, caps, treatment and the base's id), so an equal id is an equal result. A sweep
/// adopts such a run instead of training it again — e.g. `configs/target-size.json` shares its
/// source nets and its 300-images-per-class runs with the default study.
///
/// Adopting copies the checkpoint, `metrics.json` and `train.log` (plus a line saying where
/// they came from) and writes this experiment's record last: the same result and timings, with
/// this experiment's name, split folder and config hash, and `reused_from` naming the original.
/// The original is verified first (record seal, metrics seal, checkpoint checksums and run id);
/// anything unusable is skipped, never copied.
public struct RunReuse {
    /// Record files of other experiments' runs, by run id (in path order: the first usable one is adopted).
    private let records: [String: [URL]]
    private let root: URL

    /// Indexes `<root>/<experiment>/<split>/runs/<run>/record.json` of every experiment but `experiment`.
    public init(root: URL, excluding experiment: String) {
        self.root = root
        var records: [String: [URL]] = [:]
        let fm = FileManager.default
        func folders(_ url: URL) -> [URL] {
            ((try? fm.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)) ?? [])
                .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
        }
        for other in folders(root) where other.lastPathComponent != experiment {
            for split in folders(other) {
                for run in folders(split.appendingPathComponent("runs")) {
                    let url = run.appendingPathComponent("record.json")
                    guard let record = try? RunRecord.load(from: url) else { continue }
                    records[record.runID, default: []].append(url)
                }
            }
        }
        self.records = records
    }

    /// Whether another experiment has a record with this run's id.
    func has(_ run: RunSpec) -> Bool { records[run.id] != nil }

    /// Where another experiment has this run with its checkpoint ("default/similar/runs/baseA-seed0";
    /// the first of several), not yet verified: what `transfer plan` shows for a run a sweep would adopt.
    public func origin(of run: RunSpec) -> String? {
        let folders = (records[run.id] ?? []).map { $0.deletingLastPathComponent() }
        let withCheckpoint = folders.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("checkpoint.h5").path) }
        return withCheckpoint.map { Self.relativePath($0, root: root) }
    }

    /// What became of an identical run found in another experiment.
    enum Adoption: Equatable {
        /// Copied and verified; the original's folder relative to the results root.
        case adopted(from: String)
        /// Not used, and why (the run is trained instead).
        case skipped(from: String, reason: String)
    }

    /// Copies the first usable identical run into `run`'s folder of `layout`, then verifies it
    /// there; nil when no other experiment has this run, `.skipped` (the last reason) when none
    /// of them can be used.
    func adopt(_ run: RunSpec, config: ExperimentConfig, into layout: ResultsLayout) throws -> Adoption? {
        var outcome: Adoption?
        for recordURL in records[run.id] ?? [] {
            outcome = try adopt(run, recordURL: recordURL, config: config, into: layout)
            if case .adopted = outcome { break }
        }
        return outcome
    }

    private func adopt(_ run: RunSpec, recordURL: URL, config: ExperimentConfig, into layout: ResultsLayout) throws -> Adoption {
        let source = recordURL.deletingLastPathComponent()
        let origin = Self.relativePath(source, root: layout.root)
        if let problem = Self.problem(source, runID: run.id) { return .skipped(from: origin, reason: problem) }
        let lock = try RunLock(layout.lock(run))
        defer { withExtendedLifetime(lock) {} }
        let destination = layout.runDirectory(run)
        let fm = FileManager.default
        try AtomicFile.write(try Data(contentsOf: source.appendingPathComponent("checkpoint.h5")), to: layout.checkpoint(run))
        if let metrics = fm.contents(atPath: source.appendingPathComponent("metrics.json").path) {
            try AtomicFile.write(metrics, to: layout.metrics(run))
        }
        var log = fm.contents(atPath: source.appendingPathComponent("train.log").path) ?? Data()
        log.append(Data("\(CheckpointMetadata.timestamp()) reused: the run with the same id (\(run.id)) from \(origin), copied by experiment \(config.name) instead of training it again\n".utf8))
        try AtomicFile.write(log, to: layout.log(run))
        try? fm.removeItem(at: layout.failure(run))
        var record = try RunRecord.load(from: recordURL)
        record.experiment = config.name
        record.split = run.split.name
        record.splitGroup = run.splitGroup
        record.configHash = config.hash
        record.reusedFrom = origin
        try AtomicFile.write(try SealedJSON.encode(record), to: layout.record(run))
        guard RunStatus.of(run, in: layout, ignoringLock: true).isDone else {
            try? fm.removeItem(at: layout.record(run))
            return .skipped(from: origin, reason: "the copy in \(destination.path) does not verify")
        }
        return .adopted(from: origin)
    }

    /// Why an original cannot be adopted (nil when its record, metrics and checkpoint verify).
    static func problem(_ folder: URL, runID: String) -> String? {
        let metrics = folder.appendingPathComponent("metrics.json")
        if let problem = RunStatus.metricsProblem(metrics) { return problem }
        switch Checkpoint.verify(folder.appendingPathComponent("checkpoint.h5")) {
        case .usable(let meta) where meta.runID == runID: return nil
        case .usable: return "its checkpoint belongs to another run id"
        case .corrupt(let e): return "its checkpoint is unusable: \(e)"
        case .absent: return "it has no checkpoint.h5 (committed results keep none)"
        }
    }

    /// `folder` relative to the results root ("default/similar/runs/baseA-seed0").
    static func relativePath(_ folder: URL, root: URL) -> String {
        let base = root.standardizedFileURL.path + "/"
        let path = folder.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
