import Foundation
import Plots
import Records
import Reports

/// `index.html`: config and provenance, the verdicts, the figure, per split the base and
/// change-vs-base tables whose cells link to the runs behind them, and every run.
enum IndexPage {
    static func html(plan: ExperimentPlan, entries: [RunEntry], hasVariants: Bool = false,
                     hasAnalyses: Bool = false) -> String {
        let config = plan.config
        let records = entries.map(\.record)
        var body = ["<h1>Experiment \(HTML.escape(config.name))</h1>"]
        body += provenance(plan: plan, entries: entries)
        body += verdictTable(records: records)
        body += ["<h2>Figure</h2>", "<figure>", figureFragment(records: records, experiment: config.name), "</figure>"]
        body += sourceCurves(entries)
        let byRecord = Dictionary(entries.map { ($0.record.runID, $0) }, uniquingKeysWith: { a, _ in a })
        for split in SplitResults.all(records) { body += splitSection(split, pages: byRecord) }
        if hasVariants {
            body += ["<h2>Target variants</h2>",
                     "<p>" + HTML.link("How the findings move with the target budget and size", href: "variants.html") + "</p>"]
        }
        if hasAnalyses {
            body += ["<h2>Layer similarity and target size</h2>",
                     "<p>" + HTML.link("The heat maps and curves of the analyses", href: "analyses.html") + "</p>"]
        }
        body += runList(entries)
        let hash = HTML.escape(String(config.hash.prefix(12)))
        body += ["<h2>Config (resolved)</h2>", "<details><summary>config hash <code>\(hash)</code></summary>",
                 "<pre>\(HTML.escape(prettyJSON(config)))</pre>", "</details>"]
        return HTML.page(title: "Experiment \(config.name)", stylesheet: "style.css", body: body)
    }

    /// The verdict table for the paper's findings (a)–(e), from `Verdicts` (the same rule and
    /// numbers as summary.md).
    static func verdictTable(records: [RunRecord]) -> [String] {
        let findings = Verdicts.findings(records)
        guard !findings.isEmpty else { return [] }
        let rule = HTML.escape(Verdicts.rule).replacingOccurrences(of: "*", with: "")
        return ["<h2>The paper's findings</h2>", "<p>\(rule)</p>"]
            + HTML.table(header: Verdicts.columns, rows: findings.map { Verdicts.cells($0).map(HTML.escape) }, numericFrom: 99)
    }

    static func provenance(plan: ExperimentPlan, entries: [RunEntry]) -> [String] {
        let records = entries.map(\.record)
        let versions = Set(records.map(\.codeVersion)).sorted().joined(separator: ", ")
        let threads = Set(records.map(\.threads)).sorted().map(String.init).joined(separator: ", ")
        let seconds = records.reduce(0) { $0 + $1.seconds }
        let facts: [(String, String)] = [
            ("Runs finished", "\(entries.count) of \(plan.runs.count) planned"),
            ("Code version", HTML.escape(versions)),
            ("Config hash", "<code>\(HTML.escape(plan.config.hash))</code>"),
            ("Training time", "\(ReportFormat.fixed(seconds / 60, 1)) run-minutes (sum over runs)"),
            ("Threads per run", HTML.escape(threads)),
            ("Machine, ISA", machines(records)),
        ]
        return ["<h2>Provenance</h2>", HTML.facts(facts)]
    }

    /// Distinct "CPU (ISA)" of the records; older records without them are counted as such.
    static func machines(_ records: [RunRecord]) -> String {
        let known = Set(records.compactMap { r in r.cpu.map { "\($0) (\(r.isa ?? "ISA unknown"))" } }).sorted()
        let unrecorded = records.filter { $0.cpu == nil }.count
        var parts = known.map(HTML.escape)
        if unrecorded > 0 { parts.append("not recorded in \(unrecorded) older record\(unrecorded == 1 ? "" : "s")") }
        return parts.joined(separator: "; ")
    }

    /// The source nets' validation curves (as `sources.svg`, here from the checkpoints' history).
    static func sourceCurves(_ entries: [RunEntry]) -> [String] {
        let series = entries.filter { $0.record.treatment == .baseA }
            .sorted { ($0.record.split, $0.record.seed) < ($1.record.split, $1.record.seed) }
            .compactMap { entry -> LineSeries? in
                guard case .success(let h) = entry.history, let v = h[HistoryName.validationAccuracy], let s = h[HistoryName.validationStep], !v.isEmpty
                else { return nil }
                return LineSeries(name: "\(entry.record.split) seed \(entry.record.seed)",
                                  points: zip(s, v).map { (x: $0, y: $1 * 100) })
            }
        guard !series.isEmpty else { return [] }
        return ["<h2>Source nets</h2>", "<p>Validation top-1 of every baseA while it trained: the layers copied "
                + "into AnB and AnB+ come from the end of these curves.</p>"]
            + HTML.figure(LinePlot.draw(series, title: "Source nets (baseA): validation top-1", xLabel: "step",
                                        yLabel: "validation top-1 %"))
    }

    /// `figure.svg`'s drawing, inline (without its XML declaration).
    static func figureFragment(records: [RunRecord], experiment: String) -> String {
        let svg = TransferFigure.svg(records: records, experiment: experiment)
        return svg.hasPrefix("<?xml") ? String(svg.drop { $0 != "\n" }.dropFirst()) : svg
    }

    /// Base accuracies and the change vs base per n; every cell lists its runs by seed.
    static func splitSection(_ split: SplitResults, pages: [String: RunEntry]) -> [String] {
        func links(_ treatment: TreatmentFamily, _ n: Int?) -> String {
            let runs = split.records.filter { $0.treatment == treatment && $0.n == n }.sorted { $0.seed < $1.seed }
            let items = runs.compactMap { r in pages[r.runID].map { HTML.link("s\(r.seed)", href: HTML.href($0.page)) } }
            return items.isEmpty ? "" : " <span class=\"seeds\">" + items.joined(separator: " ") + "</span>"
        }
        func cell(_ summary: SampleSummary, signed: Bool) -> String {
            guard let mean = summary.mean else { return ReportFormat.missing }
            let text = signed ? ReportFormat.signed(mean, 1) : ReportFormat.fixed(mean, 1)
            guard let ci = summary.confidenceInterval95 else { return text }
            return text + " [\(ReportFormat.signed(ci.lowerBound, 1)), \(ReportFormat.signed(ci.upperBound, 1))]"
        }
        let name = HTML.escape(split.name)
        var lines = ["<h2 id=\"split-\(name)\">Split \(name) (\(HTML.escape(split.kind)))</h2>"]
        let bases = TreatmentFamily.bases.map { b in [b.rawValue, cell(split.top1(b, n: nil), signed: false) + links(b, nil)] }
        lines += HTML.table(header: ["base", "top-1 (%) mean [95% CI]"], rows: bases, caption: "Base networks")
        let families = split.families
        if !families.isEmpty {
            let rows = split.layerCounts.map { n in
                ["\(n)"] + families.map { cell(split.change($0, n: n), signed: true) + links($0, n) }
            }
            lines += HTML.table(header: ["n"] + families.map(\.rawValue), rows: rows,
                                caption: "Change vs base (percentage points, paired by seed): mean [95% CI]; "
                                    + "links: the runs by seed")
        }
        return lines
    }

    static func runList(_ entries: [RunEntry]) -> [String] {
        let rows = entries.map { e -> [String] in
            let problem: String
            switch (e.metrics, e.history) {
            case (.success, .success): problem = ""
            default: problem = "<span class=\"problem\">incomplete</span>"
            }
            return [HTML.link(e.run.qualifiedName, href: HTML.href(e.page)), ReportFormat.fixed(100 * e.record.top1, 2), problem]
        }
        return ["<h2>All runs</h2>"] + HTML.table(header: ["run", "top-1 (%)", ""], rows: rows)
    }

    static func prettyJSON<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }
}
