import Foundation
import Metrics

/// The plots of one `EvaluationReport`: its confusion heat map and its ROC curves. `transfer
/// metrics --plot` and the experiment report draw them with this code.
public enum EvaluationPlots {
    /// The confusion matrix as a heat map.
    public static func confusion(_ report: EvaluationReport) -> SVGBuilder {
        ConfusionHeatMap.draw(report.confusionMatrix, classNames: report.classNames)
    }

    /// One-vs-rest ROC curves of every class (K > 2), or of the positive class with the Youden
    /// point and the operating point of the predictions (K = 2); nil without scores.
    public static func roc(_ report: EvaluationReport) -> SVGBuilder? {
        guard report.head != .labels else { return nil }
        guard let p = report.positiveClass else {
            return ROCPlot.draw(report.perClass.map { ROCSeries(name: $0.name, curve: $0.roc) },
                                title: "ROC curves (one vs rest)")
        }
        var markers: [ROCMarker] = []
        if let y = report.youden {
            markers.append(ROCMarker(label: "Youden threshold \(ReportFormat.fixed(y.threshold, 4))",
                                     falsePositiveRate: y.falsePositiveRate, truePositiveRate: y.truePositiveRate))
        }
        let counts = report.perClass[p].metrics.counts
        if counts.support > 0 && counts.trueNegatives + counts.falsePositives > 0 {
            let rule = report.decisionThreshold.map { "threshold \(ReportFormat.fixed($0, 4))" } ?? "argmax"
            markers.append(ROCMarker(
                label: "predictions (\(rule))",
                falsePositiveRate: Double(counts.falsePositives) / Double(counts.falsePositives + counts.trueNegatives),
                truePositiveRate: Double(counts.truePositives) / Double(counts.support)))
        }
        return ROCPlot.draw([ROCSeries(name: report.classNames[p], curve: report.perClass[p].roc)], markers: markers,
                            title: "ROC curve (positive class \(report.classNames[p]))")
    }

    /// The files `--plot` writes: `confusion.svg`, and `roc.svg` when there are scores.
    public static func files(_ report: EvaluationReport) -> [(name: String, svg: String)] {
        [("confusion.svg", confusion(report).document)] + (roc(report).map { [("roc.svg", $0.document)] } ?? [])
    }
}
