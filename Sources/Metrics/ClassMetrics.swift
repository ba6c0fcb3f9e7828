import Foundation

/// Precision, recall (sensitivity), specificity and F1 of one class, one-vs-rest.
///
/// - precision = TP / (TP + FP), undefined when the class is never predicted;
/// - recall = TP / (TP + FN), undefined when the class has no samples;
/// - specificity = TN / (TN + FP), undefined when every sample is of this class;
/// - F1 = 2TP / (2TP + FP + FN) (the harmonic mean of precision and recall when both are defined),
///   undefined only when TP + FP + FN = 0 (class absent from labels and predictions). This matches
///   scikit-learn ≥ 1.3, which gives F1 = 0 when exactly one of precision/recall is 0/0 and TP = 0.
public struct ClassMetrics: Codable, Equatable, Hashable, Sendable {
    /// The class index (0..<K).
    public let classIndex: Int
    /// One-vs-rest TP/FP/FN/TN.
    public let counts: ClassCounts
    /// Samples of this class (TP + FN).
    public let support: Int
    public let precision: MetricValue
    public let recall: MetricValue
    public let specificity: MetricValue
    public let f1: MetricValue

    /// Reasons given for undefined per-class values.
    public enum UndefinedReason {
        public static let precision = "no predictions for this class (TP + FP = 0)"
        public static let recall = "no samples of this class (TP + FN = 0)"
        public static let specificity = "no samples outside this class (TN + FP = 0)"
        public static let f1 = "class absent from labels and predictions (TP + FP + FN = 0)"
    }

    public init(classIndex: Int, counts: ClassCounts) {
        let tp = Double(counts.truePositives), fp = Double(counts.falsePositives)
        let fn = Double(counts.falseNegatives), tn = Double(counts.trueNegatives)
        self.classIndex = classIndex
        self.counts = counts
        self.support = counts.support
        self.precision = .ratio(tp, tp + fp, undefinedReason: UndefinedReason.precision)
        self.recall = .ratio(tp, tp + fn, undefinedReason: UndefinedReason.recall)
        self.specificity = .ratio(tn, tn + fp, undefinedReason: UndefinedReason.specificity)
        self.f1 = .ratio(2 * tp, 2 * tp + fp + fn, undefinedReason: UndefinedReason.f1)
    }

    enum CodingKeys: String, CodingKey {
        case classIndex = "class_index", counts, support, precision, recall, specificity, f1
    }
}

/// An average of a per-class metric, with how many classes were defined / undefined.
///
/// JSON (flat): `{"value": 0.61, "defined_classes": 3, "undefined_classes": 0}`, or
/// `{"value": null, "reason": "…", "defined_classes": 0, "undefined_classes": 3}`.
public struct AveragedValue: Codable, Equatable, Hashable, Sendable {
    /// The average, undefined when no class has a defined value.
    public let metric: MetricValue
    /// Classes whose value entered the average (for micro: K, all classes pooled).
    public let definedClasses: Int
    /// Classes left out because their value is undefined (always 0 for micro).
    public let undefinedClasses: Int

    public var value: Double? { metric.value }

    public init(metric: MetricValue, definedClasses: Int, undefinedClasses: Int) {
        self.metric = metric
        self.definedClasses = definedClasses
        self.undefinedClasses = undefinedClasses
    }

    enum CodingKeys: String, CodingKey {
        case value, reason, definedClasses = "defined_classes", undefinedClasses = "undefined_classes"
    }

    public init(from decoder: any Decoder) throws {
        metric = try MetricValue(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        definedClasses = try c.decode(Int.self, forKey: .definedClasses)
        undefinedClasses = try c.decode(Int.self, forKey: .undefinedClasses)
    }

    public func encode(to encoder: any Encoder) throws {
        try metric.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(definedClasses, forKey: .definedClasses)
        try c.encode(undefinedClasses, forKey: .undefinedClasses)
    }

    /// Unweighted mean of the defined values (undefined entries are skipped and counted).
    public static func macro(_ values: [MetricValue]) -> AveragedValue {
        weighted(values, weights: values.map { _ in 1 })
    }

    /// Σ wᵢ vᵢ / Σ wᵢ over the defined values; undefined when no defined value has weight > 0.
    public static func weighted(_ values: [MetricValue], weights: [Double]) -> AveragedValue {
        var sum = 0.0, weightSum = 0.0, defined = 0
        for (v, w) in zip(values, weights) {
            guard let x = v.value else { continue }
            defined += 1
            sum += w * x
            weightSum += w
        }
        let undefined = values.count - defined
        let metric: MetricValue
        if defined == 0 {
            metric = .undefined("undefined for every class")
        } else if weightSum == 0 {
            metric = .undefined("no class with a defined value has non-zero weight")
        } else {
            metric = .defined(sum / weightSum)
        }
        return AveragedValue(metric: metric, definedClasses: defined, undefinedClasses: undefined)
    }
}

/// Precision, recall, specificity and F1 averaged one way (macro, micro or weighted).
public struct AveragedMetrics: Codable, Equatable, Hashable, Sendable {
    public let precision: AveragedValue
    public let recall: AveragedValue
    public let specificity: AveragedValue
    public let f1: AveragedValue

    public init(precision: AveragedValue, recall: AveragedValue, specificity: AveragedValue, f1: AveragedValue) {
        self.precision = precision
        self.recall = recall
        self.specificity = specificity
        self.f1 = f1
    }
}

/// Per-class metrics of a confusion matrix and their macro, micro and weighted averages.
///
/// Averaging convention for undefined per-class values (see `ClassMetrics`):
/// - **macro**: unweighted mean over the classes whose value is defined; the number of skipped
///   (undefined) classes is reported in `undefinedClasses`. Undefined only if no class is defined.
/// - **weighted**: mean over the defined classes weighted by support (true-class count),
///   renormalised over those classes.
/// - **micro**: computed from the pooled counts ΣTP, ΣFP, ΣFN, ΣTN; for single-label data micro
///   precision = micro recall = micro F1 = accuracy. Always defined for a non-empty matrix.
///
/// scikit-learn differs when a value is undefined: with `zero_division` (default "warn") it
/// substitutes 0 (or 1) and keeps the class in macro/weighted averages, so its averages are lower
/// (or higher) than ours whenever `undefinedClasses > 0`. Without undefined classes the results
/// agree.
public struct ClassificationMetrics: Codable, Equatable, Hashable, Sendable {
    /// Top-1 accuracy, correct / N.
    public let accuracy: Double
    /// Per-class metrics in class order.
    public let perClass: [ClassMetrics]
    public let macro: AveragedMetrics
    public let micro: AveragedMetrics
    public let weighted: AveragedMetrics

    public init(confusionMatrix cm: ConfusionMatrix) {
        let perClass = cm.allClassCounts.enumerated().map { ClassMetrics(classIndex: $0.offset, counts: $0.element) }
        self.accuracy = cm.accuracy
        self.perClass = perClass
        func average(_ avg: ([MetricValue]) -> AveragedValue) -> AveragedMetrics {
            AveragedMetrics(precision: avg(perClass.map(\.precision)), recall: avg(perClass.map(\.recall)),
                            specificity: avg(perClass.map(\.specificity)), f1: avg(perClass.map(\.f1)))
        }
        self.macro = average(AveragedValue.macro)
        let supports = perClass.map { Double($0.support) }
        self.weighted = average { AveragedValue.weighted($0, weights: supports) }

        let k = cm.classCount
        let tp = Double(perClass.reduce(0) { $0 + $1.counts.truePositives })
        let fp = Double(perClass.reduce(0) { $0 + $1.counts.falsePositives })
        let fn = Double(perClass.reduce(0) { $0 + $1.counts.falseNegatives })
        let tn = Double(perClass.reduce(0) { $0 + $1.counts.trueNegatives })
        func pooled(_ m: MetricValue) -> AveragedValue {
            AveragedValue(metric: m, definedClasses: m.isDefined ? k : 0, undefinedClasses: m.isDefined ? 0 : k)
        }
        self.micro = AveragedMetrics(
            precision: pooled(.ratio(tp, tp + fp, undefinedReason: "no predictions")),
            recall: pooled(.ratio(tp, tp + fn, undefinedReason: "no samples")),
            specificity: pooled(.ratio(tn, tn + fp, undefinedReason: "no negatives")),
            f1: pooled(.ratio(2 * tp, 2 * tp + fp + fn, undefinedReason: "no samples")))
    }

    /// Convenience: builds the confusion matrix from labels and predictions first.
    public init(labels: [Int], predictions: [Int], classCount: Int) throws {
        self.init(confusionMatrix: try ConfusionMatrix(labels: labels, predictions: predictions,
                                                       classCount: classCount))
    }

    enum CodingKeys: String, CodingKey {
        case accuracy, perClass = "per_class", macro, micro, weighted
    }
}
