import Checkpoints
import Foundation
import Records
import Storage

/// Where a run stands in a results folder.
public enum RunStatus: Sendable, CustomStringConvertible {
    /// Finished: a record with this run's id and a verified checkpoint.
    case done(RunRecord)
    /// Never started (or its partial outputs were unusable and are to be replaced).
    case missing
    /// Interrupted: a verified checkpoint of this run at `step` < the budget.
    case resumable(step: Int)
    /// Finished under another config (its id differs): to be retrained.
    case stale(String)
    /// Unusable outputs (unreadable record, checksum failure…): treated as absent, never used.
    case corrupt(String)
    /// The last attempt failed; the reason it gave.
    case failed(String)
    /// Another process holds the run's lock right now.
    case running

    public var isDone: Bool { if case .done = self { return true } else { return false } }

    public var word: String {
        switch self {
        case .done: return "done"
        case .missing: return "missing"
        case .resumable: return "resumable"
        case .stale: return "stale"
        case .corrupt: return "corrupt"
        case .failed: return "failed"
        case .running: return "running"
        }
    }

    public var description: String {
        switch self {
        case .done(let r): return String(format: "done (top-1 %.4f)", r.top1)
        case .missing: return "missing"
        case .resumable(let step): return "resumable (checkpoint at step \(step))"
        case .stale(let why): return "stale (\(why))"
        case .corrupt(let why): return "corrupt (\(why))"
        case .failed(let why): return "failed (\(why))"
        case .running: return "running"
        }
    }

    /// The run's record if one with this run's id is present (tables need nothing more; the
    /// checkpoint may be absent, e.g. in a clone of committed results): nil when there is none
    /// or it belongs to another id. Throws a `SealError` naming the file when the record cannot
    /// be read: damaged, or of a treatment this version does not know.
    public static func record(of run: RunSpec, in layout: ResultsLayout) throws -> RunRecord? {
        let url = layout.record(run)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let record = try RunRecord.load(from: url)
        return record.runID == run.id ? record : nil
    }

    /// The records of a plan's finished runs, in plan order, and the record files that cannot be
    /// read (each error names its file), which reports list instead of skipping them silently.
    public static func records(of plan: ExperimentPlan, in layout: ResultsLayout) -> (records: [RunRecord], unreadable: [SealError]) {
        var records: [RunRecord] = [], unreadable: [SealError] = []
        for run in plan.runs {
            do {
                if let record = try record(of: run, in: layout) { records.append(record) }
            } catch let error as SealError {
                unreadable.append(error)
            } catch {
                unreadable.append(SealError(path: layout.record(run).path, reason: "\(error)"))
            }
        }
        return (records, unreadable)
    }

    /// Why the run's `metrics.json` cannot be trusted (nil when absent — it is not committed — or intact).
    static func metricsProblem(_ url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do { _ = try SealedJSON.verify(data, path: url.path) } catch { return "\(error)" }
        return nil
    }

    /// Inspects a run's folder. Reads and verifies its checkpoint (checksums) but changes nothing.
    /// `ignoringLock`: for the lock's holder, which sees its own run as running otherwise.
    public static func of(_ run: RunSpec, in layout: ResultsLayout, ignoringLock: Bool = false) -> RunStatus {
        if !ignoringLock && RunLock.isHeld(layout.lock(run)) { return .running }
        let recordURL = layout.record(run)
        if FileManager.default.fileExists(atPath: recordURL.path) {
            let record: RunRecord
            do { record = try RunRecord.load(from: recordURL) } catch {
                return .corrupt("\(recordURL.lastPathComponent) is unreadable: \(error)")
            }
            if let problem = metricsProblem(layout.metrics(run)) { return .corrupt(problem) }
            guard record.runID == run.id else {
                return .stale("recorded run id \(record.runID), the config now gives \(run.id)")
            }
            switch Checkpoint.verify(layout.checkpoint(run)) {
            case .usable(let meta) where meta.runID == run.id: return .done(record)
            case .usable: return .corrupt("checkpoint belongs to another run id")
            case .corrupt(let e): return .corrupt("\(e)")
            case .absent: return .corrupt("checkpoint.h5 is missing")
            }
        }
        if let why = try? String(contentsOf: layout.failure(run), encoding: .utf8) {
            return .failed(why.split(separator: "\n").first.map(String.init) ?? "unknown")
        }
        switch Checkpoint.verify(layout.checkpoint(run)) {
        case .usable(let meta) where meta.runID == run.id: return .resumable(step: meta.step)
        case .usable: return .stale("checkpoint of another config")
        case .corrupt(let e): return .corrupt("\(e)")
        case .absent: return .missing
        }
    }
}
