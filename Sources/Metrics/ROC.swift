import Foundation

/// One point of a ROC curve: the rates obtained by predicting "positive" when score ≥ threshold.
///
/// JSON: `{"fpr": …, "tpr": …, "threshold": …}`; the starting point's threshold is +∞ ("predict
/// nothing positive") and is encoded as `null` (decoded back to +∞), since JSON has no infinity.
public struct ROCPoint: Codable, Equatable, Hashable, Sendable {
    /// FP / negatives.
    public let falsePositiveRate: Double
    /// TP / positives (sensitivity, recall).
    public let truePositiveRate: Double
    /// Samples with score ≥ threshold are predicted positive; +∞ for the (0, 0) start point.
    public let threshold: Double

    public init(falsePositiveRate: Double, truePositiveRate: Double, threshold: Double) {
        self.falsePositiveRate = falsePositiveRate
        self.truePositiveRate = truePositiveRate
        self.threshold = threshold
    }

    enum CodingKeys: String, CodingKey {
        case falsePositiveRate = "fpr", truePositiveRate = "tpr", threshold
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        falsePositiveRate = try c.decode(Double.self, forKey: .falsePositiveRate)
        truePositiveRate = try c.decode(Double.self, forKey: .truePositiveRate)
        threshold = try c.decodeIfPresent(Double.self, forKey: .threshold) ?? .infinity
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(falsePositiveRate, forKey: .falsePositiveRate)
        try c.encode(truePositiveRate, forKey: .truePositiveRate)
        if threshold.isFinite {
            try c.encode(threshold, forKey: .threshold)
        } else {
            try c.encodeNil(forKey: .threshold)
        }
    }
}

/// A binary ROC curve over every distinct threshold, with its AUC.
///
/// Points: the start (0, 0) at threshold +∞, then one point per distinct score in decreasing
/// order (threshold = that score), so the last point is (1, 1) at the smallest score. Tied scores
/// make a single point; a tie between positives and negatives is a diagonal segment. No
/// intermediate points are dropped (scikit-learn's `roc_curve(..., drop_intermediate=False)`
/// gives the same points). AUC is the trapezoid area under these points, which equals the
/// Mann–Whitney U / (P·N) with ties counted ½.
///
/// Undefined (no points, `auc` undefined with the reason) when there are no positive or no
/// negative samples.
public struct ROCCurve: Codable, Equatable, Hashable, Sendable {
    /// Number of positive samples P.
    public let positives: Int
    /// Number of negative samples N.
    public let negatives: Int
    /// The curve, empty when undefined.
    public let points: [ROCPoint]
    /// Area under the curve (trapezoid rule), always of the full curve.
    public let auc: MetricValue
    /// When the points were thinned for a report (`thinned(maxPoints:)`): how many the curve had.
    public let thinnedFrom: Int?

    /// Builds the curve from scores (higher = more positive) and the binary truth. Throws on
    /// empty or mismatched inputs and NaN scores (±∞ are allowed: they only order samples).
    public init(scores: [Double], isPositive: [Bool]) throws {
        try Validate.nonEmpty(scores.count, argument: "scores")
        try Validate.length(isPositive.count, scores.count, argument: "isPositive")
        try Validate.scores(scores, argument: "scores", allowInfinite: true)
        self = ROCCurve.unchecked(scores: scores, isPositive: isPositive)
    }

    /// Binary labels in {0, 1}; class `positiveClass` is the positive one.
    public init(scores: [Double], labels: [Int], positiveClass: Int = 1) throws {
        try Validate.labels(labels, classCount: 2)
        try self.init(scores: scores, isPositive: labels.map { $0 == positiveClass })
    }

    /// A curve that cannot be drawn for a reason other than the samples (e.g. no scores were
    /// given, only predicted labels): no points, AUC undefined with `reason`.
    public static func unavailable(positives: Int, negatives: Int, reason: String) -> ROCCurve {
        ROCCurve(positives: positives, negatives: negatives, points: [], auc: .undefined(reason))
    }

    private init(positives: Int, negatives: Int, points: [ROCPoint], auc: MetricValue, thinnedFrom: Int? = nil) {
        self.positives = positives
        self.negatives = negatives
        self.points = points
        self.auc = auc
        self.thinnedFrom = thinnedFrom
    }

    static func unchecked(scores: [Double], isPositive: [Bool]) -> ROCCurve {
        let p = isPositive.reduce(0) { $0 + ($1 ? 1 : 0) }
        let n = isPositive.count - p
        if p == 0 || n == 0 {
            let reason = p == 0 ? "no positive samples for this class" : "no negative samples for this class"
            return ROCCurve(positives: p, negatives: n, points: [], auc: .undefined(reason))
        }
        var ranked = zip(scores, isPositive).map { (score: $0, positive: $1) }
        ranked.sort { $0.score > $1.score }
        var points = [ROCPoint(falsePositiveRate: 0, truePositiveRate: 0, threshold: .infinity)]
        points.reserveCapacity(scores.count + 1)
        var tp = 0, fp = 0, i = 0
        let pd = Double(p), nd = Double(n)
        while i < ranked.count {
            let s = ranked[i].score
            while i < ranked.count && ranked[i].score == s {
                if ranked[i].positive { tp += 1 } else { fp += 1 }
                i += 1
            }
            points.append(ROCPoint(falsePositiveRate: Double(fp) / nd, truePositiveRate: Double(tp) / pd,
                                   threshold: s))
        }
        return ROCCurve(positives: p, negatives: n, points: points, auc: .defined(trapezoidArea(points)))
    }

    /// The same curve without the points that lie on a straight segment between their
    /// neighbours (scikit-learn's `drop_intermediate=True`): identical shape and AUC, far fewer
    /// points for reports.
    public func droppingIntermediate() -> ROCCurve {
        guard points.count > 2 else { return self }
        var kept = [points[0]]
        for i in 1..<(points.count - 1) {
            let a = kept[kept.count - 1], b = points[i], c = points[i + 1]
            let cross = (b.falsePositiveRate - a.falsePositiveRate) * (c.truePositiveRate - b.truePositiveRate)
                - (b.truePositiveRate - a.truePositiveRate) * (c.falsePositiveRate - b.falsePositiveRate)
            if cross != 0 { kept.append(b) }
        }
        kept.append(points[points.count - 1])
        return ROCCurve(positives: positives, negatives: negatives, points: kept, auc: auc, thinnedFrom: thinnedFrom)
    }

    /// At most `maxPoints` (≥ 3) points, for reports and plots of very large test sets: a point is
    /// kept when it lies at least 2 / (maxPoints − 2) from the last kept one in |ΔFPR| + |ΔTPR|
    /// (the whole curve is 2 long in that distance), and the first and last points always are.
    /// The shape is kept to that resolution; the AUC stays the full curve's; `thinnedFrom`
    /// records the original count. A curve with at most `maxPoints` points is returned as is.
    public func thinned(maxPoints: Int) -> ROCCurve {
        precondition(maxPoints >= 3, "a thinned ROC curve needs at least 3 points")
        guard points.count > maxPoints else { return self }
        let step = 2 / Double(maxPoints - 2)
        var kept = [points[0]]
        for point in points.dropFirst().dropLast() {
            let last = kept[kept.count - 1]
            if abs(point.falsePositiveRate - last.falsePositiveRate) + abs(point.truePositiveRate - last.truePositiveRate)
                >= step { kept.append(point) }
        }
        kept.append(points[points.count - 1])
        return ROCCurve(positives: positives, negatives: negatives, points: kept, auc: auc,
                        thinnedFrom: thinnedFrom ?? points.count)
    }

    /// Σ (x₁ − x₀)(y₀ + y₁)/2 over consecutive points (x = FPR, y = TPR).
    public static func trapezoidArea(_ points: [ROCPoint]) -> Double {
        var area = 0.0
        for (a, b) in zip(points, points.dropFirst()) {
            area += (b.falsePositiveRate - a.falsePositiveRate) * (a.truePositiveRate + b.truePositiveRate) / 2
        }
        return area
    }

    enum CodingKeys: String, CodingKey { case positives, negatives, points, auc, thinnedFrom = "thinned_from" }
}

/// One-vs-rest ROC curves of a K-class problem and their macro AUC.
///
/// Curve c uses column c of the score matrix as the score and "label == c" as positive.
/// `macroAUC` is the unweighted mean over classes whose AUC is defined (classes with no positives
/// or no negatives are skipped and counted in `undefinedClasses`); with every class defined it
/// equals scikit-learn's `roc_auc_score(y, p, multi_class="ovr", average="macro")`.
public struct OneVsRestROC: Codable, Equatable, Hashable, Sendable {
    /// Curve per class, in class order.
    public let curves: [ROCCurve]
    /// Mean AUC over classes with a defined AUC.
    public let macroAUC: AveragedValue

    /// From a row-major N×K score matrix (e.g. softmax probabilities) and labels in 0..<K.
    /// `reduce(class, curve)` is applied to each curve as soon as it is built (e.g.
    /// `droppingIntermediate()`), so only one full curve is in memory at a time.
    public init(scores: [Double], labels: [Int], classCount: Int,
                reduce: (_ classIndex: Int, ROCCurve) -> ROCCurve = { $1 }) throws {
        try Validate.scoreMatrix(scores, labels: labels, classCount: classCount,
                                 argument: "scores", allowInfinite: true)
        var curves: [ROCCurve] = []
        var column = [Double](repeating: 0, count: labels.count)
        for c in 0..<classCount {
            for r in 0..<labels.count { column[r] = scores[r * classCount + c] }
            curves.append(reduce(c, ROCCurve.unchecked(scores: column, isPositive: labels.map { $0 == c })))
        }
        self.curves = curves
        self.macroAUC = .macro(curves.map(\.auc))
    }

    enum CodingKeys: String, CodingKey { case curves, macroAUC = "macro_auc" }
}
