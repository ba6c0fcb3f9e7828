import Foundation
import Records
import Plots

/// The per-split top-1 outputs: `top1.csv` (tidy, one row per run) and `top1.md` (cells per
/// treatment and n, absolute and paired change vs base).
public enum Top1Table {
    /// The CSV columns, in order.
    public static let csvColumns = ["run_id", "split", "treatment", "source", "target", "n", "fine_tuned",
                                    "seed", "top1", "test_loss", "iterations", "seconds", "threads",
                                    "config_hash", "code_version"]

    /// `top1.csv` of one split: a header and one row per run of `split` (records of other splits
    /// are ignored), sorted by treatment (report order), n, seed, run id. Nil fields are empty
    /// cells; fields with commas, quotes, line breaks or edge spaces are quoted (RFC 4180);
    /// top-1 is the fraction in [0, 1] as recorded, written in shortest round-trip form.
    /// Lines end with "\n".
    public static func csv(records: [RunRecord], split: String) -> String {
        let rows = records.filter { $0.split == split }.sorted(by: ReportOrder.recordPrecedes)
        var lines = [csvColumns.joined(separator: ",")]
        for r in rows {
            let fields: [String] = [
                r.runID, r.split, r.treatment.rawValue, r.source ?? "", r.target, r.n.map(String.init) ?? "",
                r.fineTuned.map { $0 ? "true" : "false" } ?? "", String(r.seed),
                ReportFormat.exact(r.top1), ReportFormat.exact(r.testLoss), String(r.iterations),
                ReportFormat.exact(r.seconds), String(r.threads), r.configHash, r.codeVersion,
            ]
            lines.append(fields.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One CSV field, quoted when needed (RFC 4180: double the quotes inside).
    public static func csvField(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `top1.md` of one split: a header line (split, seeds, runs, iterations), then
    /// (a) top-1 in percent per row (baseA, baseB, each n the experiment ran) and treatment family, cells
    /// "mean ± sd [95% CI] (k)"; (b) the paired change vs the base of the target task in
    /// percentage points, same cell format with signs. "—" marks missing or undefined values;
    /// not-applicable cells (a base row under a family column) are blank.
    public static func markdown(records: [RunRecord], split: String, experiment: String) -> String {
        let results = SplitResults(name: split, records: records.filter { $0.split == split },
                                   experimentLayers: SplitResults.layers(of: records))
        var lines: [String] = []
        lines.append("# Top-1 accuracy: split \(MarkdownCells.escape(split))")
        lines.append("")
        lines.append(headerLine(results, experiment: experiment))
        lines.append("")
        lines.append("Cells: mean ± sd [95% CI] (k seeds). CI = mean ± t(0.975, k − 1) · sd / √k; "
                     + "\"—\" = missing, or undefined for k = 1.")
        lines.append("")

        let families = results.families
        lines.append("## Top-1 accuracy (%)")
        lines.append("")
        lines += MarkdownCells.header(["", "base"] + families.map(\.rawValue))
        for base in TreatmentFamily.bases {
            let cell = MarkdownCells.accuracy(results.top1(base, n: nil))
            lines.append(MarkdownCells.row([base.rawValue, cell] + families.map { _ in "" }))
        }
        for n in results.layerCounts {
            let cells = families.map { MarkdownCells.accuracy(results.top1($0, n: n)) }
            lines.append(MarkdownCells.row(["n = \(n)", ""] + cells))
        }
        lines.append("")

        lines.append("## Change vs base of the target task (percentage points, paired by seed)")
        lines.append("")
        lines.append("Per seed s: top1(treatment, s) − top1(base of its target task, s); "
                     + "A-targeted treatments (AnA, BnA, …) are compared with baseA, the others with baseB.")
        lines.append("")
        lines += MarkdownCells.header(["n"] + families.map(\.rawValue))
        for n in results.layerCounts {
            let cells = families.map { MarkdownCells.full(results.change($0, n: n), signed: true) }
            lines.append(MarkdownCells.row(["\(n)"] + cells))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "Experiment e · split s (kind) · seeds 1, 2, 3 · 45 runs · 10000 iterations".
    static func headerLine(_ results: SplitResults, experiment: String) -> String {
        let kind = results.kind.isEmpty ? "" : " (\(MarkdownCells.escape(results.kind)))"
        return "Experiment \(MarkdownCells.escape(experiment)) · split \(MarkdownCells.escape(results.name))\(kind)"
            + " · seeds \(MarkdownCells.seedList(results.seeds))"
            + " · \(results.records.count) runs"
            + " · \(MarkdownCells.iterationRange(results.iterations)) iterations"
    }
}
