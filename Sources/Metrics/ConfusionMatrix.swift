import Foundation

/// One class's one-vs-rest counts taken from a confusion matrix.
public struct ClassCounts: Codable, Equatable, Hashable, Sendable {
    /// Samples of this class predicted as this class.
    public let truePositives: Int
    /// Samples of other classes predicted as this class.
    public let falsePositives: Int
    /// Samples of this class predicted as another class.
    public let falseNegatives: Int
    /// Samples of other classes predicted as another class.
    public let trueNegatives: Int

    /// Samples whose true class is this class (TP + FN).
    public var support: Int { truePositives + falseNegatives }
    /// Samples predicted as this class (TP + FP).
    public var predicted: Int { truePositives + falsePositives }

    public init(truePositives: Int, falsePositives: Int, falseNegatives: Int, trueNegatives: Int) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.trueNegatives = trueNegatives
    }

    enum CodingKeys: String, CodingKey {
        case truePositives = "tp", falsePositives = "fp", falseNegatives = "fn", trueNegatives = "tn"
    }
}

/// A K×K confusion matrix: `counts[t][p]` = number of samples of true class t predicted as p
/// (rows = true class, columns = predicted class).
///
/// JSON: `{"class_count": K, "counts": [[…], …]}` (rows = true class).
public struct ConfusionMatrix: Codable, Equatable, Hashable, Sendable {
    /// K, the number of classes.
    public let classCount: Int
    /// Row-major K×K counts, rows = true class, columns = predicted class.
    public let counts: [[Int]]

    /// Counts (label, prediction) pairs. Throws on K < 2, empty or mismatched inputs and values
    /// outside 0..<K.
    public init(labels: [Int], predictions: [Int], classCount: Int) throws {
        try Validate.classCount(classCount)
        try Validate.nonEmpty(labels.count, argument: "labels")
        try Validate.length(predictions.count, labels.count, argument: "predictions")
        try Validate.labels(labels, classCount: classCount)
        try Validate.labels(predictions, classCount: classCount, argument: "predictions")
        var flat = [Int](repeating: 0, count: classCount * classCount)
        flat.withUnsafeMutableBufferPointer { m in
            for (t, p) in zip(labels, predictions) { m[t * classCount + p] += 1 }
        }
        self.classCount = classCount
        self.counts = (0..<classCount).map { Array(flat[($0 * classCount)..<($0 * classCount + classCount)]) }
    }

    /// Predictions are the argmax of each row of a row-major N×K score matrix (ties → lowest
    /// class index). Throws as `init(labels:predictions:classCount:)`, and on NaN scores.
    public init(labels: [Int], scores: [Double], classCount: Int) throws {
        try Validate.scoreMatrix(scores, labels: labels, classCount: classCount,
                                 argument: "scores", allowInfinite: true)
        let predictions = Probability.argmaxRowsUnchecked(scores, classCount: classCount)
        try self.init(labels: labels, predictions: predictions, classCount: classCount)
    }

    /// Wraps existing counts (square, K ≥ 2, non-negative, at least one sample).
    public init(counts: [[Int]]) throws {
        try Validate.classCount(counts.count, argument: "counts")
        for (i, row) in counts.enumerated() {
            try Validate.length(row.count, counts.count, argument: "counts[\(i)]")
            if let bad = row.first(where: { $0 < 0 }) {
                throw MetricsError.invalidParameter(argument: "counts[\(i)]", reason: "negative count \(bad)")
            }
        }
        if counts.allSatisfy({ $0.allSatisfy { $0 == 0 } }) {
            throw MetricsError.emptyInput(argument: "counts")
        }
        self.classCount = counts.count
        self.counts = counts
    }

    /// The count for (true class, predicted class).
    public subscript(trueClass: Int, predicted: Int) -> Int { counts[trueClass][predicted] }

    /// N, the number of samples.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// Σ diagonal, the number of correct predictions.
    public var correct: Int { (0..<classCount).reduce(0) { $0 + counts[$1][$1] } }

    /// Fraction of correct predictions (top-1 accuracy).
    public var accuracy: Double { Double(correct) / Double(total) }

    /// Samples per true class (row sums).
    public var support: [Int] { counts.map { $0.reduce(0, +) } }

    /// Samples per predicted class (column sums).
    public var predictedCounts: [Int] {
        (0..<classCount).map { p in counts.reduce(0) { $0 + $1[p] } }
    }

    /// One-vs-rest TP/FP/FN/TN of class `c`.
    public func classCounts(_ c: Int) -> ClassCounts {
        let tp = counts[c][c]
        let fn = counts[c].reduce(0, +) - tp
        let fp = counts.reduce(0) { $0 + $1[c] } - tp
        return ClassCounts(truePositives: tp, falsePositives: fp, falseNegatives: fn,
                           trueNegatives: total - tp - fp - fn)
    }

    /// One-vs-rest counts of every class, in class order.
    public var allClassCounts: [ClassCounts] { (0..<classCount).map(classCounts) }

    enum CodingKeys: String, CodingKey {
        case classCount = "class_count"
        case counts
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let counts = try c.decode([[Int]].self, forKey: .counts)
        do {
            try self.init(counts: counts)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .counts, in: c, debugDescription: "\(error)")
        }
        let k = try c.decode(Int.self, forKey: .classCount)
        if k != classCount {
            throw DecodingError.dataCorruptedError(
                forKey: .classCount, in: c,
                debugDescription: "class_count \(k) does not match the \(classCount)×\(classCount) counts")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(classCount, forKey: .classCount)
        try c.encode(counts, forKey: .counts)
    }
}
