import Foundation

/// Numerically stable softmax, log-softmax and sigmoid.
///
/// These are pure math on already-validated numbers: NaN in gives NaN out and an empty vector
/// gives an empty result. The batch functions (`softmaxRows`, `argmaxRows`) validate and throw.
public enum Probability {
    /// log Σ exp(xᵢ), computed as m + log Σ exp(xᵢ − m) with m = max xᵢ (−∞ for an empty vector).
    public static func logSumExp(_ x: [Double]) -> Double {
        x.withUnsafeBufferPointer { logSumExp($0) }
    }

    static func logSumExp(_ x: UnsafeBufferPointer<Double>) -> Double {
        guard var m = x.first else { return -.infinity }
        for v in x where v > m { m = v }
        if m.isInfinite { return m }            // all −∞ → −∞; any +∞ → +∞
        var sum = 0.0
        for v in x { sum += Foundation.exp(v - m) }
        return m + Foundation.log(sum)
    }

    /// softmax(x)ᵢ = exp(xᵢ − logSumExp(x)); finite for finite input of any magnitude, sums to 1.
    public static func softmax(_ logits: [Double]) -> [Double] {
        let lse = logSumExp(logits)
        return logits.map { Foundation.exp($0 - lse) }
    }

    /// log softmax(x)ᵢ = xᵢ − logSumExp(x) (never −∞ for finite input).
    public static func logSoftmax(_ logits: [Double]) -> [Double] {
        let lse = logSumExp(logits)
        return logits.map { $0 - lse }
    }

    /// σ(x) = 1 / (1 + e^−x), evaluated so neither branch overflows: σ(±1000) = 1 / 0 exactly
    /// up to rounding, never NaN.
    public static func sigmoid(_ x: Double) -> Double {
        if x >= 0 {
            return 1 / (1 + Foundation.exp(-x))
        }
        let e = Foundation.exp(x)
        return e / (1 + e)
    }

    /// log σ(x) = −softplus(−x), stable for large |x| (log σ(−1000) = −1000, not −∞).
    public static func logSigmoid(_ x: Double) -> Double {
        -softplus(-x)
    }

    /// softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^−|x|).
    public static func softplus(_ x: Double) -> Double {
        Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
    }

    /// Row-wise softmax of a row-major N×K logit matrix (`logits.count == N·K`).
    /// Throws on K < 2, an empty or non-multiple-of-K matrix, and NaN/±∞ logits.
    public static func softmaxRows(_ logits: [Double], classCount: Int) throws -> [Double] {
        try Validate.rows(logits, classCount: classCount, argument: "logits", allowInfinite: false)
        let k = classCount
        let rows = logits.count / k
        var out = [Double](repeating: 0, count: logits.count)
        logits.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for r in 0..<rows {
                    let row = UnsafeBufferPointer(rebasing: src[(r * k)..<(r * k + k)])
                    let lse = logSumExp(row)
                    for j in 0..<k { dst[r * k + j] = Foundation.exp(row[j] - lse) }
                }
            }
        }
        return out
    }

    /// Index of the largest entry of each row of a row-major N×K matrix; ties go to the lowest
    /// index (like numpy's argmax). Throws on K < 2, empty or ragged input and NaN scores.
    public static func argmaxRows(_ scores: [Double], classCount: Int) throws -> [Int] {
        try Validate.rows(scores, classCount: classCount, argument: "scores", allowInfinite: true)
        return argmaxRowsUnchecked(scores, classCount: classCount)
    }

    static func argmaxRowsUnchecked(_ scores: [Double], classCount k: Int) -> [Int] {
        let rows = scores.count / k
        var out = [Int](repeating: 0, count: rows)
        scores.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { o in
                for r in 0..<rows {
                    var best = 0
                    var bestValue = s[r * k]
                    for j in 1..<k where s[r * k + j] > bestValue {
                        best = j
                        bestValue = s[r * k + j]
                    }
                    o[r] = best
                }
            }
        }
        return out
    }
}
