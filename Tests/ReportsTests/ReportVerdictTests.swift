import Foundation
import Plots
import Testing
import RecordFixtures
import Records
@testable import Reports

/// Verdicts from hand-made records, the pooled directions, the paper overlay and clamped CIs.
@Suite struct ReportVerdictTests {
    /// baseB at 80 % and `family` at n = 6, 7 with the given change (points) per seed.
    static func records(split: String = "sim", kind: String = "similar", group: String? = nil, direction: String? = nil,
                        family: TreatmentFamily, changes: [Double]) -> [RunRecord] {
        var out: [RunRecord] = []
        for (seed, change) in changes.enumerated() {
            var base = ReportFixtures.record(split: split, kind: kind, treatment: .baseB, seed: seed, top1: 0.80)
            base.splitGroup = group; base.direction = direction
            out.append(base)
            for n in 6...7 {
                var r = ReportFixtures.record(split: split, kind: kind, treatment: family, n: n, seed: seed,
                                              top1: 0.80 + change / 100)
                r.splitGroup = group; r.direction = direction
                out.append(r)
            }
        }
        return out
    }

    static func finding(_ records: [RunRecord], id: String) throws -> Verdicts.Finding {
        try #require(Verdicts.findings(records).first { $0.id == id })
    }

    @Test("a CI excluding 0 on the paper's side is reproduced; its size is checked against the paper's")
    func reproduced() throws {
        let f = try Self.finding(Self.records(family: .AnB, changes: [-6, -7, -5]), id: "a")
        #expect(f.verdict == .reproduced)
        #expect(f.units == 3 && abs(f.mean! + 6) < 1e-9)
        // mean −6, sd 1, t(2) = 4.303: [−8.48, −3.52]; the paper's −6.35 lies inside.
        #expect(abs(f.interval!.lowerBound + 6 + 4.302652730 / 3.squareRoot()) < 1e-6)
        #expect(f.paper == (-4.4 + -8.3) / 2 && f.paperInside == true)
    }

    @Test("a CI including 0 is not detected, with the largest effect it cannot exclude")
    func notDetected() throws {
        let f = try Self.finding(Self.records(family: .AnB, changes: [-2, 1, -2]), id: "a")
        #expect(f.verdict == .notDetected)
        let bound = try #require(f.largestUnexcluded)
        #expect(bound == f.interval!.lowerBound && bound < -1)
        #expect(Verdicts.markdown([f]).joined().contains("not detected (cannot exclude \(ReportFormat.signed(bound, 1)))"))
    }

    @Test("a CI excluding 0 on the other side contradicts the paper")
    func contradicted() throws {
        let f = try Self.finding(Self.records(family: .AnB, changes: [3, 4, 3.5]), id: "a")
        #expect(f.verdict == .contradicted)
        #expect(f.paperInside == false)
    }

    @Test("one unit has no interval: undetermined")
    func undetermined() throws {
        #expect(try Self.finding(Self.records(family: .AnB, changes: [-6]), id: "a").verdict == .undetermined)
    }

    @Test("both directions of a split are pooled: seeds × directions units; (b) is a Welch difference")
    func pooledDirections() throws {
        let similar = Self.records(family: .AnB, changes: [-5, -6, -7])
        let forward = Self.records(split: "dis", kind: "dissimilar", group: "dis", direction: "A→B", family: .AnB, changes: [-10, -12, -11])
        let reverse = Self.records(split: "dis-BA", kind: "dissimilar", group: "dis", direction: "B→A", family: .AnB, changes: [-14, -16, -15])
        let records = similar + forward + reverse
        let groups = SplitGroupResults.all(records)
        #expect(groups.map(\.name) == ["sim", "dis"])
        #expect(groups[1].title == "dis (A→B + B→A)" && groups[1].isPooled)
        #expect(groups[1].change(.AnB, n: 7).values.sorted() == [-16, -15, -14, -12, -11, -10].map { $0 + 0.0 })
        let a = Verdicts.findings(records).filter { $0.id == "a" }
        #expect(a.count == 2 && a[1].units == 6 && abs(a[1].mean! + 13) < 1e-9)
        let b = try Self.finding(records, id: "b")
        #expect(abs(b.mean! - (-13 - -6)) < 1e-9)
        let welch = try #require(Statistics.welchInterval95([-10, -12, -11, -14, -16, -15], [-5, -6, -7]))
        #expect(b.interval == welch && b.verdict == .reproduced)
        let md = SummaryReport.markdown(records: records, experiment: "e")
        #expect(md.contains("## Change vs base: dis (A→B + B→A), both directions pooled"))
        #expect(md.contains("## The paper's findings, measured"))
    }

    @Test("the paper's numbers come from one table; the figure draws its AnB curves")
    func paperOverlay() throws {
        #expect(PaperReference.change(.AnB, n: 7, kind: "similar") == -8.3)
        #expect(PaperReference.change(.AnB, n: 7, kind: "dissimilar") == -25.0)
        #expect(PaperReference.change(.randomNB, n: 3, kind: "similar") == 0.1 - 57.6)
        #expect(abs(PaperReference.meanChange(.AnBPlus, over: 5...7, kind: "similar")! - 6.1 / 3) < 1e-12)
        let records = Self.records(family: .AnB, changes: [-5, -6, -7])
            + Self.records(split: "dis", kind: "dissimilar", family: .AnB, changes: [-9, -8, -10])
        let svg = TransferFigure.svg(records: records, experiment: "e")
        let lines = svg.split(separator: "\n").filter { $0.contains("class=\"paper\"") }
        #expect(lines.count == 2)
        // The dissimilar line ends at the paper's −25.0 (the lowest point of the panel's data).
        let dissimilar = try #require(lines.first { $0.contains("data-kind=\"dissimilar\"") })
        let points = dissimilar.split(separator: "points=\"")[1].split(separator: "\"")[0].split(separator: " ")
        #expect(points.count == 8)
        #expect(svg.contains("paper AnB (similar)") && svg.contains("paper AnB (dissimilar, both ways)"))
    }

    @Test("displayed CIs of accuracies are clamped to [0, 100]")
    func clampedAccuracy() {
        let summary = SampleSummary([99.0, 94.0, 91.0])
        #expect(summary.confidenceInterval95!.upperBound > 100)
        let cell = MarkdownCells.accuracy(summary)
        #expect(cell.hasSuffix(", 100.0] (3)"), "\(cell)")
    }
}

@Suite struct ReportOrderTests {
    @Test("target-variant folders sort by their numbers: i300 before i1200")
    func numericSplitOrder() {
        let names = ["s-i1200", "s-i300", "s", "s-i600"]
        let sorted = names.sorted { ReportOrder.splitPrecedes(($0, "similar"), ($1, "similar")) }
        #expect(sorted == ["s", "s-i300", "s-i600", "s-i1200"])
    }
}
