import Foundation

/// Cross-entropy losses, in nats.
///
/// From logits the losses use log-sum-exp / softplus and are finite for any finite logits.
/// From probabilities, each probability is clamped to [ε, 1 − ε] with
/// ε = `Loss.probabilityEpsilon` = 1e-12 before taking its log, so probabilities of exactly 0 or 1
/// give a finite loss (at most −ln 1e-12 ≈ 27.63 nats per sample), never NaN or ∞.
public enum Loss {
    /// The clamp applied to probabilities before `log`: p ↦ min(max(p, ε), 1 − ε).
    public static let probabilityEpsilon: Double = 1e-12

    static func clamp(_ p: Double) -> Double {
        Swift.min(Swift.max(p, probabilityEpsilon), 1 - probabilityEpsilon)
    }

    // MARK: Single sample

    /// −log softmax(logits)[label].
    public static func crossEntropy(logits: [Double], label: Int) throws -> Double {
        try checkVector(logits, argument: "logits", allowInfinite: false)
        try Validate.labels([label], classCount: logits.count, argument: "label")
        return Probability.logSumExp(logits) - logits[label]
    }

    /// −Σ targetᵢ · log softmax(logits)ᵢ for a (possibly soft) target distribution.
    public static func crossEntropy(logits: [Double], target: [Double]) throws -> Double {
        try checkVector(logits, argument: "logits", allowInfinite: false)
        try Validate.length(target.count, logits.count, argument: "target")
        try Validate.probabilities(target, argument: "target")
        let lse = Probability.logSumExp(logits)
        var loss = 0.0
        for i in 0..<logits.count where target[i] != 0 { loss -= target[i] * (logits[i] - lse) }
        return loss
    }

    /// −log clamp(probabilities[label]).
    public static func crossEntropy(probabilities: [Double], label: Int) throws -> Double {
        try checkVector(probabilities, argument: "probabilities", allowInfinite: false)
        try Validate.probabilities(probabilities, argument: "probabilities")
        try Validate.labels([label], classCount: probabilities.count, argument: "label")
        return -Foundation.log(clamp(probabilities[label]))
    }

    /// −Σ targetᵢ · log clamp(probabilitiesᵢ) (e.g. one-hot [0,1,0] vs [0.23,0.63,0.14] = 0.462).
    public static func crossEntropy(probabilities: [Double], target: [Double]) throws -> Double {
        try checkVector(probabilities, argument: "probabilities", allowInfinite: false)
        try Validate.probabilities(probabilities, argument: "probabilities")
        try Validate.length(target.count, probabilities.count, argument: "target")
        try Validate.probabilities(target, argument: "target")
        var loss = 0.0
        for i in 0..<probabilities.count where target[i] != 0 {
            loss -= target[i] * Foundation.log(clamp(probabilities[i]))
        }
        return loss
    }

    /// Binary cross-entropy of a logit z against a target y ∈ [0, 1]:
    /// −[y log σ(z) + (1 − y) log(1 − σ(z))] = max(z, 0) − z·y + log1p(e^−|z|). Stable for any z.
    public static func binaryCrossEntropy(logit: Double, target: Double) throws -> Double {
        try Validate.scores([logit], argument: "logit", allowInfinite: false)
        try Validate.probabilities([target], argument: "target")
        return Swift.max(logit, 0) - logit * target + Foundation.log1p(Foundation.exp(-Swift.abs(logit)))
    }

    /// Binary cross-entropy of a probability p against y ∈ [0, 1], with p clamped to [ε, 1 − ε].
    public static func binaryCrossEntropy(probability: Double, target: Double) throws -> Double {
        try Validate.probabilities([probability], argument: "probability")
        try Validate.probabilities([target], argument: "target")
        let p = clamp(probability)
        return -(target * Foundation.log(p) + (1 - target) * Foundation.log(1 - p))
    }

    // MARK: Batches

    /// Mean over N samples of −log softmax(row)[label] for a row-major N×K logit matrix.
    public static func meanCrossEntropy(logits: [Double], labels: [Int], classCount: Int) throws -> Double {
        try Validate.scoreMatrix(logits, labels: labels, classCount: classCount,
                                 argument: "logits", allowInfinite: false)
        let k = classCount
        var total = 0.0
        logits.withUnsafeBufferPointer { z in
            for (r, label) in labels.enumerated() {
                let row = UnsafeBufferPointer(rebasing: z[(r * k)..<(r * k + k)])
                total += Probability.logSumExp(row) - row[label]
            }
        }
        return total / Double(labels.count)
    }

    /// Mean over N samples of −log clamp(p[label]) for a row-major N×K probability matrix.
    public static func meanCrossEntropy(probabilities: [Double], labels: [Int], classCount: Int) throws -> Double {
        try Validate.scoreMatrix(probabilities, labels: labels, classCount: classCount,
                                 argument: "probabilities", allowInfinite: false)
        try Validate.probabilities(probabilities, argument: "probabilities")
        var total = 0.0
        for (r, label) in labels.enumerated() {
            total -= Foundation.log(clamp(probabilities[r * classCount + label]))
        }
        return total / Double(labels.count)
    }

    /// Mean binary cross-entropy of N single logits against labels in {0, 1}.
    public static func meanBinaryCrossEntropy(logits: [Double], labels: [Int]) throws -> Double {
        try Validate.nonEmpty(labels.count, argument: "labels")
        try Validate.length(logits.count, labels.count, argument: "logits")
        try Validate.labels(labels, classCount: 2)
        try Validate.scores(logits, argument: "logits", allowInfinite: false)
        var total = 0.0
        for (z, y) in zip(logits, labels) {
            total += Swift.max(z, 0) - z * Double(y) + Foundation.log1p(Foundation.exp(-Swift.abs(z)))
        }
        return total / Double(labels.count)
    }

    private static func checkVector(_ v: [Double], argument: String, allowInfinite: Bool) throws {
        try Validate.nonEmpty(v.count, argument: argument)
        try Validate.scores(v, argument: argument, allowInfinite: allowInfinite)
    }
}
