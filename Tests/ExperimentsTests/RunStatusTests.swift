import Foundation
import Storage
import RecordFixtures
import Testing
import TestSupport
@testable import Experiments

/// What a run's folder says about it, and what reports may draw from it.
@Suite struct RunStatusTests {
    @Test func aDamagedMetricsFileIsAProblemAnAbsentOneIsNot() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("status-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let metrics = dir.appendingPathComponent("metrics.json")
        #expect(RunStatus.metricsProblem(metrics) == nil)  // absent: fine (not committed)
        let sealed = SealedJSON.seal(Data("{\n  \"top1_accuracy\" : 0.5\n}".utf8))
        try sealed.write(to: metrics)
        #expect(RunStatus.metricsProblem(metrics) == nil)
        try Data(String(decoding: sealed, as: UTF8.self).replacingOccurrences(of: "0.5", with: "0.6").utf8).write(to: metrics)
        #expect(RunStatus.metricsProblem(metrics)?.contains("does not match its sha256") == true)
    }

    @Test func anUnreadableRecordIsListedWithItsPathNotSkipped() throws {
        let (plan, layout) = try TransferCorrectnessTests.setUp()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let run = try plan.find(label: "baseB", split: "similar", seed: 0)
        try AtomicFile.write(#"{"run_id": "\#(run.id)", "treatment": "AnC"}"#, to: layout.record(run))
        let (records, unreadable) = RunStatus.records(of: plan, in: layout)
        #expect(records.isEmpty)
        #expect(unreadable.map(\.path) == [layout.record(run).path])
        #expect(throws: SealError.self) { try RunStatus.record(of: run, in: layout) }
    }

    @Test(.enabled(if: Requirements.transfer.shouldRun, Comment(rawValue: Requirements.transfer.skipReason)))
    func tableWarnsAboutAnUnreadableRecordWithItsPathAndUsesTheRest() throws {
        _ = try Requirements.transfer.require()
        let smoke = TransferCorrectnessTests.smoke
        let plan = ExperimentPlan(try ExperimentConfig.load(smoke))
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("table-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = ResultsLayout(root: root, experiment: plan.config.name)
        let good = try plan.find(label: "baseB", split: "similar", seed: 0)
        var record = ReportFixtures.record(treatment: .baseB, seed: 0, top1: 0.5, experiment: plan.config.name, runID: good.id)
        record.split = good.split.name
        try AtomicFile.write(try SealedJSON.encode(record), to: layout.record(good))
        let bad = try plan.find(label: "baseA", split: "similar", seed: 0)
        try AtomicFile.write(#"{"run_id": "\#(bad.id)", "treatment": "AnC"}"#, to: layout.record(bad))
        let result = try TransferBinary.run(["table", smoke.path, "--results", root.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("warning: left out: \(layout.record(bad).path)"), "\(result.output)")
        #expect(FileManager.default.fileExists(atPath: layout.splitDirectory("similar").appendingPathComponent("top1.csv").path))
    }
}
