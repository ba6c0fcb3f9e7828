import Foundation
import Testing
import RecordFixtures
import Records
@testable import Reports

/// baseB 60 / 70 / 65 % for seeds 1 / 2 / 3; AnB+ change = n pp (seed 1), 2n pp (seed 2), and
/// seed 3 lacks n = 7 (so it is excluded from both layer ranges).
private func boostRecords() -> [RunRecord] {
    var records = [(1, 0.60), (2, 0.70), (3, 0.65)].map {
        ReportFixtures.record(treatment: .baseB, seed: $0.0, top1: $0.1)
    }
    for n in 1...7 {
        records.append(ReportFixtures.record(treatment: .AnBPlus, n: n, seed: 1, top1: 0.60 + Double(n) / 100))
        records.append(ReportFixtures.record(treatment: .AnBPlus, n: n, seed: 2, top1: 0.70 + 2 * Double(n) / 100))
        if n < 7 { records.append(ReportFixtures.record(treatment: .AnBPlus, n: n, seed: 3, top1: 0.5)) }
    }
    return records
}

@Suite struct ReportSummaryTests {
    @Test func boostOverLayerRangesUsesPerSeedMeans() throws {
        let split = SplitResults(name: "similar", records: boostRecords())
        let all = split.meanChange(.AnBPlus, over: 1...7)
        #expect(all.layers == Array(1...7))
        #expect(all.summary.values.count == 2)
        #expect(abs(all.summary.values[0] - 4) < 1e-9 && abs(all.summary.values[1] - 8) < 1e-9)
        let md = SummaryReport.markdown(records: boostRecords(), experiment: "exp")
        // Seeds' means 4 and 8 → 6.0 ± 2.8, CI 6 ± 12.706 · 2 = [-19.4, +31.4]; 5…7: 6 and 12 → [-29.1, +47.1].
        #expect(md.contains("| similar | +6.0 ± 2.8 [-19.4, +31.4] (2) | +9.0 ± 4.2 [-29.1, +47.1] (2) |"))
    }

    @Test func boostReportsWhichLayersWereUsedWhenSomeAreMissing() {
        let records = boostRecords().filter { !($0.treatment == .AnBPlus && $0.n == 6) }
        let md = SummaryReport.markdown(records: records, experiment: "exp")
        #expect(md.contains("(n = 5, 7 only)"))
    }

    @Test func dissimilarMinusSimilarUsesWelchInterval() {
        var records: [RunRecord] = []
        for (seed, change) in [(1, -1.0), (2, -3.0)] {
            records.append(ReportFixtures.record(split: "sim", kind: "similar", treatment: .baseB, seed: seed, top1: 0.6))
            records.append(ReportFixtures.record(split: "sim", kind: "similar", treatment: .AnB, n: 1, seed: seed,
                                                 top1: 0.6 + change / 100))
        }
        for (seed, change) in [(1, -4.0), (2, -6.0), (3, -8.0)] {
            records.append(ReportFixtures.record(split: "dis", kind: "dissimilar", treatment: .baseB, seed: seed, top1: 0.5))
            records.append(ReportFixtures.record(split: "dis", kind: "dissimilar", treatment: .AnB, n: 1, seed: seed,
                                                 top1: 0.5 + change / 100))
        }
        let md = SummaryReport.markdown(records: records, experiment: "exp")
        // scipy: ttest_ind([-4,-6,-8], [-1,-3], equal_var=False).confidence_interval() = [-8.98, 0.98].
        #expect(md.contains("| 1 | -2.0 [-14.7, +10.7] (2) | -6.0 [-11.0, -1.0] (3) | -4.0 [-9.0, +1.0] |"))
        #expect(!md.contains("| 2 |"), "only the depths the experiment ran get rows")
        #expect(md.contains("Split dis minus split sim"))
        // Similar split listed before dissimilar everywhere.
        let simIndex = md.range(of: "## Change vs base: sim")?.lowerBound
        let disIndex = md.range(of: "## Change vs base: dis (dissimilar)")?.lowerBound
        #expect(simIndex != nil && disIndex != nil && simIndex! < disIndex!)
    }

    @Test func summaryOfOneSplitHasNoCrossSplitSection() {
        let records = ReportFixtures.fullSet().filter { $0.split == "similar" }
        let md = SummaryReport.markdown(records: records, experiment: "exp")
        #expect(!md.contains("dissimilar − similar"))
        #expect(md.contains("| similar | similar | 1, 2, 3 | 1000 | 62.8 ± 0.4 [61.8, 63.8] (3) | 61.0 ± 0.5 [59.8, 62.2] (3) |"))
        #expect(md.contains("| n | AnB | AnB+ | BnB | BnB+ | randomNB |"))
    }

    @Test func summaryOfFullSetHasAllSections() {
        let md = SummaryReport.markdown(records: ReportFixtures.fullSet(), experiment: "exp")
        for heading in ["## Base accuracies (top-1 %)", "## Change vs base: similar", "## Change vs base: dissimilar",
                        "## AnB+ − baseB (percentage points)", "## AnB change vs base: dissimilar − similar"] {
            #expect(md.contains(heading))
        }
        #expect(md.contains("390 runs in 2 splits"))
    }

    @Test("dissimilar − similar is compared per target variant (budget experiments), not between source-only splits")
    func dissimilarMinusSimilarPerVariant() {
        var records: [RunRecord] = []
        for (kind, drop) in [("similar", 0.01), ("dissimilar", 0.03)] {
            var source = ReportFixtures.record(split: kind, kind: kind, treatment: .baseA, seed: 0, top1: 0.95)
            source.splitGroup = kind
            records.append(source)
            for variant in ["-i300", "-i600"] {
                for seed in [0, 1] {
                    var rows = [ReportFixtures.record(split: kind + variant, kind: kind, treatment: .baseB, seed: seed,
                                                      top1: 0.9 + 0.01 * Double(seed))]
                    for n in 1...7 {
                        rows.append(ReportFixtures.record(split: kind + variant, kind: kind, treatment: .AnB, n: n, seed: seed,
                                                          top1: 0.9 + 0.01 * Double(seed) - drop * Double(n) + 0.002 * Double(seed * n % 3)))
                    }
                    records += rows.map { var r = $0; r.splitGroup = kind; return r }
                }
            }
        }
        let md = SummaryReport.markdown(records: records, experiment: "exp")
        for variant in ["i300", "i600"] {
            let heading = "## AnB change vs base: dissimilar − similar (\(variant)) (percentage points)"
            #expect(md.contains(heading))
            let table = md.components(separatedBy: heading).last ?? ""
            let row7 = table.split(separator: "\n").first { $0.hasPrefix("| 7 |") } ?? ""
            #expect(row7.contains("-14.0"), "n = 7: dissimilar − similar = −(0.03 − 0.01)·7·100; got \(row7)")
        }
        #expect(!md.contains("## AnB change vs base: dissimilar − similar (percentage points)"))
    }
}

@Suite("Compute section of the summary")
struct ComputeSummaryTests {
    static func timed(_ treatment: TreatmentFamily, n: Int? = nil, wall: Double, steps: Double?, created: String,
                      cpu: String? = "CPU X", code: String = "v1", rss: Int? = nil) -> RunRecord {
        var r = ReportFixtures.record(treatment: treatment, n: n, seed: 0, top1: 0.9, codeVersion: code)
        r.wallSeconds = wall
        r.stepSeconds = steps
        r.created = created
        r.cpu = cpu
        r.isa = cpu == nil ? nil : "avx2"
        r.peakRSSBytes = rss
        return r
    }

    @Test("run-minutes by kind, share in steps, peak memory, machines, code versions and the wall-clock span")
    func section() {
        let records = [
            Self.timed(.baseA, wall: 600, steps: 570, created: "2026-01-01T10:10:00Z", rss: 800 << 20),
            Self.timed(.baseB, wall: 120, steps: 108, created: "2026-01-01T10:02:00Z", rss: 500 << 20),
            Self.timed(.AnBPlus, n: 3, wall: 180, steps: 162, created: "2026-01-01T10:13:00Z", rss: (520 << 20) + 4096),
            Self.timed(.AnB, n: 3, wall: 60, steps: 30, created: "2026-01-01T10:14:00Z", cpu: nil, code: "v2"),
            Self.timed(.randomNB, n: 5, wall: 240, steps: nil, created: "2026-01-01T10:18:00Z"),
        ]
        let md = ComputeSummary.markdown(records).joined(separator: "\n")
        // 1,200 s in all; sources 600 s = 10.0 min (50 %), 95 % in steps.
        #expect(md.contains("| source nets (baseA) | 1 | 10.0 | 50 % | 10.0 | 95 % | 800 MiB |"))
        // baseB + AnB+: 300 s = 5.0 min (25 %), median 2.5 min, 270 / 300 = 90 % in steps.
        #expect(md.contains("| target nets trained whole (baseB, BnB+, AnB+) | 2 | 5.0 | 25 % | 2.5 | 90 % | 520 MiB |"))
        // AnB + randomNB: 300 s; only AnB has step seconds: 30 / 60 = 50 % (1 run).
        // No frozen record has a peak RSS (older records): a dash, never 0.
        #expect(md.contains("| target nets with a frozen prefix (AnB, BnB, randomNB) | 2 | 5.0 | 25 % | 2.5 | 50 % (1 runs) | — |"))
        #expect(md.contains("| all | 5 | 20.0 | 100 % | 3.0 |"))
        #expect(md.contains("| 800 MiB (3 runs) |"))
        #expect(md.contains("- Machines: CPU X (avx2), 2 threads per run (4 runs), CPU not recorded (ISA not recorded), 2 threads per run (1 run)"))
        #expect(md.contains("- Code versions: v1 (4 runs), v2 (1 run)"))
        // Earliest start: baseB at 10:02 − 2 min = 10:00; latest end 10:18.
        #expect(md.contains("- First run start to last run end: 18 min of wall clock"))
        // No record itemises its overhead: no breakdown table.
        #expect(!md.contains("Where the time of a run goes"))
    }

    @Test("the time outside the steps, itemised per kind in shares of the run-minutes")
    func breakdown() {
        func itemised(_ treatment: TreatmentFamily, n: Int? = nil, wall: Double, steps: Double, validation: Double,
                      checkpoints: Double, test: Double) -> RunRecord {
            var r = Self.timed(treatment, n: n, wall: wall, steps: steps, created: "2026-01-01T10:10:00Z")
            r.validationSeconds = validation
            r.checkpointSeconds = checkpoints
            r.testSeconds = test
            return r
        }
        let records = [
            itemised(.baseB, wall: 100, steps: 80, validation: 10, checkpoints: 2, test: 4),      // set-up 4
            itemised(.BnBPlus, n: 2, wall: 100, steps: 84, validation: 8, checkpoints: 2, test: 4), // set-up 2
            itemised(.AnB, n: 7, wall: 20, steps: 2, validation: 1, checkpoints: 1, test: 4),       // set-up 12
            Self.timed(.randomNB, n: 3, wall: 50, steps: 10, created: "2026-01-01T10:10:00Z"),    // not itemised
        ]
        let md = ComputeSummary.markdown(records).joined(separator: "\n")
        #expect(md.contains("| target nets trained whole (baseB, BnB+, AnB+) | 2 | 82 % | 9 % | 2 % | 4 % | 3 % |"), "\(md)")
        #expect(md.contains("| target nets with a frozen prefix (AnB, BnB, randomNB) | 1 | 10 % | 5 % | 5 % | 20 % | 60 % |"))
        // all itemised: 220 s; steps 166 (75 %), validation 19 (9 %), checkpoints 5 (2 %), test 12 (5 %), set-up 18 (8 %).
        #expect(md.contains("| all | 3 | 75 % | 9 % | 2 % | 5 % | 8 % |"))
        #expect(!md.contains("peak RSS"), "no record has a peak RSS: no column")
    }
}
