import Foundation

extension EvaluationReport {
    /// A readable Markdown rendering: provenance and summary lines, averages, a per-class table
    /// (counts, precision, recall, specificity, F1, AUC), the confusion matrix with class names
    /// (rows = true, columns = predicted), and a list of the undefined values with their reasons.
    /// Undefined values print as "n/a".
    public func markdown() -> String {
        let names = classNames.map(Self.escape)
        var lines = ["# Evaluation report", ""] + summaryLines(names)
        lines += ["", "## Averages", "", "| Average | Precision | Recall | Specificity | F1 |", "|---|---:|---:|---:|---:|"]
        for (name, avg) in [("macro", macro), ("micro", micro), ("weighted", weighted)] {
            let cells = [avg.precision, avg.recall, avg.specificity, avg.f1].map(Self.averaged)
            lines.append("| \(name) | " + cells.joined(separator: " | ") + " |")
        }
        lines += ["", "Macro and weighted averages skip classes whose value is undefined (count shown as "
                  + "\"k undefined\"); micro averages pool the counts."]
        lines += ["", "## Per-class metrics", "",
                  "| Class | Support | TP | FP | FN | TN | Precision | Recall | Specificity | F1 | AUC |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for (i, c) in perClass.enumerated() {
            let m = c.metrics, n = m.counts
            let cells = ["\(names[i])", "\(m.support)", "\(n.truePositives)", "\(n.falsePositives)",
                         "\(n.falseNegatives)", "\(n.trueNegatives)", m.precision.formatted(),
                         m.recall.formatted(), m.specificity.formatted(), m.f1.formatted(), c.roc.auc.formatted()]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines += ["", "## Confusion matrix (rows = true class, columns = predicted class)", ""] + confusionLines(names)
        let undefined = undefinedValues
        if !undefined.isEmpty {
            lines += ["", "## Undefined values", ""] + undefined.map { "- \(Self.escape($0.subject)): \($0.reason)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every undefined value with its reason, e.g. ("bird precision", "no predictions for this class …").
    public var undefinedValues: [(subject: String, reason: String)] {
        var out: [(subject: String, reason: String)] = []
        for (what, value) in [("mean loss", meanLoss), ("mean entropy", meanEntropy)] {
            if let reason = value.undefinedReason { out.append((what, reason)) }
        }
        for c in perClass {
            let m = c.metrics
            for (metric, value) in [("precision", m.precision), ("recall", m.recall),
                                    ("specificity", m.specificity), ("F1", m.f1), ("AUC", c.roc.auc)] {
                if let reason = value.undefinedReason { out.append(("\(c.name) \(metric)", reason)) }
            }
        }
        return out
    }

    /// Provenance, sample and class counts, accuracies, loss, entropy, AUC, binary decision rule.
    private func summaryLines(_ names: [String]) -> [String] {
        var lines: [String] = []
        if let v = provenance.checkpointPath { lines.append("- Checkpoint: `\(v)`") }
        if let v = provenance.dataset { lines.append("- Dataset: \(Self.escape(v))") }
        if let v = provenance.split { lines.append("- Split: \(Self.escape(v))") }
        if let v = provenance.testSetDescription { lines.append("- Test set: \(Self.escape(v))") }
        for key in provenance.extra.keys.sorted() {
            lines.append("- \(Self.escape(key)): \(Self.escape(provenance.extra[key] ?? ""))")
        }
        lines.append("- Samples: \(sampleCount); classes: \(classCount) (\(Self.describe(head)))")
        lines.append("- Top-1 accuracy: \(Self.percent(top1Accuracy))")
        if topK != 1 { lines.append("- Top-\(topK) accuracy: \(Self.percent(topKAccuracy))") }
        let lossName = head == .sigmoid ? "binary cross-entropy" : "cross-entropy"
        lines.append("- Mean \(lossName) loss: \(Self.nats(meanLoss))")
        lines.append("- Mean entropy of the predicted distributions: \(Self.nats(meanEntropy))")
        lines.append("- Macro AUC (one-vs-rest): \(Self.averaged(macroAUC))")
        if let p = positiveClass {
            let on = head == .scores ? "score(\(names[p]))" : "P(\(names[p]))"
            let rule = decisionThreshold.map { "\(on) ≥ \(Self.number($0))" } ?? "argmax"
            lines.append("- Positive class: \(names[p]); decision rule: \(rule)")
            if let y = youden {
                lines.append("- Youden threshold: \(on) ≥ \(Self.number(y.threshold)) "
                             + "(TPR \(Self.number(y.truePositiveRate)), FPR \(Self.number(y.falsePositiveRate)), "
                             + "J \(Self.number(y.youdenJ)))")
            }
        }
        return lines
    }

    private func confusionLines(_ names: [String]) -> [String] {
        var lines = ["| true \\ predicted | " + names.joined(separator: " | ") + " | total |",
                     "|---|" + String(repeating: "---:|", count: classCount + 1)]
        let support = confusionMatrix.support
        for (i, row) in confusionMatrix.counts.enumerated() {
            lines.append("| \(names[i]) | " + row.map(String.init).joined(separator: " | ") + " | \(support[i]) |")
        }
        lines.append("| total | " + confusionMatrix.predictedCounts.map(String.init).joined(separator: " | ")
                     + " | \(confusionMatrix.total) |")
        return lines
    }

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    private static func number(_ x: Double) -> String { String(format: "%.4f", x) }

    private static func nats(_ value: MetricValue) -> String {
        value.isDefined ? "\(value.formatted()) nats" : "n/a"
    }

    private static func describe(_ head: Head) -> String {
        switch head {
        case .softmax: return "softmax head"
        case .sigmoid: return "sigmoid head"
        case .probabilities: return "probabilities"
        case .scores: return "scores, not probabilities"
        case .labels: return "predicted labels only"
        }
    }

    private static func percent(_ x: Double) -> String {
        String(format: "%.4f (%.2f%%)", x, 100 * x)
    }

    private static func averaged(_ a: AveragedValue) -> String {
        a.undefinedClasses == 0 ? a.metric.formatted() : "\(a.metric.formatted()) (\(a.undefinedClasses) undefined)"
    }
}
