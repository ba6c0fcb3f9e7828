import Foundation

/// `PredictionScores` brought to one form: an N×K probability (or score) matrix for the ROC
/// curves and thresholds, an N×K matrix that ranks classes for argmax and top-k, and the loss and
/// entropy (undefined for scores).
struct ScoredPredictions {
    let head: EvaluationReport.Head
    /// Row-major N×K: probabilities, or the raw scores for `.scores`.
    let probabilities: [Double]
    /// Row-major N×K used for argmax and top-k: the logits for `.logits`, else `probabilities`.
    let ranking: [Double]
    let meanLoss: MetricValue
    let meanEntropy: MetricValue
    let classCount: Int

    /// Validates `scores` (shape already checked) and derives the matrices, loss and entropy.
    init(_ scores: PredictionScores, labels: [Int], classCount k: Int, positiveClass: Int) throws {
        switch scores {
        case .logits(let z):
            try Validate.scores(z, argument: "logits", allowInfinite: false)
            let p = try Probability.softmaxRows(z, classCount: k)
            self.init(head: .softmax, probabilities: p, ranking: z, classCount: k,
                      loss: try Loss.meanCrossEntropy(logits: z, labels: labels, classCount: k))
        case .binaryLogits(let z):
            try Validate.scores(z, argument: "logits", allowInfinite: false)
            let p = Self.binaryMatrix(z.map(Probability.sigmoid), positiveClass: positiveClass)
            let targets = labels.map { $0 == positiveClass ? 1 : 0 }
            self.init(head: .sigmoid, probabilities: p, ranking: p, classCount: k,
                      loss: try Loss.meanBinaryCrossEntropy(logits: z, labels: targets))
        case .probabilities(let p):
            try Validate.probabilities(p, argument: "probabilities")
            try Self.checkRowSums(p, classCount: k)
            self.init(head: .probabilities, probabilities: p, ranking: p, classCount: k,
                      loss: try Loss.meanCrossEntropy(probabilities: p, labels: labels, classCount: k))
        case .binaryProbabilities(let q):
            try Validate.probabilities(q, argument: "probabilities")
            let p = Self.binaryMatrix(q, positiveClass: positiveClass)
            self.init(head: .probabilities, probabilities: p, ranking: p, classCount: k,
                      loss: try Loss.meanCrossEntropy(probabilities: p, labels: labels, classCount: k))
        case .scores(let s):
            try Validate.scores(s, argument: "scores", allowInfinite: true)
            let reason = MetricValue.undefined(ReportUndefinedReason.scoresNotProbabilities)
            self.init(head: .scores, probabilities: s, ranking: s, classCount: k, loss: reason, entropy: reason)
        }
    }

    /// Probabilities: the loss as computed, the entropy from the rows.
    private init(head: EvaluationReport.Head, probabilities: [Double], ranking: [Double], classCount k: Int,
                 loss: Double) {
        self.init(head: head, probabilities: probabilities, ranking: ranking, classCount: k, loss: .defined(loss),
                  entropy: .defined(Self.meanEntropy(probabilities, classCount: k)))
    }

    private init(head: EvaluationReport.Head, probabilities: [Double], ranking: [Double], classCount k: Int,
                 loss: MetricValue, entropy: MetricValue) {
        self.head = head
        self.probabilities = probabilities
        self.ranking = ranking
        self.classCount = k
        self.meanLoss = loss
        self.meanEntropy = entropy
    }

    /// Rows [1 − q, q] with q in the positive class's column.
    static func binaryMatrix(_ q: [Double], positiveClass: Int) -> [Double] {
        var out = [Double](repeating: 0, count: 2 * q.count)
        for (i, v) in q.enumerated() {
            out[2 * i + positiveClass] = v
            out[2 * i + 1 - positiveClass] = 1 - v
        }
        return out
    }

    /// Mean over rows of H(row) in nats.
    static func meanEntropy(_ p: [Double], classCount k: Int) -> Double {
        let rows = p.count / k
        var total = 0.0
        p.withUnsafeBufferPointer { buf in
            for r in 0..<rows {
                for j in 0..<k where buf[r * k + j] > 0 { total -= buf[r * k + j] * Foundation.log(buf[r * k + j]) }
            }
        }
        return total / Double(rows)
    }

    /// Throws when a row sums to more than `PredictionScores.probabilitySumTolerance` away from 1.
    static func checkRowSums(_ p: [Double], classCount k: Int) throws {
        for r in 0..<(p.count / k) {
            var sum = 0.0
            for j in 0..<k { sum += p[r * k + j] }
            if abs(sum - 1) > PredictionScores.probabilitySumTolerance {
                throw MetricsError.invalidScore(argument: "probabilities", index: r * k, value: sum,
                                                reason: "row \(r) sums to \(sum), not 1")
            }
        }
    }

    /// Threshold predictions: the positive class when its column ≥ `threshold`.
    func thresholded(positiveClass: Int, threshold: Double) -> [Int] {
        (0..<(probabilities.count / 2)).map {
            probabilities[2 * $0 + positiveClass] >= threshold ? positiveClass : 1 - positiveClass
        }
    }

    /// A threshold must be finite, and in [0, 1] when it applies to probabilities.
    func checkThreshold(_ t: Double) throws {
        let isProbability = head != .scores
        if !t.isFinite || (isProbability && !(t >= 0 && t <= 1)) {
            throw MetricsError.invalidParameter(
                argument: "threshold", reason: isProbability ? "must be in [0, 1], got \(t)" : "must be finite, got \(t)")
        }
    }
}
