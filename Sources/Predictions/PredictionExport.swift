import Foundation
import Metrics

/// Writes a model's outputs as a predictions file that `PredictionFile.evaluate` reads back to
/// the same report (`transfer eval --predictions`).
public enum PredictionExport {
    /// CSV: `label` (the class name) and the logits, `logit_<class>` per class for a softmax head
    /// or one `logit_<class 1>` column for a single-logit binary head. Values are written as the
    /// shortest decimal text of the Double they convert to, so they read back bit-exactly.
    ///
    /// - Parameters:
    ///   - logits: row-major N×K (softmax) or N (sigmoid) logits.
    ///   - labels: N labels in 0..<K.
    public static func logitsCSV(logits: [Float], labels: [Int], classNames: [String]) throws -> String {
        let k = classNames.count
        guard k >= 2, !labels.isEmpty, logits.count % labels.count == 0,
              [1, k].contains(logits.count / labels.count) else {
            throw MetricsError.lengthMismatch(argument: "logits", expected: labels.count * k, actual: logits.count)
        }
        let columns = logits.count / labels.count
        let scoreNames = columns == 1 ? [classNames[1]] : classNames
        var lines = [CSVText.row(["label"] + scoreNames.map { "logit_" + $0 })]
        lines.reserveCapacity(labels.count + 1)
        for (r, label) in labels.enumerated() {
            guard label >= 0 && label < k else {
                throw MetricsError.labelOutOfRange(argument: "labels", index: r, label: label, classCount: k)
            }
            let values = logits[(r * columns)..<(r * columns + columns)].map { "\(Double($0))" }
            lines.append(CSVText.row([classNames[label]] + values))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
