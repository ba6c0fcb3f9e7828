import Foundation
import Plots

/// Markdown building blocks shared by `top1.md` and `summary.md`.
public enum MarkdownCells {
    /// "mean ± sd [lo, hi] (k)" with one decimal; sd and CI print "—" for k = 1, the whole cell
    /// is "—" for k = 0. `signed` prefixes "+" to positive mean and bounds (for differences).
    /// `clamp` bounds the displayed interval to what the quantity can be (top-1: 0…100).
    static func full(_ summary: SampleSummary, signed: Bool = false, clamp: ClosedRange<Double>? = nil) -> String {
        guard let mean = summary.mean else { return ReportFormat.missing }
        let number = signed ? { ReportFormat.signed($0, 1) } : { ReportFormat.fixed($0, 1) }
        let sd = summary.standardDeviation.map { ReportFormat.fixed($0, 1) } ?? ReportFormat.missing
        return "\(number(mean)) ± \(sd) \(interval(summary, number, clamp: clamp)) (\(summary.count))"
    }

    /// A top-1 cell (percent): `full` with the interval clamped to [0, 100].
    static func accuracy(_ summary: SampleSummary) -> String { full(summary, clamp: 0...100) }

    /// "mean [lo, hi] (k)" with one decimal: the compact cell of `summary.md`.
    static func compact(_ summary: SampleSummary, signed: Bool = true) -> String {
        guard let mean = summary.mean else { return ReportFormat.missing }
        let number = signed ? { ReportFormat.signed($0, 1) } : { ReportFormat.fixed($0, 1) }
        return "\(number(mean)) \(interval(summary, number)) (\(summary.count))"
    }

    /// "[lo, hi]" or "[—]" when the interval is undefined.
    static func interval(_ summary: SampleSummary, _ number: (Double) -> String, clamp: ClosedRange<Double>? = nil) -> String {
        guard var ci = summary.confidenceInterval95 else { return "[\(ReportFormat.missing)]" }
        if let clamp { ci = ci.clamped(to: clamp) }
        return "[\(number(ci.lowerBound)), \(number(ci.upperBound))]"
    }

    /// One table row: "| a | b |".
    public static func row(_ cells: [String]) -> String {
        "| " + cells.map(escape).joined(separator: " | ") + " |"
    }

    /// The header and separator rows of a table.
    public static func header(_ cells: [String]) -> [String] {
        [row(cells), "|" + cells.map { _ in "---" }.joined(separator: "|") + "|"]
    }

    /// Escapes characters that would break a table cell or be read as markup.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|", "\\", "*", "_", "`", "<", ">": out += "\\" + String(character)
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// The seeds as "1, 2, 3" (or "none").
    static func seedList(_ seeds: [Int]) -> String {
        seeds.isEmpty ? "none" : seeds.map(String.init).joined(separator: ", ")
    }

    /// Iteration counts as "10000" or "5000–10000" when they differ.
    static func iterationRange(_ iterations: [Int]) -> String {
        guard let low = iterations.first, let high = iterations.last else { return ReportFormat.missing }
        return low == high ? String(low) : "\(low)–\(high)"
    }
}
