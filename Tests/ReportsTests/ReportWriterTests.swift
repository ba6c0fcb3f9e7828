import Foundation
import Testing
import RecordFixtures
import Records
@testable import Reports

private func temporaryDirectory() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("report-test-\(UUID().uuidString)")
}

@Suite struct ReportWriterTests {
    @Test func writerWritesAllFilesMatchingThePureFunctions() throws {
        let records = ReportFixtures.fullSet()
            + [ReportFixtures.record(treatment: .baseB, seed: 9, top1: 0.1, experiment: "other")]
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let written = try ReportWriter.write(records: records, to: dir, experiment: "exp")
        #expect(written.map { $0.path.replacingOccurrences(of: dir.path + "/", with: "") }
                == ["similar/top1.csv", "similar/top1.md", "dissimilar/top1.csv", "dissimilar/top1.md",
                    "summary.md", "figure.svg", "compute.md"])
        let own = records.filter { $0.experiment == "exp" }
        func read(_ path: String) throws -> String {
            try String(contentsOf: dir.appendingPathComponent(path), encoding: .utf8)
        }
        #expect(try read("similar/top1.csv") == Top1Table.csv(records: own, split: "similar"))
        #expect(try read("dissimilar/top1.md") == Top1Table.markdown(records: own, split: "dissimilar", experiment: "exp"))
        #expect(try read("summary.md") == SummaryReport.markdown(records: own, experiment: "exp"))
        #expect(try read("figure.svg") == TransferFigure.svg(records: own, experiment: "exp"))
        #expect(try read("compute.md") == ComputeSummary.document(own, experiment: "exp"))
        #expect(!(try read("summary.md")).contains("run-minutes"))   // timings vary between sweeps; results do not
        #expect(!(try read("summary.md")).contains("391 runs"))          // the other experiment is ignored
        // No temporary files left behind; rewriting over existing files works.
        try ReportWriter.write(records: records, to: dir, experiment: "exp")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("similar").path)
        #expect(leftovers.sorted() == ["top1.csv", "top1.md"])
    }

    @Test func writerRejectsBadInputWithNamedErrors() {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ReportError.noRecords(experiment: "exp")) {
            try ReportWriter.write(records: [], to: dir, experiment: "exp")
        }
        #expect(throws: ReportError.invalidSplitName("../evil")) {
            try ReportWriter.write(records: [ReportFixtures.record(split: "../evil", treatment: .baseB, seed: 1, top1: 0.5)],
                                   to: dir, experiment: "exp")
        }
        #expect(ReportError.invalidSplitName("x/y").description.contains("x/y"))
        // A file where the directory should be: a write error naming the path.
        let blocker = dir.appendingPathComponent("blocked")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: blocker.path, contents: Data()))
        do {
            try ReportWriter.write(records: ReportFixtures.fullSet(), to: blocker, experiment: "exp")
            Issue.record("expected a write error")
        } catch let error as ReportError {
            #expect(error.description.contains("blocked"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func outputsAreDeterministicForShuffledInput() {
        let records = ReportFixtures.fullSet()
        var generator = SplitMix(seed: 42)
        let shuffled = records.shuffled(using: &generator)
        #expect(shuffled != records)
        let reversed = Array(records.reversed())
        for split in ["similar", "dissimilar"] {
            let csv = Top1Table.csv(records: records, split: split)
            #expect(csv == Top1Table.csv(records: shuffled, split: split))
            #expect(csv == Top1Table.csv(records: reversed, split: split))
            // Independent of the table code: one row per record of the split, plus the header.
            let rows = csv.split(separator: "\n").count
            #expect(rows == 1 + records.filter { $0.split == split }.count, "\(split): \(rows) lines")
            #expect(Top1Table.markdown(records: records, split: split, experiment: "e")
                    == Top1Table.markdown(records: shuffled, split: split, experiment: "e"))
        }
        #expect(SummaryReport.markdown(records: reversed, experiment: "e") == SummaryReport.markdown(records: shuffled, experiment: "e"))
        #expect(SummaryReport.markdown(records: records, experiment: "e") == SummaryReport.markdown(records: shuffled, experiment: "e"))
        #expect(TransferFigure.svg(records: reversed, experiment: "e") == TransferFigure.svg(records: shuffled, experiment: "e"))
        #expect(TransferFigure.svg(records: records, experiment: "e") == TransferFigure.svg(records: shuffled, experiment: "e"))
    }

    /// A small seeded generator for reproducible shuffles.
    private struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
