import Foundation
import Records
import Plots

/// The paper's five findings, measured and judged by a fixed rule.
///
/// Each finding is an effect with a sign the paper predicts, estimated as a mean with a 95 % t
/// interval over independent units (seeds, or seeds × directions for a split run both ways):
/// - **reproduced**: the interval excludes 0 on the paper's side;
/// - **contradicted**: the interval excludes 0 on the other side;
/// - **not detected**: the interval includes 0 — the report gives the largest effect in the
///   paper's direction the data cannot exclude (the interval's bound on that side);
/// - **undetermined**: fewer than two units (no interval).
/// Where the paper has a number for the same effect, the report also says whether it lies inside
/// the interval (the size agrees) or not.
public enum Verdicts {
    public enum Verdict: String, Sendable { case reproduced, contradicted, notDetected = "not detected", undetermined }

    /// The rule: an interval wholly on the side of `sign` (−1 or +1) reproduces, wholly on the
    /// other side contradicts, one that includes 0 detects nothing; none (one unit) is undetermined.
    public static func judge(_ interval: ClosedRange<Double>?, sign: Double) -> Verdict {
        guard let interval else { return .undetermined }
        if interval.lowerBound * sign > 0 && interval.upperBound * sign > 0 { return .reproduced }
        if interval.lowerBound * sign < 0 && interval.upperBound * sign < 0 { return .contradicted }
        return .notDetected
    }

    /// One measured finding.
    public struct Finding: Sendable {
        /// "a" … "e".
        public var id: String
        /// What the paper claims, in a few words.
        public var claim: String
        /// Where it was measured ("similar", "dissimilar (A→B + B→A)", "dissimilar − similar").
        public var scope: String
        /// What is measured, in points.
        public var effect: String
        /// The paper's value of the same effect, if it reports one.
        public var paper: Double?
        /// The paper's predicted sign: −1 or +1.
        public var sign: Double
        public var mean: Double?
        public var interval: ClosedRange<Double>?
        public var units: Int

        public var verdict: Verdict { Verdicts.judge(interval, sign: sign) }

        /// The largest effect in the paper's direction the interval cannot exclude.
        public var largestUnexcluded: Double? {
            interval.map { sign < 0 ? $0.lowerBound : $0.upperBound }
        }

        /// Whether the paper's value lies inside the interval (nil if either is missing).
        public var paperInside: Bool? {
            guard let paper, let interval else { return nil }
            return interval.contains(paper)
        }
    }

    /// The depths where the paper's specificity shows most (AnB at n = 6–7).
    public static let deep: ClosedRange<Int> = 6...7
    /// The depths of the paper's co-adaptation dip (BnB at n = 4–5).
    public static let middle: ClosedRange<Int> = 4...5
    /// The depths where random frozen filters collapse in the paper (n ≥ 3).
    public static let randomRange: ClosedRange<Int> = 3...7

    /// The findings of every split group without a target variant (variants are sensitivity runs).
    public static func findings(_ records: [RunRecord]) -> [Finding] {
        let groups = SplitGroupResults.all(records).filter { $0.variant.isEmpty }
        var out: [Finding] = []
        for g in groups {
            out.append(finding("a", "transfer gets worse with depth (specificity)", g.title,
                               "AnB − baseB, mean of n = 6–7", paper: PaperReference.meanChange(.AnB, over: deep, kind: g.kind),
                               sign: -1, g.meanChange(.AnB, over: deep)))
        }
        if let similar = groups.first(where: { $0.kind == "similar" }),
           let dissimilar = groups.first(where: { $0.kind == "dissimilar" }) {
            let s = similar.meanChange(.AnB, over: deep), d = dissimilar.meanChange(.AnB, over: deep)
            let paper = PaperReference.meanChange(.AnB, over: deep, kind: "dissimilar")
                .flatMap { dp in PaperReference.meanChange(.AnB, over: deep, kind: "similar").map { dp - $0 } }
            var f = Finding(id: "b", claim: "the dissimilar split falls further", scope: "\(dissimilar.title) − \(similar.name)",
                            effect: "AnB change at n = 6–7, dissimilar − similar (Welch)", paper: paper, sign: -1,
                            mean: nil, interval: nil, units: min(s.count, d.count))
            if let ms = s.mean, let md = d.mean { f.mean = md - ms }
            f.interval = Statistics.welchInterval95(d.values, s.values)
            out.append(f)
        }
        for g in groups {
            out.append(finding("c", "random frozen filters do worse than transferred ones", g.title,
                               "randomNB − AnB top-1, mean of n = 3–7",
                               paper: g.kind == "similar" ? paperRandomMinusAnB() : nil, sign: -1,
                               g.meanDifference(.randomNB, .AnB, over: randomRange)))
        }
        for g in groups {
            for range in SummaryReport.boostRanges {
                out.append(finding("d", "fine-tuned transfer beats baseB", g.title,
                                   "AnB+ − baseB, mean of n = \(range.lowerBound)–\(range.upperBound)",
                                   paper: PaperReference.meanChange(.AnBPlus, over: range, kind: g.kind), sign: 1,
                                   g.meanChange(.AnBPlus, over: range)))
            }
        }
        for g in groups {
            out.append(finding("e", "co-adaptation: BnB dips at middle layers", g.title, "BnB − baseB, mean of n = 4–5",
                               paper: PaperReference.meanChange(.BnB, over: middle, kind: g.kind), sign: -1,
                               g.meanChange(.BnB, over: middle)))
        }
        return out.filter { $0.units > 0 }
    }

    static func finding(_ id: String, _ claim: String, _ scope: String, _ effect: String, paper: Double?, sign: Double,
                        _ sample: SampleSummary) -> Finding {
        Finding(id: id, claim: claim, scope: scope, effect: effect, paper: paper, sign: sign, mean: sample.mean,
                interval: sample.confidenceInterval95, units: sample.count)
    }

    /// The paper's random-filter top-1 minus its AnB top-1 (62.5 + change), mean of n = 3–7.
    static func paperRandomMinusAnB() -> Double {
        let ns = Array(randomRange)
        let random = ns.map { PaperReference.randomTop1[$0 - 1] }
        let anb = ns.map { PaperReference.baseB + PaperReference.changeVsBase[.AnB]![$0 - 1] }
        return zip(random, anb).map { $0 - $1 }.reduce(0, +) / Double(ns.count)
    }

    /// The rule every verdict follows, as a sentence above the table.
    public static let rule = "Rule: the effect's 95 % t interval over independent units (seeds; seeds × directions for a "
        + "split run both ways) — *reproduced* if it excludes 0 on the paper's side, *contradicted* if it excludes 0 on "
        + "the other side, *not detected* if it includes 0 (then: the largest effect in the paper's direction "
        + "it cannot exclude). \"paper inside\": whether the paper's own value lies in the interval."

    /// The verdict table's column titles.
    public static let columns = ["", "claim", "where", "effect (points)", "paper", "here: mean [95% CI] (units)",
                                 "verdict", "paper inside"]

    /// One finding's cells (plain text), in `columns` order.
    public static func cells(_ f: Finding) -> [String] {
        let here: String
        if let mean = f.mean {
            let ci = f.interval.map { "[\(ReportFormat.signed($0.lowerBound, 1)), \(ReportFormat.signed($0.upperBound, 1))]" }
                ?? "[\(ReportFormat.missing)]"
            here = "\(ReportFormat.signed(mean, 1)) \(ci) (\(f.units))"
        } else {
            here = ReportFormat.missing
        }
        var verdict = f.verdict.rawValue
        if f.verdict == .notDetected, let bound = f.largestUnexcluded {
            verdict += " (cannot exclude \(ReportFormat.signed(bound, 1)))"
        }
        let inside = f.paperInside.map { $0 ? "yes" : "no" } ?? ReportFormat.missing
        return ["(\(f.id))", f.claim, f.scope, f.effect, f.paper.map { ReportFormat.signed($0, 1) } ?? ReportFormat.missing,
                here, verdict, inside]
    }

    /// The verdict table (Markdown) with the rule stated above it.
    public static func markdown(_ findings: [Finding]) -> [String] {
        [rule, ""] + MarkdownCells.header(columns) + findings.map { MarkdownCells.row(cells($0)) }
    }
}
