import Foundation
import Metrics
import Testing
import TestSupport

/// `transfer eval CKPT --predictions out.csv` then `transfer metrics out.csv`: the same report,
/// number for number, as `transfer eval` computed from the checkpoint.
@Suite("eval → predictions → metrics round trip")
struct EvalPredictionsRoundTripTests {
    static let smoke = PythonEnvironment.packageRoot.appendingPathComponent("configs/smoke.json").path

    @Test("a trained smoke network's report survives the round trip exactly",
          .enabled(if: Requirements.transfer.shouldRun, Comment(rawValue: Requirements.transfer.skipReason)))
    func roundTrip() throws {
        _ = try Requirements.transfer.require()
        let results = FileManager.default.temporaryDirectory.appendingPathComponent("roundtrip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: results) }
        let train = try TransferBinary.run(["run", Self.smoke, "--run", "baseB", "--split", "dissimilar", "--quiet",
                                            "--results", results.path])
        try #require(train.status == 0, "\(train.output)")
        let checkpoint = results.appendingPathComponent("smoke/dissimilar/runs/baseB-seed0/checkpoint.h5").path
        let json = results.appendingPathComponent("eval.json"), csv = results.appendingPathComponent("out.csv")
        let eval = try TransferBinary.run(["eval", checkpoint, "--json", json.path, "--predictions", csv.path])
        try #require(eval.status == 0, "\(eval.output)")
        let metrics = try TransferBinary.run(["metrics", csv.path, "--format", "json"])
        try #require(metrics.status == 0, "\(metrics.output)")

        let fromCheckpoint = try EvaluationReport.decode(json: Data(contentsOf: json))
        let fromFile = try EvaluationReport.decode(json: Data(metrics.output.utf8))
        #expect(fromCheckpoint.sampleCount == 60 && fromCheckpoint.head == .softmax)
        #expect(fromFile.with(provenance: fromCheckpoint.provenance) == fromCheckpoint)
        let header = try String(contentsOf: csv, encoding: .utf8).prefix { $0 != "\n" }
        #expect(header == "label," + fromCheckpoint.classNames.map { "logit_\($0)" }.joined(separator: ","))
    }
}
