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
}
