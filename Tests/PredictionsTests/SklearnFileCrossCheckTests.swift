import Foundation
import Metrics
import Testing
import TestSupport
@testable import Predictions

/// Random predictions files read by `PredictionFile` and, independently, by Python (the csv
/// module, numpy, scikit-learn with `zero_division=np.nan`, whose averages skip undefined classes
/// as ours do): every metric agrees to 1e-6, undefined exactly where scikit-learn gives NaN.
@Suite("scikit-learn cross-check of predictions files")
struct SklearnFileCrossCheckTests {
    static let script = #"""
import csv, json, sys
import numpy as np
from scipy.special import softmax
from sklearn.metrics import (confusion_matrix, multilabel_confusion_matrix, precision_recall_fscore_support,
                             roc_auc_score, roc_curve, log_loss, top_k_accuracy_score, accuracy_score)
path, kind, classes, threshold, positive = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4], sys.argv[5]
rows = list(csv.DictReader(open(path, newline="")))
k = len(classes)
y = np.array([classes.index(r["label"]) if r["label"] in classes else int(r["label"]) for r in rows])
cols = [c for c in rows[0].keys() if c.startswith("score") or c.startswith("logit")]
S = np.array([[float(r[c]) for c in cols] for r in rows])
if kind == "logits": P = softmax(S, axis=1)
elif kind == "binary":
    pos = classes.index(positive); P = np.zeros((len(rows), 2)); P[:, pos] = S[:, 0]; P[:, 1 - pos] = 1 - S[:, 0]
else: P = S
pred = (np.where(P[:, pos] >= float(threshold), pos, 1 - pos) if threshold != "none" else P.argmax(axis=1))
labels = list(range(k))
nan = lambda v: None if v is None or np.isnan(v) else float(v)
out = {"cm": confusion_matrix(y, pred, labels=labels).tolist(), "accuracy": float(accuracy_score(y, pred))}
p, r, f, s = precision_recall_fscore_support(y, pred, labels=labels, average=None, zero_division=np.nan)
out.update(precision=[nan(v) for v in p], recall=[nan(v) for v in r], f1=[nan(v) for v in f])
mcm = multilabel_confusion_matrix(y, pred, labels=labels)
out["counts"] = [[int(m[1, 1]), int(m[0, 1]), int(m[1, 0]), int(m[0, 0])] for m in mcm]
spec = np.array([m[0, 0] / (m[0, 0] + m[0, 1]) if m[0, 0] + m[0, 1] else np.nan for m in mcm])
out["specificity"] = [nan(v) for v in spec]
for avg in ["macro", "micro", "weighted"]:
    p, r, f, _ = precision_recall_fscore_support(y, pred, labels=labels, average=avg, zero_division=np.nan)
    out[avg] = [nan(p), nan(r), nan(f)]
auc = [nan(roc_auc_score(y == c, P[:, c])) if 0 < (y == c).sum() < len(y) else None for c in labels]
out["auc"] = auc
out["macro_auc"] = float(np.mean([a for a in auc if a is not None]))
out["log_loss"] = float(log_loss(y, P, labels=labels))
out["entropy"] = float(np.mean([-(row[row > 0] * np.log(row[row > 0])).sum() for row in P]))
# scikit-learn breaks exact ties toward the higher class index, ours (like argmax) toward the lower
untied = all(len(np.unique(row)) == k for row in S)
out["top2"] = float(top_k_accuracy_score(y, P, k=2, labels=labels)) if k > 2 and untied else None
if k == 2:
    fpr, tpr, thr = roc_curve(y == pos, P[:, pos], drop_intermediate=False)
    finite = np.isfinite(thr); j = (tpr - fpr)[finite]
    out["youden"] = float(thr[finite][int(np.argmax(j))])
print(json.dumps(out))
"""#

    struct Reference: Decodable {
        let cm: [[Int]]
        let accuracy: Double
        let precision, recall, f1, specificity, auc: [Double?]
        let counts: [[Int]]
        let macro, micro, weighted: [Double?]
        let macroAuc: Double
        let logLoss: Double
        let entropy: Double
        let top2: Double?
        let youden: Double?
    }

    /// Writes `csv`, evaluates it with `options` and with Python; compares everything.
    static func check(_ csv: String, kind: String, classes: [String], options: PredictionFileOptions) throws {
        let python = try Requirements.sklearn.require()
        let folder = try TemporaryFolder("sklearn-files")
        let url = try folder.write("predictions.csv", csv)
        let report = try PredictionFile.evaluate(url, options: options).report
        let args = [url.path, kind, classes.joined(separator: ","), options.threshold.map { "\($0)" } ?? "none",
                    options.positiveClass ?? classes[1]]
        let result = try PythonEnvironment.run(python, script: script, arguments: args)
        try #require(result.status == 0, "python failed: \(result.stderr)")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let ref = try decoder.decode(Reference.self, from: Data(result.stdout.utf8))
        compare(report, ref)
    }

    static func close(_ ours: MetricValue, _ theirs: Double?, _ what: String) {
        switch (ours.value, theirs) {
        case (nil, nil): break
        case let (a?, b?): #expect(abs(a - b) < 1e-6, "\(what): \(a) vs scikit-learn \(b)")
        default: Issue.record("\(what): ours \(ours), scikit-learn \(String(describing: theirs))")
        }
    }

    static func compare(_ r: EvaluationReport, _ ref: Reference) {
        #expect(r.confusionMatrix.counts == ref.cm)
        close(.defined(r.top1Accuracy), ref.accuracy, "accuracy")
        for (c, e) in r.perClass.enumerated() {
            let m = e.metrics, n = m.counts
            #expect([n.truePositives, n.falsePositives, n.falseNegatives, n.trueNegatives] == ref.counts[c])
            close(m.precision, ref.precision[c], "precision[\(c)]")
            close(m.recall, ref.recall[c], "recall[\(c)]")
            close(m.f1, ref.f1[c], "f1[\(c)]")
            close(m.specificity, ref.specificity[c], "specificity[\(c)]")
            close(e.roc.auc, ref.auc[c], "auc[\(c)]")
        }
        for (name, ours, theirs) in [("macro", r.macro, ref.macro), ("micro", r.micro, ref.micro),
                                     ("weighted", r.weighted, ref.weighted)] {
            close(ours.precision.metric, theirs[0], "\(name) precision")
            close(ours.recall.metric, theirs[1], "\(name) recall")
            close(ours.f1.metric, theirs[2], "\(name) f1")
        }
        close(r.macroAUC.metric, ref.macroAuc, "macro AUC")
        close(r.meanLoss, ref.logLoss, "log loss")
        close(r.meanEntropy, ref.entropy, "entropy")
        if let top2 = ref.top2 { close(.defined(r.topKAccuracy), top2, "top-2") }
        if let youden = ref.youden { close(.defined(r.youden?.threshold ?? .nan), youden, "Youden threshold") }
    }

    @Test("4 classes, logits (softmax), one class never predicted",
          .enabled(if: Requirements.sklearn.shouldRun, Comment(rawValue: Requirements.sklearn.skipReason)))
    func logits() throws {
        var rng = TestRandom(seed: 16)
        var csv = "id,label,logit_ant,logit_bee,logit_cat,logit_dog\n"
        for i in 0..<600 {
            let label = rng.int(below: 4)
            let z = (0..<4).map { c in rng.normal() + (c == label ? 1.5 : 0) - (c == 3 ? 6 : 0) }
            csv += "\(i),\(["ant", "bee", "cat", "dog"][label]),\(z.map { "\($0)" }.joined(separator: ","))\n"
        }
        try Self.check(csv, kind: "logits", classes: ["ant", "bee", "cat", "dog"], options: PredictionFileOptions())
    }

    @Test("4 classes, probabilities from a few values (many ties), labels as indices, one class never predicted",
          .enabled(if: Requirements.sklearn.shouldRun, Comment(rawValue: Requirements.sklearn.skipReason)))
    func tiedProbabilities() throws {
        var rng = TestRandom(seed: 2014)
        var csv = "label,score_a,score_b,score_c,score_d\n"
        for _ in 0..<500 {
            let label = rng.int(below: 4)
            let top = rng.int(below: 4) == 0 ? rng.int(below: 3) : min(label, 2)   // d never on top
            let confidence = [0.4, 0.55, 0.7][rng.int(below: 3)]
            let p = (0..<4).map { $0 == top ? confidence : (1 - confidence) / 3 }
            csv += "\(label),\(p.map { "\($0)" }.joined(separator: ","))\n"
        }
        try Self.check(csv, kind: "probabilities", classes: ["a", "b", "c", "d"], options: PredictionFileOptions())
    }

    @Test("binary, one probability column rounded to 2 decimals (ties), named classes, threshold 0.35",
          .enabled(if: Requirements.sklearn.shouldRun, Comment(rawValue: Requirements.sklearn.skipReason)))
    func binaryThreshold() throws {
        var rng = TestRandom(seed: 7)
        var csv = "label,score\n"
        for _ in 0..<400 {
            let positive = rng.nextDouble() < 0.4
            // within [0.01, 0.99]: at exactly 0 or 1 the log-loss clamps differ (ours 1e-12, scikit-learn's eps)
            let p = min(99, max(1, ((rng.normal() * 0.2 + (positive ? 0.6 : 0.35)) * 100).rounded())) / 100
            csv += "\(positive ? "pos" : "neg"),\(p)\n"
        }
        try Self.check(csv, kind: "binary", classes: ["neg", "pos"], options: PredictionFileOptions(threshold: 0.35))
        try Self.check(csv, kind: "binary", classes: ["neg", "pos"],
                       options: PredictionFileOptions(positiveClass: "neg", threshold: 0.5))
    }
}
