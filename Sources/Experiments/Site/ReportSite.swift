import Checkpoints
import Foundation
import Metrics
import Records
import Reports

/// What the report could not document: a run and the reason (path included).
public struct ReportProblem: Sendable, Equatable, CustomStringConvertible {
    public let run: String
    public let reason: String
    public var description: String { "\(run): \(reason)" }
}

/// One finished run as the report sees it: its spec and record, its metrics and training
/// history (each either read or the reason why not).
struct RunEntry {
    let run: RunSpec
    let record: RunRecord
    let metrics: Result<EvaluationReport, RunFileError>
    let history: Result<[String: [Double]], RunFileError>

    /// The page of this run, relative to the report folder.
    var page: [String] { ["runs", run.split.name, run.directoryName + ".html"] }
}

struct RunFileError: Error {
    let path: String
    let reason: String
    /// The file is absent (a checkpoint is git-ignored, so a clone of committed results has none).
    var isMissing = false
    var description: String { "\(path): \(reason)" }
}

/// `transfer report`: a static, self-contained site under `results/<experiment>/report/` —
/// `index.html` (config, provenance, verdicts, figure, change-vs-base tables linked to the runs,
/// every run), one page per finished run (record, training curves, confusion heat map,
/// per-class metrics, ROC curves, links to its files) and `style.css`. Plain HTML with inline
/// SVG, nothing fetched; generated from the records, metrics and checkpoints alone, so the same
/// files give byte-identical pages.
public enum ReportSite {
    /// Writes the site and returns the files written and the runs it could not fully document
    /// (a missing or corrupt `metrics.json`, an unreadable checkpoint); those pages say why. A
    /// missing checkpoint (git-ignored) only leaves out the training curves, with a note.
    public static func write(plan: ExperimentPlan, layout: ResultsLayout) throws -> (files: [URL], problems: [ReportProblem]) {
        let (records, unreadable) = RunStatus.records(of: plan, in: layout)
        let runs = Dictionary(plan.runs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let entries = records.compactMap { record in runs[record.runID].map { load($0, record: record, layout: layout) } }
        guard !entries.isEmpty else { throw ReportError.noRecords(experiment: plan.config.name) }
        let folder = layout.experimentDirectory.appendingPathComponent("report", isDirectory: true)
        var outputs: [(URL, String)] = [(folder.appendingPathComponent("style.css"), SiteStyle.css + "\n")]
        let pages = Dictionary(entries.map { ($0.run.id, $0) }, uniquingKeysWith: { a, _ in a })
        for entry in entries {
            let source = plan.base(of: entry.run).flatMap { pages[$0.id] }
            outputs.append((url(folder, entry.page), RunPage.html(entry, source: source, layout: layout)))
        }
        let variants = TargetVariants.tables(SplitGroupResults.all(entries.map(\.record)))
        if !variants.isEmpty {
            outputs.append((folder.appendingPathComponent("variants.html"),
                            VariantsPage.html(experiment: plan.config.name, tables: variants)))
        }
        let analyses = AnalysesPage.figures(in: layout.experimentDirectory)
        if !analyses.isEmpty {
            outputs.append((folder.appendingPathComponent("analyses.html"),
                            AnalysesPage.html(experiment: plan.config.name, figures: analyses)))
        }
        outputs.append((folder.appendingPathComponent("index.html"),
                        IndexPage.html(plan: plan, entries: entries, hasVariants: !variants.isEmpty,
                                       hasAnalyses: !analyses.isEmpty)))
        for (url, text) in outputs { try ReportWriter.writeAtomically(text, to: url) }
        return (outputs.map(\.0), unreadable.map { ReportProblem(run: $0.path, reason: $0.reason) } + problems(entries))
    }

    static func url(_ folder: URL, _ components: [String]) -> URL {
        components.reduce(folder) { $0.appendingPathComponent($1) }
    }

    static func problems(_ entries: [RunEntry]) -> [ReportProblem] {
        entries.flatMap { e -> [ReportProblem] in
            var out: [ReportProblem] = []
            if case .failure(let error) = e.metrics {
                out.append(ReportProblem(run: e.run.qualifiedName, reason: error.description))
            }
            if case .failure(let error) = e.history, !error.isMissing {
                out.append(ReportProblem(run: e.run.qualifiedName, reason: error.description))
            }
            return out
        }
    }

    static func load(_ run: RunSpec, record: RunRecord, layout: ResultsLayout) -> RunEntry {
        let metricsURL = layout.metrics(run)
        let metrics: Result<EvaluationReport, RunFileError>
        do {
            metrics = .success(try EvaluationReport.decode(json: Data(contentsOf: metricsURL)))
        } catch {
            metrics = .failure(RunFileError(path: metricsURL.path, reason: describe(error)))
        }
        let checkpointURL = layout.checkpoint(run)
        let history: Result<[String: [Double]], RunFileError>
        if !FileManager.default.fileExists(atPath: checkpointURL.path) {
            history = .failure(RunFileError(path: checkpointURL.path, reason: "missing: no training curves", isMissing: true))
        } else {
            do {
                history = .success(try Checkpoint.read(from: checkpointURL).trainer.history)
            } catch {
                history = .failure(RunFileError(path: checkpointURL.path, reason: "no training history: \(error)"))
            }
        }
        return RunEntry(run: run, record: record, metrics: metrics, history: history)
    }

    /// A readable reason for a file that could not be read or decoded.
    static func describe(_ error: Error) -> String {
        if let error = error as? DecodingError {
            switch error {
            case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c):
                let path = c.codingPath.map(\.stringValue).joined(separator: ".")
                return "not a valid evaluation report" + (path.isEmpty ? "" : " at \(path)") + ": \(c.debugDescription)"
            @unknown default: return "not a valid evaluation report: \(error)"
            }
        }
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain && ns.code == NSFileReadNoSuchFileError { return "missing" }
        return error.localizedDescription
    }
}
