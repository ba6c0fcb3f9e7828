import Foundation
import Testing
@testable import Metrics

@Suite("EvaluationReport")
struct EvaluationReportTests {
    static let classNames = ["cat", "dog", "bird"]
    static let provenance = EvaluationProvenance(
        checkpointPath: "/runs/A3B/checkpoint-final.h5", dataset: "synthetic-3", split: "test",
        testSetDescription: "6 hand-made samples", extra: ["seed": "42", "network": "A3B"])

    /// 6 samples, K = 3. Argmax predictions: 0, 0, 1, 1, 0, 1 → class "bird" (2) is never predicted.
    /// Confusion matrix (rows true): cat [2, 0, 0], dog [0, 2, 0], bird [1, 1, 0].
    static let logits: [Double] = [
        2.0, 0.5, 0.1,    // cat
        1.0, 0.2, 0.9,    // cat
        0.1, 3.0, 0.2,    // dog
        -1.0, 0.5, 0.4,   // dog
        0.7, 0.1, 0.6,    // bird
        0.0, 1.2, 1.1,    // bird
    ]
    static let labels = [0, 0, 1, 1, 2, 2]

    static func report() throws -> EvaluationReport {
        try EvaluationReport.compute(logits: logits, labels: labels, classNames: classNames, provenance: provenance)
    }

    @Test("summary numbers, confusion matrix, loss and ROC agree with the parts")
    func contents() throws {
        let r = try Self.report()
        #expect(r.head == .softmax)
        #expect(r.sampleCount == 6 && r.classCount == 3)
        #expect(r.confusionMatrix.counts == [[2, 0, 0], [0, 2, 0], [1, 1, 0]])
        #expect(abs(r.top1Accuracy - 4.0 / 6) < 1e-15)
        // top-2: ranks of the true class: 0, 2 (0.2 < 1.0, 0.9) … row by row:
        // r0 cat 2.0 rank 0; r1 cat 1.0 rank 0; r2 dog 3.0 rank 0; r3 dog 0.5 rank 0;
        // r4 bird 0.6 rank 1 (0.7 higher); r5 bird 1.1 rank 1 (1.2 higher) → all within top 2
        #expect(r.topK == 2 && r.topKAccuracy == 1)
        // mean loss = mean of logSumExp(row) − row[label]
        var loss = 0.0
        for i in 0..<6 {
            let row = Array(Self.logits[(3 * i)..<(3 * i + 3)])
            loss += log(row.map { exp($0) }.reduce(0, +)) - row[Self.labels[i]]
        }
        #expect(abs(r.meanLoss.value! - loss / 6) < 1e-12)
        let probs = try Probability.softmaxRows(Self.logits, classCount: 3)
        let ovr = try OneVsRestROC(scores: probs, labels: Self.labels, classCount: 3)
        #expect(r.perClass.map(\.roc) == ovr.curves.map { $0.droppingIntermediate() })
        #expect(r.macroAUC == ovr.macroAUC)
        #expect(r.perClass.map(\.name) == Self.classNames)
        #expect(r.youden == nil && r.decisionThreshold == nil)
        #expect(r.perClass[2].metrics.precision.undefinedReason == ClassMetrics.UndefinedReason.precision)
        #expect(r.macro.precision.undefinedClasses == 1)
        // Float logits give the same report (these values are exact in Float up to rounding)
        let rf = try EvaluationReport.compute(logits: Self.logits.map(Float.init), labels: Self.labels,
                                              classNames: Self.classNames, provenance: Self.provenance)
        #expect(rf.confusionMatrix == r.confusionMatrix)
        #expect(abs(rf.meanLoss.value! - r.meanLoss.value!) < 1e-6)
    }

    @Test("JSON round trip is lossless and byte-deterministic")
    func jsonRoundTrip() throws {
        let r = try Self.report()
        let data = try r.jsonData()
        let decoded = try EvaluationReport.decode(json: data)
        #expect(decoded == r)
        #expect(try decoded.jsonData() == data)
        #expect(try r.jsonData(prettyPrinted: false) == r.jsonData(prettyPrinted: false))
        // also through a plain JSONEncoder (no special strategies needed: ROC's +∞ threshold is null)
        let plain = try JSONEncoder().encode(r)
        #expect(try JSONDecoder().decode(EvaluationReport.self, from: plain) == r)
    }

    @Test("reports written before loss could be undefined still decode: a bare-number mean_loss, no entropy or positive class")
    func legacyJSON() throws {
        let r = try EvaluationReport.computeSigmoid(logits: [-2, 0.5, 3], labels: [0, 1, 1], classNames: ["neg", "pos"])
        var object = try #require(try JSONSerialization.jsonObject(with: r.jsonData()) as? [String: Any])
        object["mean_loss"] = r.meanLoss.value!
        object["mean_entropy"] = nil
        object["positive_class"] = nil
        let old = try EvaluationReport.decode(json: JSONSerialization.data(withJSONObject: object))
        #expect(old.meanLoss == r.meanLoss && old.positiveClass == 1)
        #expect(old.meanEntropy.undefinedReason == "not recorded")
        #expect(old.with(provenance: r.provenance).perClass == r.perClass)
        #expect(r.meanEntropy.isDefined)
    }

    @Test("JSON: snake_case keys; a class with no predictions shows precision null + reason")
    func jsonUndefinedPrecision() throws {
        let r = try Self.report()
        let data = try r.jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["class_names", "sample_count", "top1_accuracy", "top_k", "top_k_accuracy", "mean_loss", "mean_entropy", "positive_class",
                    "confusion_matrix", "per_class", "macro", "micro", "weighted", "macro_auc", "provenance"] {
            #expect(object[key] != nil, "missing key \(key)")
        }
        // not-applicable optionals are explicit nulls (stable schema)
        #expect(object["youden"] is NSNull)
        #expect(object["decision_threshold"] is NSNull)
        let perClass = try #require(object["per_class"] as? [[String: Any]])
        let bird = try #require(perClass[2]["metrics"] as? [String: Any])
        let precision = try #require(bird["precision"] as? [String: Any])
        #expect(precision["value"] is NSNull)
        #expect(precision["reason"] as? String == "no predictions for this class (TP + FP = 0)")
        let recall = try #require(bird["recall"] as? [String: Any])
        #expect(recall["value"] as? Double == 0)
        #expect(recall["reason"] == nil)
        let macroPrecision = try #require((object["macro"] as? [String: Any])?["precision"] as? [String: Any])
        #expect(macroPrecision["undefined_classes"] as? Int == 1)
        #expect(macroPrecision["defined_classes"] as? Int == 2)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""reason" : "no predictions for this class (TP + FP = 0)""#))
        #expect(text.contains(#""checkpoint_path" : "\/runs\/A3B\/checkpoint-final.h5""#)
                || text.contains(#""checkpoint_path" : "/runs/A3B/checkpoint-final.h5""#))
        // the ROC start point's +∞ threshold is null
        let roc = try #require(perClass[0]["roc"] as? [String: Any])
        let first = try #require((roc["points"] as? [[String: Any]])?.first)
        #expect(first["threshold"] is NSNull)
    }

    @Test("markdown has the class names, summary lines and the confusion matrix")
    func markdown() throws {
        let md = try Self.report().markdown()
        for name in Self.classNames { #expect(md.contains(name)) }
        #expect(md.contains("- Checkpoint: `/runs/A3B/checkpoint-final.h5`"))
        #expect(md.contains("- Top-1 accuracy: 0.6667 (66.67%)"))
        #expect(md.contains("- Top-2 accuracy: 1.0000 (100.00%)"))
        #expect(md.contains("| true \\ predicted | cat | dog | bird | total |"))
        #expect(md.contains("| bird | 1 | 1 | 0 | 2 |"))
        #expect(md.contains("| total | 3 | 3 | 0 | 6 |"))
        #expect(md.contains("- bird precision: no predictions for this class (TP + FP = 0)"))
        #expect(md.contains("(1 undefined)"))
        #expect(md.contains("- network: A3B"))
    }

    /// logits −2, −0.5, 0.5, 3, 0, 1 with labels 0, 1, 0, 1, 1, 1.
    /// Predictions (σ(z) ≥ 0.5 ⇔ z ≥ 0): 0, 0, 1, 1, 1, 1 → matrix [[1, 1], [1, 3]].
    /// AUC (class 1 on p): positives −0.5, 3, 0, 1 vs negatives −2, 0.5: 1 + 2 + 1 + 2 = 6 of 8 → 0.75.
    /// Youden on p: J = .25 (z=3), .5 (z=1), 0 (z=.5), .25 (z=0), .5 (z=−.5), 0 (z=−2) → tie → z = 1.
    @Test("sigmoid binary head: threshold predictions, BCE loss, ROC on p, Youden point")
    func sigmoidHead() throws {
        let z: [Double] = [-2, -0.5, 0.5, 3, 0, 1]
        let y = [0, 1, 0, 1, 1, 1]
        let r = try EvaluationReport.computeSigmoid(logits: z, labels: y, classNames: ["neg", "pos"],
                                                    provenance: Self.provenance)
        #expect(r.head == .sigmoid && r.decisionThreshold == 0.5)
        #expect(r.confusionMatrix.counts == [[1, 1], [1, 3]])
        #expect(abs(r.top1Accuracy - 4.0 / 6) < 1e-15 && r.topK == 1 && r.topKAccuracy == r.top1Accuracy)
        let bce = zip(z, y).map { z, y in -(Double(y) * log(1 / (1 + exp(-z))) + Double(1 - y) * log(1 - 1 / (1 + exp(-z)))) }
        #expect(abs(r.meanLoss.value! - bce.reduce(0, +) / 6) < 1e-12)
        #expect(abs((r.perClass[1].roc.auc.value ?? .nan) - 0.75) < 1e-12)
        #expect(abs((r.perClass[0].roc.auc.value ?? .nan) - 0.75) < 1e-12)
        #expect(abs((r.macroAUC.value ?? .nan) - 0.75) < 1e-12)
        let youden = try #require(r.youden)
        #expect(youden.threshold == Probability.sigmoid(1))
        #expect(youden.truePositiveRate == 0.5 && youden.falsePositiveRate == 0 && youden.youdenJ == 0.5)
        #expect(try EvaluationReport.decode(json: r.jsonData()) == r)
        #expect(r.markdown().contains("Youden threshold: P(pos) ≥ 0.7311"))
        // Float logits agree
        let rf = try EvaluationReport.computeSigmoid(logits: z.map(Float.init), labels: y, classNames: ["neg", "pos"],
                                                     provenance: Self.provenance)
        #expect(rf == r)
    }

    @Test("binary softmax head reports the Youden point on P(class 1) and top-k = 1 by default")
    func binarySoftmax() throws {
        // logits (a, b): P(class 1) = σ(b − a): margins −2, −0.5, 0.5, 3, 0, 1 as in the sigmoid case
        let margins: [Double] = [-2, -0.5, 0.5, 3, 0, 1]
        let logits = margins.flatMap { m -> [Double] in [0, m] }
        let r = try EvaluationReport.compute(logits: logits, labels: [0, 1, 0, 1, 1, 1], classNames: ["neg", "pos"])
        #expect(r.topK == 1)
        // margin 0 is a tie → argmax picks class 0 here (the sigmoid head's p ≥ 0.5 picks class 1)
        #expect(r.confusionMatrix.counts == [[1, 1], [2, 2]])
        let youden = try #require(r.youden)
        #expect(abs(youden.threshold - Probability.sigmoid(1)) < 1e-15)
        #expect(abs((r.macroAUC.value ?? .nan) - 0.75) < 1e-12)
    }
}
