import Foundation
import Storage
import Testing
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
}
