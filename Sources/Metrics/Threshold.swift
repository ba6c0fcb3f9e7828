import Foundation

/// A decision threshold on a binary score and its operating point.
public struct ThresholdChoice: Codable, Equatable, Hashable, Sendable {
    /// Predict positive when score ≥ threshold.
    public let threshold: Double
    /// TPR (sensitivity) at the threshold.
    public let truePositiveRate: Double
    /// FPR (1 − specificity) at the threshold.
    public let falsePositiveRate: Double
    /// Youden's J = TPR − FPR.
    public let youdenJ: Double

    public init(threshold: Double, truePositiveRate: Double, falsePositiveRate: Double) {
        self.threshold = threshold
        self.truePositiveRate = truePositiveRate
        self.falsePositiveRate = falsePositiveRate
        self.youdenJ = truePositiveRate - falsePositiveRate
    }

    enum CodingKeys: String, CodingKey {
        case threshold, truePositiveRate = "tpr", falsePositiveRate = "fpr", youdenJ = "youden_j"
    }
}

/// Chooses binary decision thresholds.
public enum ThresholdChooser {
    /// The ROC point maximising Youden's J = TPR − FPR among the finite thresholds (every distinct
    /// score; the +∞ start point is excluded, so the result always classifies something as
    /// positive). Ties in J go to the highest threshold (the first in ROC order). Nil when the
    /// curve is undefined (no positives or no negatives).
    public static func youden(curve: ROCCurve) -> ThresholdChoice? {
        var best: ROCPoint?
        for point in curve.points where point.threshold.isFinite {
            let j = point.truePositiveRate - point.falsePositiveRate
            if let b = best, j <= b.truePositiveRate - b.falsePositiveRate { continue }
            best = point
        }
        return best.map {
            ThresholdChoice(threshold: $0.threshold, truePositiveRate: $0.truePositiveRate,
                            falsePositiveRate: $0.falsePositiveRate)
        }
    }

    /// Youden-optimal threshold from scores and binary truth; throws on bad input and when there
    /// are no positive or no negative samples.
    public static func youden(scores: [Double], isPositive: [Bool]) throws -> ThresholdChoice {
        let curve = try ROCCurve(scores: scores, isPositive: isPositive)
        guard let choice = youden(curve: curve) else {
            throw MetricsError.undefined(what: "Youden threshold",
                                         reason: curve.auc.undefinedReason ?? "ROC curve undefined")
        }
        return choice
    }
}
