import Foundation
import Records
import Plots

/// `summary.md`: the paper's findings judged (`Verdicts`), base accuracies, the paired change vs
/// base per n (per direction and, for a split run both ways, pooled), our numbers beside the
/// paper's, the fine-tuning boost, dissimilar − similar, target-variant sensitivity and, for
/// several target sizes, when transfer pays. Per-n tables have a row per depth the experiment ran.
public enum SummaryReport {
    /// The families of the per-split change tables, in this order (only those present are shown).
    public static let changeFamilies: [TreatmentFamily] = [.AnB, .AnBPlus, .BnB, .BnBPlus, .randomNB]

    /// The layer ranges over which the AnB+ − baseB boost is averaged (as in the paper).
    public static let boostRanges: [ClosedRange<Int>] = [1...7, 5...7]

    /// Renders `summary.md` for all splits in `records` (percent / percentage points, 1 decimal).
    public static func markdown(records: [RunRecord], experiment: String) -> String {
        let splits = SplitResults.all(records)
        let groups = SplitGroupResults.all(records)
        let layers = SplitResults.layers(of: records)
        var lines: [String] = []
        lines.append("# Transfer summary: experiment \(MarkdownCells.escape(experiment))")
        lines.append("")
        lines.append("\(records.count) runs in \(splits.count) split\(splits.count == 1 ? "" : "s"). "
                     + "Changes are paired by seed: treatment(seed s) − base of the target task(seed s), "
                     + "in percentage points. Cells: mean [95% CI] (k seeds); \"—\" = missing or undefined (k = 1).")
        lines.append("")
        let findings = Verdicts.findings(records)
        if !findings.isEmpty {
            lines += ["## The paper's findings, measured", ""] + Verdicts.markdown(findings) + [""]
        }
        lines += baseAccuracies(splits)
        for split in splits {
            lines += changeTable(title: split.name, kind: split.kind, families: split.families, layers: layers) { split.change($0, n: $1) }
        }
        for group in groups where group.isPooled {
            lines += changeTable(title: group.title + ", both directions pooled", kind: group.kind,
                                 families: group.directions[0].families, layers: layers) { group.change($0, n: $1) }
        }
        for group in groups where group.variant.isEmpty { lines += paperSideBySide(group, layers: layers) }
        lines += boost(groups.filter { $0.variant.isEmpty })
        lines += dissimilarMinusSimilar(groups, layers: layers)
        lines += TargetVariants.markdown(groups)
        lines += TransferBenefit.reading(TransferBenefit.points(records))
        return lines.joined(separator: "\n") + "\n"
    }

    static func baseAccuracies(_ splits: [SplitResults]) -> [String] {
        var lines = ["## Base accuracies (top-1 %)", "", "Cells: mean ± sd [95% CI] (k seeds); budget = iterations × batch.", ""]
        lines += MarkdownCells.header(["split", "kind", "seeds", "iterations", "baseA", "baseB"])
        for split in splits {
            lines.append(MarkdownCells.row([
                split.name, split.kind.isEmpty ? ReportFormat.missing : split.kind,
                MarkdownCells.seedList(split.seeds), budgets(split),
                MarkdownCells.accuracy(split.top1(.baseA, n: nil)), MarkdownCells.accuracy(split.top1(.baseB, n: nil)),
            ]))
        }
        return lines + [""]
    }

    /// "1000", or "baseA 2000×64, others 300×64" when the source budget differs.
    static func budgets(_ split: SplitResults) -> String {
        func budget(_ records: [RunRecord]) -> String {
            let values = Array(Set(records.map { r in r.batchSize.map { "\(r.iterations)×\($0)" } ?? "\(r.iterations)" })).sorted()
            return values.isEmpty ? ReportFormat.missing : values.joined(separator: ", ")
        }
        let sources = split.records.filter { $0.treatment == .baseA }, others = split.records.filter { $0.treatment != .baseA }
        let a = budget(sources), b = budget(others)
        if sources.isEmpty || others.isEmpty || a == b { return MarkdownCells.iterationRange(split.iterations) }
        return "baseA \(a), others \(b)"
    }

    /// One split's (or pooled group's) change per n: a row per depth the experiment ran.
    static func changeTable(title: String, kind: String, families present: [TreatmentFamily], layers: [Int],
                            cell: (TreatmentFamily, Int) -> SampleSummary) -> [String] {
        let families = changeFamilies.filter { present.contains($0) }
        var lines = ["## Change vs base: \(MarkdownCells.escape(title))"
                     + (kind.isEmpty || kind == title ? "" : " (\(MarkdownCells.escape(kind)))"), ""]
        guard !families.isEmpty else { return lines + ["No AnB, AnB+, BnB, BnB+ or randomNB runs.", ""] }
        lines += MarkdownCells.header(["n"] + families.map(\.rawValue))
        for n in layers {
            lines.append(MarkdownCells.row(["\(n)"] + families.map { MarkdownCells.compact(cell($0, n)) }))
        }
        return lines + [""]
    }

    /// Per n, our mean change beside the paper's (random filters: top-1 relative to the base).
    static func paperSideBySide(_ group: SplitGroupResults, layers: [Int]) -> [String] {
        let families = changeFamilies.filter { f in (1...7).contains { PaperReference.change(f, n: $0, kind: group.kind) != nil } }
            .filter { groupHas(group, $0) }
        guard !families.isEmpty else { return [] }
        var lines = ["## Against the paper: \(MarkdownCells.escape(group.title))", "",
                     "Change vs base in points, ours (mean [95% CI] over units) / the paper's (ImageNet, "
                     + (group.kind == "dissimilar" ? "man-made vs natural, both directions averaged" : "random halves")
                     + "; random filters: top-1 − \(ReportFormat.fixed(PaperReference.randomBase, 1)))."]
        lines.append("")
        lines += MarkdownCells.header(["n"] + families.flatMap { [$0.rawValue, "paper"] })
        for n in layers {
            let cells = families.flatMap { f -> [String] in
                [MarkdownCells.compact(group.change(f, n: n)),
                 PaperReference.change(f, n: n, kind: group.kind).map { ReportFormat.signed($0, 1) } ?? ReportFormat.missing]
            }
            lines.append(MarkdownCells.row(["\(n)"] + cells))
        }
        return lines + [""]
    }

    static func groupHas(_ group: SplitGroupResults, _ family: TreatmentFamily) -> Bool {
        group.directions.contains { $0.families.contains(family) }
    }

    static func boost(_ groups: [SplitGroupResults]) -> [String] {
        guard groups.contains(where: { groupHas($0, .AnBPlus) }) else { return [] }
        var lines = ["## AnB+ − baseB (percentage points)", "",
                     "Per seed (and direction): the mean over n of the paired change of AnB+; then mean ± sd [95% CI] "
                     + "over units. Only units with every n of the range are used.", ""]
        lines += MarkdownCells.header(["split"] + boostRanges.map { "n = \($0.lowerBound)…\($0.upperBound)" } + ["paper"])
        for group in groups where groupHas(group, .AnBPlus) {
            let cells = boostRanges.map { range -> String in
                let (summary, used) = group.meanChangeOfPresentLayers(.AnBPlus, over: range)
                let cell = MarkdownCells.full(summary, signed: true)
                let complete = used == Array(range)
                return complete || used.isEmpty ? cell : cell + " (n = " + used.map(String.init).joined(separator: ", ") + " only)"
            }
            let paper = boostRanges.compactMap { PaperReference.meanChange(.AnBPlus, over: $0, kind: group.kind) }
                .map { ReportFormat.signed($0, 1) }.joined(separator: " / ")
            lines.append(MarkdownCells.row([group.title] + cells + [paper.isEmpty ? ReportFormat.missing : paper]))
        }
        return lines + [""]
    }

    /// One table per target variant that both kinds of split ran AnB at.
    static func dissimilarMinusSimilar(_ groups: [SplitGroupResults], layers: [Int]) -> [String] {
        let withAnB = groups.filter { groupHas($0, .AnB) }
        var lines: [String] = []
        for similar in withAnB where similar.kind == "similar" {
            guard let dissimilar = withAnB.first(where: { $0.kind == "dissimilar" && $0.variant == similar.variant }) else {
                continue
            }
            let variant = similar.variant.isEmpty ? "" : " (\(similar.variant.dropFirst()))"
            lines += ["## AnB change vs base: dissimilar − similar\(variant) (percentage points)", "",
                      "Split \(MarkdownCells.escape(dissimilar.title)) minus split \(MarkdownCells.escape(similar.title)); "
                      + "the difference of the mean paired changes with a Welch 95% CI. The two are independent samples: "
                      + "each split and direction draws its own random streams (init, dropout, order, subsample).", ""]
            lines += MarkdownCells.header(["n", "similar", "dissimilar", "dissimilar − similar"])
            for n in layers {
                let s = similar.change(.AnB, n: n), d = dissimilar.change(.AnB, n: n)
                lines.append(MarkdownCells.row(["\(n)", MarkdownCells.compact(s), MarkdownCells.compact(d), differenceCell(d, s)]))
            }
            lines.append("")
        }
        return lines
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
