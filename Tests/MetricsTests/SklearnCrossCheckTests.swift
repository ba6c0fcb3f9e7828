import Foundation
import Testing
import TestSupport
@testable import Metrics

/// Cross-check against scikit-learn on seeded random data (N = 500, K = 4).
@Suite("scikit-learn cross-check")
struct SklearnCrossCheckTests {
    struct Input: Codable {
        let k: Int
        let labels: [Int]
        let predictions: [Int]
        let probabilities: [Double]   // row-major N×K softmax probabilities
        let rounded: [Double]         // probabilities rounded to 2 decimals (many ties)
    }

    struct Averaged: Codable { let precision: Double; let recall: Double; let f1: Double }

    struct Output: Codable {
        let precision: [Double]
        let recall: [Double]
        let f1: [Double]
        let support: [Int]
        let macro: Averaged
        let micro: Averaged
        let weighted: Averaged
        let auc: [Double]
        let aucMacro: Double
        let aucRounded: [Double]
        let logLoss: Double
        let top2: Double
        let accuracy: Double
        let roc0: [[Double?]]   // (fpr, tpr, threshold) of class 0 on rounded scores, no points dropped
    }

    static let script = #"""
import json, sys
import numpy as np
from sklearn.metrics import (precision_recall_fscore_support, roc_auc_score, log_loss,
                             top_k_accuracy_score, accuracy_score, roc_curve)
d = json.load(open(sys.argv[1]))
k = d["k"]
y = np.array(d["labels"]); pred = np.array(d["predictions"])
P = np.array(d["probabilities"]).reshape(-1, k); R = np.array(d["rounded"]).reshape(-1, k)
labels = list(range(k))
out = {}
p, r, f, s = precision_recall_fscore_support(y, pred, labels=labels, average=None, zero_division=0)
out.update(precision=p.tolist(), recall=r.tolist(), f1=f.tolist(), support=[int(v) for v in s])
for avg in ["macro", "micro", "weighted"]:
    p, r, f, _ = precision_recall_fscore_support(y, pred, labels=labels, average=avg, zero_division=0)
    out[avg] = dict(precision=float(p), recall=float(r), f1=float(f))
out["auc"] = [float(roc_auc_score(y == c, P[:, c])) for c in labels]
out["aucMacro"] = float(roc_auc_score(y, P, multi_class="ovr", average="macro", labels=labels))
out["aucRounded"] = [float(roc_auc_score(y == c, R[:, c])) for c in labels]
out["logLoss"] = float(log_loss(y, P, labels=labels))
out["top2"] = float(top_k_accuracy_score(y, P, k=2, labels=labels))
out["accuracy"] = float(accuracy_score(y, pred))
fpr, tpr, thr = roc_curve(y == 0, R[:, 0], drop_intermediate=False)
out["roc0"] = [[float(a), float(b), (float(t) if np.isfinite(t) else None)] for a, b, t in zip(fpr, tpr, thr)]
print(json.dumps(out))
"""#

    @Test("precision/recall/F1, averages, AUCs, loss and ROC points agree with scikit-learn to 1e-6",
          .enabled(if: Requirements.sklearn.shouldRun, Comment(rawValue: Requirements.sklearn.skipReason)))
    func crossCheck() throws {
        let python = try Requirements.sklearn.require()
        let n = 500, k = 4
        var rng = TestRandom(seed: 2014)
        var labels: [Int] = [], logits: [Double] = []
        for _ in 0..<n {
            let label = Int(rng.next() % UInt64(k))
            labels.append(label)
            for c in 0..<k { logits.append(rng.normal() + (c == label ? 1.2 : 0)) }
        }
        let report = try EvaluationReport.compute(logits: logits, labels: labels,
                                                  classNames: ["a", "b", "c", "d"], topK: 2)
        let probabilities = try Probability.softmaxRows(logits, classCount: k)
        let rounded = probabilities.map { ($0 * 100).rounded() / 100 }
        let predictions = try Probability.argmaxRows(logits, classCount: k)

        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("metrics-sklearn-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try JSONEncoder().encode(Input(k: k, labels: labels, predictions: predictions,
                                       probabilities: probabilities, rounded: rounded)).write(to: url)
        let result = try PythonEnvironment.run(python, script: Self.script, arguments: [url.path])
        try #require(result.status == 0, "python failed: \(result.stderr)")
        let ref = try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))

        func close(_ a: Double?, _ b: Double, _ what: String) {
            guard let a else { Issue.record("\(what): undefined, sklearn \(b)"); return }
            #expect(abs(a - b) < 1e-6, "\(what): \(a) vs sklearn \(b)")
        }
        for c in 0..<k {
            let m = report.perClass[c].metrics
            #expect(m.support == ref.support[c])
            close(m.precision.value, ref.precision[c], "precision[\(c)]")
            close(m.recall.value, ref.recall[c], "recall[\(c)]")
            close(m.f1.value, ref.f1[c], "f1[\(c)]")
            close(report.perClass[c].roc.auc.value, ref.auc[c], "auc[\(c)]")
            let roundedCurve = try ROCCurve(scores: (0..<n).map { rounded[$0 * k + c] },
                                            isPositive: labels.map { $0 == c })
            close(roundedCurve.auc.value, ref.aucRounded[c], "auc(rounded)[\(c)]")
        }
        for (name, ours, theirs) in [("macro", report.macro, ref.macro), ("micro", report.micro, ref.micro),
                                     ("weighted", report.weighted, ref.weighted)] {
            #expect(ours.precision.undefinedClasses == 0)
            close(ours.precision.value, theirs.precision, "\(name) precision")
            close(ours.recall.value, theirs.recall, "\(name) recall")
            close(ours.f1.value, theirs.f1, "\(name) f1")
        }
        close(report.macroAUC.value, ref.aucMacro, "macro AUC")
        close(report.meanLoss.value, ref.logLoss, "log loss")
        close(report.topKAccuracy, ref.top2, "top-2 accuracy")
        close(report.top1Accuracy, ref.accuracy, "accuracy")

        // ROC points of class 0 on tied (rounded) scores, every threshold kept
        let curve = try ROCCurve(scores: (0..<n).map { rounded[$0 * k] }, isPositive: labels.map { $0 == 0 })
        try #require(curve.points.count == ref.roc0.count)
        for (ours, theirs) in zip(curve.points, ref.roc0) {
            close(ours.falsePositiveRate, theirs[0] ?? .nan, "roc fpr")
            close(ours.truePositiveRate, theirs[1] ?? .nan, "roc tpr")
            if let t = theirs[2] { close(ours.threshold, t, "roc threshold") } else { #expect(ours.threshold == .infinity) }
        }
        #expect(curve.points.count < n / 2)  // rounding really produced ties
    }
}
