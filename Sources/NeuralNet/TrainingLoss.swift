import Foundation

/// Training losses on plain logits, returning the mean loss and writing d(mean loss)/d(logits).
public enum TrainingLoss {
    /// Softmax cross-entropy over K classes, computed stably (log-sum-exp).
    /// logits and gradient are [N, K] row-major; labels in 0..<K.
    public static func softmaxCrossEntropy(logits: UnsafePointer<Float>, labels: UnsafePointer<Int32>,
                                           batch n: Int, classes k: Int,
                                           gradient: UnsafeMutablePointer<Float>) -> Float {
        var total = 0.0
        let invN = 1 / Float(n)
        for i in 0..<n {
            let row = logits + i * k, g = gradient + i * k
            var m = row[0]
            for j in 1..<k where row[j] > m { m = row[j] }
            var sum: Float = 0
            for j in 0..<k {
                let e = expf(row[j] - m)
                g[j] = e
                sum += e
            }
            let label = Int(labels[i])
            total += Double(logf(sum) + m - row[label])
            let inv = invN / sum
            for j in 0..<k { g[j] *= inv }
            g[label] -= invN
        }
        return Float(total / Double(n))
    }

    /// Binary cross-entropy on one logit per sample (sigmoid head), stable for large |x|:
    /// max(x, 0) − x·y + log(1 + e^(−|x|)).
    public static func sigmoidBinaryCrossEntropy(logits: UnsafePointer<Float>, labels: UnsafePointer<Int32>,
                                                 batch n: Int, gradient: UnsafeMutablePointer<Float>) -> Float {
        var total = 0.0
        let invN = 1 / Float(n)
        for i in 0..<n {
            let x = logits[i], y = Float(labels[i])
            total += Double(max(x, 0) - x * y + log1pf(expf(-abs(x))))
            let p = x >= 0 ? 1 / (1 + expf(-x)) : expf(x) / (1 + expf(x))
            gradient[i] = (p - y) * invN
        }
        return Float(total / Double(n))
    }
}
