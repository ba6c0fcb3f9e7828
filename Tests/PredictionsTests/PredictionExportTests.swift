import Foundation
import Metrics
import Testing
import TestSupport
@testable import Predictions

/// Exported logits read back to the very report they came from (softmax and sigmoid heads).
@Suite("prediction export")
struct PredictionExportTests {
    static func roundTrip(_ logits: [Float], _ labels: [Int], _ names: [String]) throws -> EvaluationReport {
        let folder = try TemporaryFolder("export")
        let url = try folder.write("out.csv", try PredictionExport.logitsCSV(logits: logits, labels: labels, classNames: names))
        return try PredictionFile.evaluate(url).report
    }

    @Test("softmax head: Float logits, awkward class names, exact round trip")
    func softmax() throws {
        var rng = TestRandom(seed: 3)
        let labels = (0..<200).map { _ in rng.int(below: 3) }
        let logits: [Float] = (0..<600).map { _ in Float(rng.normal() * 3) }
        let names = ["T-shirt/top", "a, \"quoted\" name", "7"]
        let direct = try EvaluationReport.compute(logits: logits, labels: labels, classNames: names)
        let back = try Self.roundTrip(logits, labels, names)
        #expect(back.with(provenance: direct.provenance) == direct)
    }

    @Test("sigmoid head: one logit column named after class 1, exact round trip")
    func sigmoid() throws {
        var rng = TestRandom(seed: 4)
        let labels = (0..<100).map { _ in rng.int(below: 2) }
        let logits: [Float] = labels.map { Float(rng.normal() + ($0 == 1 ? 1 : -1)) }
        let direct = try EvaluationReport.computeSigmoid(logits: logits, labels: labels, classNames: ["neg", "pos"])
        let back = try Self.roundTrip(logits, labels, ["neg", "pos"])
        #expect(back.with(provenance: direct.provenance) == direct)
    }

    @Test("mismatched shapes are errors")
    func shapes() {
        #expect(throws: MetricsError.self) { try PredictionExport.logitsCSV(logits: [1, 2, 3], labels: [0, 1], classNames: ["a", "b"]) }
        #expect(throws: MetricsError.self) { try PredictionExport.logitsCSV(logits: [1, 2], labels: [0, 2], classNames: ["a", "b"]) }
    }
}
