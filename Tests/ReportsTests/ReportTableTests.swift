import Foundation
import Testing
import RecordFixtures
import Records
@testable import Reports

/// Minimal RFC 4180 parser for checking the CSV (quoted fields, doubled quotes).
private func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = ""
    var quoted = false, iterator = Array(text).makeIterator(), pending: Character? = nil
    while let c = pending ?? iterator.next() {
        pending = nil
        if quoted {
            if c == "\"" {
                if let next = iterator.next() {
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else { quoted = false }
            } else { field.append(c) }
        } else if c == "\"" { quoted = true }
        else if c == "," { row.append(field); field = "" }
        else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
        else { field.append(c) }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

@Suite struct ReportTableTests {
    @Test func csvHasHeaderAndOneRowPerRunOfTheSplit() {
        let records = ReportFixtures.fullSet()
        let csv = Top1Table.csv(records: records, split: "similar")
        let rows = parseCSV(csv)
        #expect(rows.first == ["run_id", "split", "treatment", "source", "target", "n", "fine_tuned", "seed", "top1",
                               "test_loss", "iterations", "seconds", "threads", "config_hash", "code_version"])
        #expect(rows.count == 1 + 195)
        #expect(rows.dropFirst().allSatisfy { $0.count == 15 && $0[1] == "similar" })
        #expect(csv.hasSuffix("\n"))
    }

    @Test func csvRowsAreSortedByTreatmentNAndSeed() {
        let rows = parseCSV(Top1Table.csv(records: ReportFixtures.fullSet().reversed(), split: "dissimilar")).dropFirst()
        let treatments = rows.map { $0[2] }
        var order: [String] = []
        for t in treatments where order.last != t { order.append(t) }
        #expect(order == ["baseA", "baseB", "BnB", "BnB+", "AnB", "AnB+", "randomNB", "AnA", "AnA+", "BnA", "BnA+"])
        let anB = rows.filter { $0[2] == "AnB" }.map { "\($0[5])/\($0[7])" }
        #expect(anB.prefix(4) == ["1/1", "1/2", "1/3", "2/1"])
    }

    @Test func csvQuotesCommasAndQuotesAndLeavesNilEmpty() {
        let records = [
            ReportFixtures.record(treatment: .baseB, seed: 1, top1: 0.5, runID: "r1", codeVersion: "v1, dirty"),
            ReportFixtures.record(treatment: .AnB, n: 3, seed: 1, top1: 0.25, runID: "r2", codeVersion: "say \"hi\""),
        ]
        let csv = Top1Table.csv(records: records, split: "similar")
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines[1] == "r1,similar,baseB,,B,,,1,0.5,1.25,1000,12.5,2,cfg,\"v1, dirty\"")
        #expect(lines[2] == "r2,similar,AnB,A,B,3,false,1,0.25,1.25,1000,12.5,2,cfg,\"say \"\"hi\"\"\"")
        let parsed = parseCSV(csv)
        #expect(parsed[1][14] == "v1, dirty")
        #expect(parsed[2][14] == "say \"hi\"")
        #expect(Top1Table.csvField(" padded") == "\" padded\"")
        #expect(Top1Table.csvField("line\nbreak") == "\"line\nbreak\"")
    }

    @Test func markdownShowsHandComputedCellAndDashes() {
        // baseB 60, 62, 64 % → mean 62.0, sd 2.0, CI 62 ± 4.302653 · 2/√3 = [57.0, 67.0].
        var records = [0.60, 0.62, 0.64].enumerated().map {
            ReportFixtures.record(treatment: .baseB, seed: $0.offset + 1, top1: $0.element)
        }
        records.append(ReportFixtures.record(treatment: .AnB, n: 3, seed: 1, top1: 0.55))   // k = 1
        records.append(ReportFixtures.record(treatment: .BnB, n: 1, seed: 2, top1: 0.63))
        let md = Top1Table.markdown(records: records, split: "similar", experiment: "exp")
        #expect(md.contains("| baseB | 62.0 ± 2.0 [57.0, 67.0] (3) |"))
        #expect(md.contains("| baseA | — |"))                                      // missing base
        // n = 3: BnB missing, AnB has one seed: mean only, sd and CI undefined.
        #expect(md.contains("| n = 3 |  | — | 55.0 ± — [—] (1) |"))
        // Change: AnB n = 3, seed 1: 55 − 60 = −5.0 (k = 1); BnB n = 1, seed 2: 63 − 62 = +1.0.
        #expect(md.contains("| 3 | — | -5.0 ± — [—] (1) |"))
        #expect(md.contains("| 1 | +1.0 ± — [—] (1) | — |"))
        #expect(md.contains("seeds 1, 2, 3 · 5 runs · 1000 iterations"))
    }

    @Test func changeIsPairedBySeedNotDifferenceOfMeans() throws {
        // Base B differs strongly by seed; AnB exists only for seeds 1 and 2, each +1.0 pp over its seed's base.
        var records = [(1, 0.60), (2, 0.70), (3, 0.80)].map {
            ReportFixtures.record(treatment: .baseB, seed: $0.0, top1: $0.1)
        }
        records += [(1, 0.61), (2, 0.71), (4, 0.99)].map {       // seed 4 has no base: left out
            ReportFixtures.record(treatment: .AnB, n: 2, seed: $0.0, top1: $0.1)
        }
        let split = SplitResults(name: "similar", records: records)
        let change = split.change(.AnB, n: 2)
        #expect(change.values.count == 2)
        #expect(abs(change.values[0] - 1) < 1e-9 && abs(change.values[1] - 1) < 1e-9)
        // Unpaired (mean of AnB over its seeds − mean of base) would be (61 + 71 + 99)/3 − 70 = +7.0.
        let md = Top1Table.markdown(records: records, split: "similar", experiment: "exp")
        #expect(md.contains("| 2 | +1.0 ± 0.0 [+1.0, +1.0] (2) |"))
        #expect(!md.contains("+7.0"))
    }

    @Test func reverseFamiliesArePairedWithBaseA() {
        let records = [
            ReportFixtures.record(treatment: .baseA, seed: 1, top1: 0.70),
            ReportFixtures.record(treatment: .baseB, seed: 1, top1: 0.50),
            ReportFixtures.record(treatment: .BnA, n: 4, seed: 1, top1: 0.65),
        ]
        let split = SplitResults(name: "similar", records: records)
        #expect(split.change(.BnA, n: 4).values.map { ($0 * 1e6).rounded() / 1e6 } == [-5])
    }

    @Test func duplicateRunsOfOneSeedAreAveragedNotCountedTwice() {
        let records = [
            ReportFixtures.record(treatment: .baseB, seed: 1, top1: 0.60, runID: "a"),
            ReportFixtures.record(treatment: .baseB, seed: 1, top1: 0.62, runID: "b"),
            ReportFixtures.record(treatment: .baseB, seed: 2, top1: 0.70, runID: "c"),
        ]
        let summary = SplitResults(name: "similar", records: records).top1(.baseB, n: nil)
        #expect(summary.count == 2)
        #expect(abs((summary.mean ?? 0) - 65.5) < 1e-9)
    }

    @Test func markdownFullSetHasAllFamiliesAndRows() {
        let md = Top1Table.markdown(records: ReportFixtures.fullSet(), split: "dissimilar", experiment: "exp")
        #expect(md.contains("|  | base | BnB | BnB+ | AnB | AnB+ | randomNB | AnA | AnA+ | BnA | BnA+ |"))
        for n in 1...7 { #expect(md.contains("| n = \(n) |")) }
        #expect(md.contains("split dissimilar (dissimilar) · seeds 1, 2, 3 · 195 runs · 1000 iterations"))
        #expect(!md.contains("nan"))
    }

    @Test func markdownEscapesTableBreakingCharacters() {
        let records = [ReportFixtures.record(split: "a|b", treatment: .baseB, seed: 1, top1: 0.5)]
        let md = Top1Table.markdown(records: records, split: "a|b", experiment: "e")
        #expect(md.contains("a\\|b"))
        #expect(!md.contains("a|b"))
    }
}
