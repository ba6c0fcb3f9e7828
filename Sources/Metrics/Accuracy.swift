import Foundation

/// Top-1 and top-k accuracy.
public enum Accuracy {
    /// Fraction of samples with prediction == label.
    public static func top1(labels: [Int], predictions: [Int], classCount: Int) throws -> Double {
        try ConfusionMatrix(labels: labels, predictions: predictions, classCount: classCount).accuracy
    }

    /// Fraction of samples whose true class is among the k highest scores of its row in a
    /// row-major N×K score matrix (1 ≤ k ≤ K).
    ///
    /// Ties are broken toward the lower class index, as in argmax: the true class t has rank
    /// #{j : sⱼ > sₜ} + #{j < t : sⱼ = sₜ}, and the sample counts when rank < k. So top-1 equals the
    /// accuracy of argmax predictions. (scikit-learn's `top_k_accuracy_score` may break exact ties
    /// differently; with distinct scores both agree.)
    public static func topK(scores: [Double], labels: [Int], classCount: Int, k: Int) throws -> Double {
        try Validate.scoreMatrix(scores, labels: labels, classCount: classCount,
                                 argument: "scores", allowInfinite: true)
        guard k >= 1 && k <= classCount else {
            throw MetricsError.invalidParameter(argument: "k", reason: "top-k needs 1 ≤ k ≤ \(classCount), got \(k)")
        }
        var hits = 0
        scores.withUnsafeBufferPointer { s in
            for (r, t) in labels.enumerated() {
                let base = r * classCount
                let st = s[base + t]
                var rank = 0
                for j in 0..<classCount {
                    let v = s[base + j]
                    if v > st || (v == st && j < t) { rank += 1 }
                }
                if rank < k { hits += 1 }
            }
        }
        return Double(hits) / Double(labels.count)
    }
}
