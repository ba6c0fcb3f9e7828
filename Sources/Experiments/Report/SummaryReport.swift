import Foundation

/// `summary.md`: the across-split overview — base accuracies, the paired change vs base per n,
/// the fine-tuning boost of AnB+ averaged over layer ranges, and dissimilar − similar for AnB.
public enum SummaryReport {
    /// The families of the per-split change tables, in this order (only those present are shown).
    public static let changeFamilies = ["AnB", "AnB+", "BnB", "BnB+", "randomNB"]

    /// The layer ranges over which the AnB+ − baseB boost is averaged (as in the paper).
    public static let boostRanges: [ClosedRange<Int>] = [1...7, 5...7]

    /// Renders `summary.md` for all splits in `records` (percent / percentage points, 1 decimal).
    public static func markdown(records: [RunRecord], experiment: String) -> String {
        let splits = SplitResults.all(records)
        var lines: [String] = []
        lines.append("# Transfer summary: experiment \(MarkdownCells.escape(experiment))")
        lines.append("")
        lines.append("\(records.count) runs in \(splits.count) split\(splits.count == 1 ? "" : "s"). "
                     + "Changes are paired by seed: treatment(seed s) − base of the target task(seed s), "
                     + "in percentage points. Cells: mean [95% CI] (k seeds); \"—\" = missing or undefined (k = 1).")
        lines.append("")

        // Base accuracies.
        lines.append("## Base accuracies (top-1 %)")
        lines.append("")
        lines.append("Cells: mean ± sd [95% CI] (k seeds).")
        lines.append("")
        lines += MarkdownCells.header(["split", "kind", "seeds", "iterations", "baseA", "baseB"])
        for split in splits {
            lines.append(MarkdownCells.row([
                split.name, split.kind.isEmpty ? ReportFormat.missing : split.kind,
                MarkdownCells.seedList(split.seeds), MarkdownCells.iterationRange(split.iterations),
                MarkdownCells.full(split.top1("baseA", n: nil)), MarkdownCells.full(split.top1("baseB", n: nil)),
            ]))
        }
        lines.append("")

        // Change vs base per split.
        for split in splits {
            let families = changeFamilies.filter { split.families.contains($0) }
            lines.append("## Change vs base: \(MarkdownCells.escape(split.name))"
                         + (split.kind.isEmpty || split.kind == split.name ? "" : " (\(MarkdownCells.escape(split.kind)))"))
            lines.append("")
            guard !families.isEmpty else {
                lines.append("No AnB, AnB+, BnB, BnB+ or randomNB runs.")
                lines.append("")
                continue
            }
            lines += MarkdownCells.header(["n"] + families)
            for n in split.layerCounts {
                lines.append(MarkdownCells.row(["\(n)"] + families.map { MarkdownCells.compact(split.change($0, n: n)) }))
            }
            lines.append("")
        }

        // Fine-tuning boost.
        lines.append("## AnB+ − baseB (percentage points)")
        lines.append("")
        lines.append("Per seed: the mean over n of the paired change of AnB+; then mean ± sd [95% CI] over seeds. "
                     + "Only seeds with every n of the range are used.")
        lines.append("")
        lines += MarkdownCells.header(["split"] + boostRanges.map { "n = \($0.lowerBound)…\($0.upperBound)" })
        for split in splits {
            let cells = boostRanges.map { range -> String in
                let (summary, used) = split.meanChange("AnB+", over: range)
                let cell = MarkdownCells.full(summary, signed: true)
                let complete = used == Array(range)
                return complete || used.isEmpty ? cell : cell + " (n = " + used.map(String.init).joined(separator: ", ") + " only)"
            }
            lines.append(MarkdownCells.row([split.name] + cells))
        }
        lines.append("")

        // Dissimilar − similar.
        if let similar = splits.first(where: { $0.kind == "similar" }),
           let dissimilar = splits.first(where: { $0.kind == "dissimilar" }) {
            lines.append("## AnB change vs base: dissimilar − similar (percentage points)")
            lines.append("")
            lines.append("Split \(MarkdownCells.escape(dissimilar.name)) minus split \(MarkdownCells.escape(similar.name)); "
                         + "the difference of the mean paired changes with a Welch 95% CI (the splits' runs are independent).")
            lines.append("")
            lines += MarkdownCells.header(["n", "similar", "dissimilar", "dissimilar − similar"])
            let layers = Array(Set(similar.layerCounts + dissimilar.layerCounts)).sorted()
            for n in layers {
                let s = similar.change("AnB", n: n), d = dissimilar.change("AnB", n: n)
                lines.append(MarkdownCells.row(["\(n)", MarkdownCells.compact(s), MarkdownCells.compact(d),
                                                differenceCell(d, s)]))
            }
            lines.append("")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "mean(a) − mean(b) [Welch CI]" or "—".
    static func differenceCell(_ a: SampleSummary, _ b: SampleSummary) -> String {
        guard let ma = a.mean, let mb = b.mean else { return ReportFormat.missing }
        let difference = ReportFormat.signed(ma - mb, 1)
        guard let ci = Statistics.welchInterval95(a.values, b.values) else {
            return "\(difference) [\(ReportFormat.missing)]"
        }
        return "\(difference) [\(ReportFormat.signed(ci.lowerBound, 1)), \(ReportFormat.signed(ci.upperBound, 1))]"
    }
}
