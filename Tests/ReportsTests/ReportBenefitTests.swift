import Foundation
import Testing
import RecordFixtures
import Records
@testable import Reports

/// The target-size outputs come from records alone and show the numbers they were given.
@Suite struct ReportBenefitTests {
    /// baseB at `base` %, A5B+ at base + boost and A5B at base − 1, seeds 0…2, one target size.
    static func records(cap: String, perClass: Int, base: Double, boosts: [Double]) -> [RunRecord] {
        var out: [RunRecord] = []
        for (seed, boost) in boosts.enumerated() {
            for (treatment, n, top1) in [(TreatmentFamily.baseB, nil as Int?, base), (.AnBPlus, 5, base + boost), (.AnB, 5, base - 1)] {
                var r = ReportFixtures.record(split: "sim-c\(cap)", kind: "similar", treatment: treatment, n: n, seed: seed,
                                              top1: top1 / 100)
                r.splitGroup = "sim"
                r.trainImages = perClass * 2
                out.append(r)
            }
        }
        return out
    }

    @Test("one point per size, family and n; CSV and SVG carry the means and intervals")
    func benefit() throws {
        let records = Self.records(cap: "30", perClass: 30, base: 60, boosts: [8, 10, 12])
            + Self.records(cap: "all", perClass: 5900, base: 90, boosts: [0, 0.5, -0.5])
        let points = TransferBenefit.points(records)
        #expect(points.count == 4)
        let small = try #require(points.first { $0.family == .AnBPlus && $0.imagesPerClass == 30 })
        #expect(abs(small.summary.mean! - 10) < 1e-9 && small.variant == "c30" && small.n == 5)
        let csv = TransferBenefit.csv(points)
        #expect(csv.hasPrefix("split,variant,images_per_class,iterations,treatment,n,mean_change,ci_low,ci_high,units\n"))
        #expect(csv.contains("sim,call,5900,1000,AnB,5,"))
        let svg = TransferBenefit.svg(points, experiment: "e")
        #expect(svg.components(separatedBy: "class=\"mean\"").count - 1 == 2, "one line per family at n = 5")
        #expect(svg.components(separatedBy: "class=\"ci\"").count - 1 == 4, "an interval per point")
        #expect(svg.contains(">30<") && svg.contains(">5900<"))
        // No size variants: no benefit outputs.
        #expect(TransferBenefit.points(ReportVerdictTests.records(family: .AnB, changes: [-1, -2])).isEmpty)
    }

    @Test("a config of one depth: tables show that n only, variant columns and the reading name it")
    func oneDepthSummary() throws {
        let records = Self.records(cap: "30", perClass: 30, base: 60, boosts: [8, 10, 12])
            + Self.records(cap: "all", perClass: 5900, base: 90, boosts: [0, 0.5, -0.5])
            + Self.records(cap: "100", perClass: 100, base: 70, boosts: [3])
        let md = SummaryReport.markdown(records: records, experiment: "e")
        #expect(md.contains("| 5 | -1.0 [-1.0, -1.0] (3) | +10.0 [+5.0, +15.0] (3) |"))
        #expect(!md.contains("| 1 | —"), "no rows for depths the experiment did not run")
        #expect(md.contains("| variant | images / class | iterations | baseB top-1 | AnB n = 5 | AnB+ n = 5 |"))
        // The reading: +10 [+5, +15] at 30 is a gain; at 5,900 the boost (0, +0.5, −0.5) is not detected,
        // AnB's −1 (no spread) is a loss; one seed at 100 per class has no interval: undetermined.
        #expect(md.contains("## When transfer pays: change vs baseB by target size"))
        #expect(md.contains("- sim, AnB n = 5: loss at 30 (-1.0), 5900 (-1.0); undetermined at 100 (-1.0)."))
        #expect(md.contains("- sim, AnB+ n = 5: gain at 30 (+10.0); not detected at 5900 (0.0); undetermined at 100 (+3.0)."))
        let top1 = Top1Table.markdown(records: records, split: "sim-c30", experiment: "e")
        #expect(top1.contains("| n = 5 |") && !top1.contains("| n = 4 |"))
    }
}
