import Foundation
import Testing
@testable import Metrics

/// One bad-input case: running it must throw exactly `message`.
struct BadInputCase: Sendable, CustomTestStringConvertible {
    let name: String
    let message: String
    let run: @Sendable () throws -> Void
    var testDescription: String { name }
}

@Suite("Bad input throws clear errors, never crashes")
struct BadInputTests {
    static let names = ["a", "b", "c"]

    static let cases: [BadInputCase] = [
        // empty inputs
        BadInputCase(name: "empty report", message: "labels: empty input (at least one sample is required)") {
            _ = try EvaluationReport.compute(logits: [Double](), labels: [], classNames: names)
        },
        BadInputCase(name: "empty confusion matrix", message: "labels: empty input (at least one sample is required)") {
            _ = try ConfusionMatrix(labels: [], predictions: [], classCount: 3)
        },
        BadInputCase(name: "empty ROC", message: "scores: empty input (at least one sample is required)") {
            _ = try ROCCurve(scores: [], isPositive: [])
        },
        BadInputCase(name: "empty sigmoid report", message: "labels: empty input (at least one sample is required)") {
            _ = try EvaluationReport.computeSigmoid(logits: [Double](), labels: [])
        },
        BadInputCase(name: "all-zero counts", message: "counts: empty input (at least one sample is required)") {
            _ = try ConfusionMatrix(counts: [[0, 0], [0, 0]])
        },
        // label outside 0..<K
        BadInputCase(name: "label too large", message: "labels: value 3 at index 1 is outside 0..<3") {
            _ = try EvaluationReport.compute(logits: [Double](repeating: 0, count: 6), labels: [0, 3], classNames: names)
        },
        BadInputCase(name: "negative label", message: "labels: value -1 at index 0 is outside 0..<3") {
            _ = try ConfusionMatrix(labels: [-1, 0], predictions: [0, 0], classCount: 3)
        },
        BadInputCase(name: "prediction out of range", message: "predictions: value 7 at index 1 is outside 0..<3") {
            _ = try ConfusionMatrix(labels: [0, 0], predictions: [0, 7], classCount: 3)
        },
        BadInputCase(name: "sigmoid label 2", message: "labels: value 2 at index 2 is outside 0..<2") {
            _ = try EvaluationReport.computeSigmoid(logits: [0.1, 0.2, 0.3], labels: [0, 1, 2])
        },
        BadInputCase(name: "cross-entropy label", message: "label: value 3 at index 0 is outside 0..<3") {
            _ = try Loss.crossEntropy(logits: [1, 2, 3], label: 3)
        },
        // mismatched lengths
        BadInputCase(name: "logits not N×K", message: "logits: length 5, expected 6") {
            _ = try EvaluationReport.compute(logits: [Double](repeating: 0, count: 5), labels: [0, 1], classNames: names)
        },
        BadInputCase(name: "predictions length", message: "predictions: length 3, expected 2") {
            _ = try ConfusionMatrix(labels: [0, 1], predictions: [0, 1, 1], classCount: 3)
        },
        BadInputCase(name: "ROC lengths", message: "isPositive: length 1, expected 2") {
            _ = try ROCCurve(scores: [0.1, 0.2], isPositive: [true])
        },
        BadInputCase(name: "sigmoid lengths", message: "logits: length 3, expected 2") {
            _ = try EvaluationReport.computeSigmoid(logits: [0.1, 0.2, 0.3], labels: [0, 1])
        },
        BadInputCase(name: "cross-entropy target length", message: "target: length 2, expected 3") {
            _ = try Loss.crossEntropy(probabilities: [0.2, 0.3, 0.5], target: [0, 1])
        },
        BadInputCase(name: "ragged counts", message: "counts[1]: length 1, expected 2") {
            _ = try ConfusionMatrix(counts: [[1, 2], [3]])
        },
        // NaN / infinite scores
        BadInputCase(name: "NaN logit", message: "logits: value nan at index 4 is invalid (NaN)") {
            _ = try EvaluationReport.compute(logits: [0, 1, 2, 3, Double.nan, 5], labels: [0, 1], classNames: names)
        },
        BadInputCase(name: "infinite logit", message: "logits: value inf at index 0 is invalid (infinite)") {
            _ = try EvaluationReport.compute(logits: [Double.infinity, 1, 2, 3, 4, 5], labels: [0, 1], classNames: names)
        },
        BadInputCase(name: "NaN Float logit", message: "logits: value nan at index 1 is invalid (NaN)") {
            _ = try EvaluationReport.compute(logits: [Float(0), .nan, 1, 2, 3, 4], labels: [0, 1], classNames: names)
        },
        BadInputCase(name: "NaN sigmoid logit", message: "logits: value nan at index 1 is invalid (NaN)") {
            _ = try EvaluationReport.computeSigmoid(logits: [0.5, Double.nan], labels: [0, 1])
        },
        BadInputCase(name: "NaN ROC score", message: "scores: value nan at index 0 is invalid (NaN)") {
            _ = try ROCCurve(scores: [.nan, 0.2], isPositive: [true, false])
        },
        BadInputCase(name: "NaN top-k score", message: "scores: value nan at index 2 is invalid (NaN)") {
            _ = try Accuracy.topK(scores: [0, 1, .nan, 3], labels: [0, 1], classCount: 2, k: 1)
        },
        BadInputCase(name: "NaN argmax score", message: "scores: value nan at index 3 is invalid (NaN)") {
            _ = try ConfusionMatrix(labels: [0, 1], scores: [0, 1, 2, .nan], classCount: 2)
        },
        BadInputCase(name: "probability > 1", message: "probability: value 1.5 at index 0 is invalid (not a probability in [0, 1])") {
            _ = try Loss.binaryCrossEntropy(probability: 1.5, target: 1)
        },
        // K < 2
        BadInputCase(name: "one class name", message: "classNames: 1 class(es); a classification task needs at least 2") {
            _ = try EvaluationReport.compute(logits: [0.5, 0.7], labels: [0, 0], classNames: ["only"])
        },
        BadInputCase(name: "confusion matrix K = 1", message: "classCount: 1 class(es); a classification task needs at least 2") {
            _ = try ConfusionMatrix(labels: [0], predictions: [0], classCount: 1)
        },
        BadInputCase(name: "one-vs-rest K = 0", message: "classCount: 0 class(es); a classification task needs at least 2") {
            _ = try OneVsRestROC(scores: [0.1], labels: [0], classCount: 0)
        },
        BadInputCase(name: "softmax rows K = 1", message: "classCount: 1 class(es); a classification task needs at least 2") {
            _ = try Probability.softmaxRows([1, 2], classCount: 1)
        },
        BadInputCase(name: "sigmoid with 3 class names", message: "classNames: length 3, expected 2") {
            _ = try EvaluationReport.computeSigmoid(logits: [0.1], labels: [0], classNames: names)
        },
        // parameters
        BadInputCase(name: "top-k k = 4 > K", message: "k: top-k needs 1 ≤ k ≤ 3, got 4") {
            _ = try EvaluationReport.compute(logits: [Double](repeating: 0, count: 6), labels: [0, 1],
                                             classNames: names, topK: 4)
        },
        BadInputCase(name: "top-k k = 0", message: "k: top-k needs 1 ≤ k ≤ 2, got 0") {
            _ = try Accuracy.topK(scores: [0, 1], labels: [0], classCount: 2, k: 0)
        },
        BadInputCase(name: "sigmoid threshold", message: "threshold: must be in [0, 1], got 1.5") {
            _ = try EvaluationReport.computeSigmoid(logits: [0.1], labels: [0], threshold: 1.5)
        },
        BadInputCase(name: "negative count", message: "counts[0]: negative count -1") {
            _ = try ConfusionMatrix(counts: [[-1, 2], [3, 4]])
        },
    ]

    @Test("throws the expected error message", arguments: cases)
    func throwsClearError(_ badCase: BadInputCase) {
        do {
            try badCase.run()
            Issue.record("\(badCase.name): expected an error, none thrown")
        } catch let error as MetricsError {
            #expect(error.description == badCase.message)
        } catch {
            Issue.record("\(badCase.name): unexpected error type \(error)")
        }
    }

    @Test("decoding a corrupt confusion matrix throws a DecodingError")
    func corruptJSON() {
        let json = Data(#"{"class_count": 3, "counts": [[1, 2], [3, 4]]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ConfusionMatrix.self, from: json) }
        let ragged = Data(#"{"class_count": 2, "counts": [[1, 2], [3]]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ConfusionMatrix.self, from: ragged) }
    }
}
