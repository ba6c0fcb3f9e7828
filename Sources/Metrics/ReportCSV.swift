import Foundation

extension EvaluationReport {
    /// A tidy CSV rendering: one value per row, columns `metric,average,class,predicted,value,reason`.
    ///
    /// Summary rows leave `average` and `class` empty; per-class rows name the class; averaged
    /// rows name the average (macro, micro, weighted); confusion-matrix cells are rows with metric
    /// `count`, `class` = true class and `predicted` = predicted class. Undefined values have an
    /// empty `value` and their reason. Numbers are the shortest text that reads back exactly.
    public func csv() -> String {
        var rows = [["metric", "average", "class", "predicted", "value", "reason"]]
        func add(_ metric: String, average: String = "", cls: String = "", predicted: String = "", _ value: MetricValue) {
            rows.append([metric, average, cls, predicted, value.value.map(Self.csvNumber) ?? "", value.undefinedReason ?? ""])
        }
        add("sample_count", .defined(Double(sampleCount)))
        add("top1_accuracy", .defined(top1Accuracy))
        add("top\(topK)_accuracy", .defined(topKAccuracy))
        add("mean_loss", meanLoss)
        add("mean_entropy", meanEntropy)
        add("auc", average: "macro", macroAUC.metric)
        if let p = positiveClass {
            if let t = decisionThreshold { add("decision_threshold", cls: classNames[p], .defined(t)) }
            if let y = youden { add("youden_threshold", cls: classNames[p], .defined(y.threshold)) }
        }
        for (name, avg) in [("macro", macro), ("micro", micro), ("weighted", weighted)] {
            for (metric, value) in [("precision", avg.precision), ("recall", avg.recall),
                                    ("specificity", avg.specificity), ("f1", avg.f1)] {
                add(metric, average: name, value.metric)
            }
        }
        for c in perClass {
            let m = c.metrics, n = m.counts
            for (metric, count) in [("support", m.support), ("tp", n.truePositives), ("fp", n.falsePositives),
                                    ("fn", n.falseNegatives), ("tn", n.trueNegatives)] {
                add(metric, cls: c.name, .defined(Double(count)))
            }
            for (metric, value) in [("precision", m.precision), ("recall", m.recall), ("specificity", m.specificity),
                                    ("f1", m.f1), ("auc", c.roc.auc)] {
                add(metric, cls: c.name, value)
            }
        }
        for (t, row) in confusionMatrix.counts.enumerated() {
            for (p, count) in row.enumerated() {
                add("count", cls: classNames[t], predicted: classNames[p], .defined(Double(count)))
            }
        }
        return rows.map(CSVText.row).joined(separator: "\n") + "\n"
    }

    /// Whole numbers without ".0" (counts), others as the shortest exact text.
    static func csvNumber(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
}

/// CSV text (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled.
public enum CSVText {
    /// One field.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Fields joined by commas (no line break).
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }
}
