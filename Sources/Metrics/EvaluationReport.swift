import Foundation

/// Where an evaluation came from; free-form strings supplied by the caller.
public struct EvaluationProvenance: Codable, Equatable, Hashable, Sendable {
    /// Path of the evaluated checkpoint.
    public var checkpointPath: String?
    /// Dataset name (e.g. "CIFAR-10").
    public var dataset: String?
    /// Split (e.g. "test", "validation").
    public var split: String?
    /// What the test set is (e.g. "classes 5–9 of task B, 10 000 images").
    public var testSetDescription: String?
    /// Anything else, rendered in key order.
    public var extra: [String: String]

    public init(checkpointPath: String? = nil, dataset: String? = nil, split: String? = nil,
                testSetDescription: String? = nil, extra: [String: String] = [:]) {
        self.checkpointPath = checkpointPath
        self.dataset = dataset
        self.split = split
        self.testSetDescription = testSetDescription
        self.extra = extra
    }

    enum CodingKeys: String, CodingKey {
        case checkpointPath = "checkpoint_path", dataset, split
        case testSetDescription = "test_set_description", extra
    }

    /// Encodes every key (`null` when absent).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(checkpointPath, forKey: .checkpointPath)
        try c.encode(dataset, forKey: .dataset)
        try c.encode(split, forKey: .split)
        try c.encode(testSetDescription, forKey: .testSetDescription)
        try c.encode(extra, forKey: .extra)
    }
}

/// The metrics and ROC curve of one class within an `EvaluationReport`.
public struct ClassEvaluation: Codable, Equatable, Hashable, Sendable {
    /// The class name.
    public let name: String
    /// Counts, precision, recall, specificity, F1 (one-vs-rest).
    public let metrics: ClassMetrics
    /// One-vs-rest ROC curve on this class's probability, with AUC.
    public let roc: ROCCurve

    public init(name: String, metrics: ClassMetrics, roc: ROCCurve) {
        self.name = name
        self.metrics = metrics
        self.roc = roc
    }
}

/// Everything measured for one evaluated classifier on one labelled set.
///
/// Built by `compute(_:labels:classNames:options:)` from logits, probabilities or scores,
/// `compute(confusionMatrix:classNames:provenance:)` from predicted labels alone, or the
/// shorthands `compute(logits:…)` (softmax head) and `computeSigmoid(logits:…)` (one-logit
/// binary head). Averaging of undefined values follows `ClassificationMetrics`; undefined values
/// appear in JSON as `{"value": null, "reason": "…"}` (see `MetricValue`), never as 0. Keys are
/// snake_case; use `jsonData()` for sorted keys. Losses and entropies are in nats.
public struct EvaluationReport: Codable, Equatable, Hashable, Sendable {
    /// What the evaluated predictions were.
    public enum Head: String, Codable, Sendable {
        /// N×K logits, softmax probabilities, argmax predictions, cross-entropy loss.
        case softmax
        /// N single logits, sigmoid probability of the positive class, threshold predictions, BCE loss.
        case sigmoid
        /// Probabilities (N×K, or P(positive) per sample of a binary task), cross-entropy loss.
        case probabilities
        /// Scores that are not probabilities: no loss or entropy.
        case scores
        /// Predicted labels only: no loss, entropy, top-k or ROC.
        case labels
    }

    public let head: Head
    /// Class names, index = class label.
    public let classNames: [String]
    /// N.
    public let sampleCount: Int
    /// Fraction of correct argmax (or thresholded) predictions.
    public let top1Accuracy: Double
    /// The k of `topKAccuracy`.
    public let topK: Int
    /// Fraction of samples whose class is among the k highest scores (see `Accuracy.topK`).
    public let topKAccuracy: Double
    /// Mean cross-entropy (K columns) or binary cross-entropy (one column) in nats; undefined
    /// for scores that are not probabilities and for predicted labels.
    public let meanLoss: MetricValue
    /// Mean entropy of the predicted distributions in nats; undefined like `meanLoss`.
    public let meanEntropy: MetricValue
    /// Rows = true class, columns = predicted class.
    public let confusionMatrix: ConfusionMatrix
    /// Per-class metrics and ROC, in class order.
    public let perClass: [ClassEvaluation]
    public let macro: AveragedMetrics
    public let micro: AveragedMetrics
    public let weighted: AveragedMetrics
    /// Mean one-vs-rest AUC over the classes whose AUC is defined.
    public let macroAUC: AveragedValue
    /// Binary tasks: the positive class (thresholds and the Youden point refer to it); nil for K > 2.
    public let positiveClass: Int?
    /// Binary tasks: the threshold used for predictions (positive when its probability or score ≥
    /// it); nil when predictions are the argmax.
    public let decisionThreshold: Double?
    /// Binary tasks: the Youden-optimal threshold on the positive class's probability (or score);
    /// nil for K > 2, for predicted labels or when undefined.
    public let youden: ThresholdChoice?
    public let provenance: EvaluationProvenance

    /// Number of classes K.
    public var classCount: Int { classNames.count }

    public init(head: Head, classNames: [String], sampleCount: Int, top1Accuracy: Double, topK: Int,
                topKAccuracy: Double, meanLoss: MetricValue, meanEntropy: MetricValue,
                confusionMatrix: ConfusionMatrix, perClass: [ClassEvaluation], macro: AveragedMetrics,
                micro: AveragedMetrics, weighted: AveragedMetrics, macroAUC: AveragedValue,
                positiveClass: Int?, decisionThreshold: Double?, youden: ThresholdChoice?,
                provenance: EvaluationProvenance) {
        self.head = head
        self.classNames = classNames
        self.sampleCount = sampleCount
        self.top1Accuracy = top1Accuracy
        self.topK = topK
        self.topKAccuracy = topKAccuracy
        self.meanLoss = meanLoss
        self.meanEntropy = meanEntropy
        self.confusionMatrix = confusionMatrix
        self.perClass = perClass
        self.macro = macro
        self.micro = micro
        self.weighted = weighted
        self.macroAUC = macroAUC
        self.positiveClass = positiveClass
        self.decisionThreshold = decisionThreshold
        self.youden = youden
        self.provenance = provenance
    }

    /// The same report with another provenance (e.g. to compare two evaluations of one model).
    public func with(provenance: EvaluationProvenance) -> EvaluationReport {
        EvaluationReport(head: head, classNames: classNames, sampleCount: sampleCount, top1Accuracy: top1Accuracy,
                         topK: topK, topKAccuracy: topKAccuracy, meanLoss: meanLoss, meanEntropy: meanEntropy,
                         confusionMatrix: confusionMatrix, perClass: perClass, macro: macro, micro: micro,
                         weighted: weighted, macroAUC: macroAUC, positiveClass: positiveClass,
                         decisionThreshold: decisionThreshold, youden: youden, provenance: provenance)
    }

    enum CodingKeys: String, CodingKey {
        case head, classNames = "class_names", sampleCount = "sample_count"
        case top1Accuracy = "top1_accuracy", topK = "top_k", topKAccuracy = "top_k_accuracy"
        case meanLoss = "mean_loss", meanEntropy = "mean_entropy", confusionMatrix = "confusion_matrix"
        case perClass = "per_class", macro, micro, weighted, macroAUC = "macro_auc"
        case positiveClass = "positive_class", decisionThreshold = "decision_threshold", youden, provenance
    }

    /// Decodes reports of every version: a bare-number `mean_loss` is a defined loss; a missing
    /// `mean_entropy` is undefined ("not recorded"); a missing `positive_class` is 1 for K = 2.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        head = try c.decode(Head.self, forKey: .head)
        classNames = try c.decode([String].self, forKey: .classNames)
        sampleCount = try c.decode(Int.self, forKey: .sampleCount)
        top1Accuracy = try c.decode(Double.self, forKey: .top1Accuracy)
        topK = try c.decode(Int.self, forKey: .topK)
        topKAccuracy = try c.decode(Double.self, forKey: .topKAccuracy)
        meanLoss = try c.decode(MetricValue.self, forKey: .meanLoss)
        meanEntropy = try c.decodeIfPresent(MetricValue.self, forKey: .meanEntropy) ?? .undefined("not recorded")
        confusionMatrix = try c.decode(ConfusionMatrix.self, forKey: .confusionMatrix)
        perClass = try c.decode([ClassEvaluation].self, forKey: .perClass)
        macro = try c.decode(AveragedMetrics.self, forKey: .macro)
        micro = try c.decode(AveragedMetrics.self, forKey: .micro)
        weighted = try c.decode(AveragedMetrics.self, forKey: .weighted)
        macroAUC = try c.decode(AveragedValue.self, forKey: .macroAUC)
        let legacyPositive = classNames.count == 2 && !c.contains(.positiveClass) ? 1 : nil
        positiveClass = try c.decodeIfPresent(Int.self, forKey: .positiveClass) ?? legacyPositive
        decisionThreshold = try c.decodeIfPresent(Double.self, forKey: .decisionThreshold)
        youden = try c.decodeIfPresent(ThresholdChoice.self, forKey: .youden)
        provenance = try c.decode(EvaluationProvenance.self, forKey: .provenance)
    }

    /// Encodes every key, with explicit `null` for absent optionals, so the schema does not
    /// depend on the kind of predictions or K.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(head, forKey: .head)
        try c.encode(classNames, forKey: .classNames)
        try c.encode(sampleCount, forKey: .sampleCount)
        try c.encode(top1Accuracy, forKey: .top1Accuracy)
        try c.encode(topK, forKey: .topK)
        try c.encode(topKAccuracy, forKey: .topKAccuracy)
        try c.encode(meanLoss, forKey: .meanLoss)
        try c.encode(meanEntropy, forKey: .meanEntropy)
        try c.encode(confusionMatrix, forKey: .confusionMatrix)
        try c.encode(perClass, forKey: .perClass)
        try c.encode(macro, forKey: .macro)
        try c.encode(micro, forKey: .micro)
        try c.encode(weighted, forKey: .weighted)
        try c.encode(macroAUC, forKey: .macroAUC)
        try c.encode(positiveClass, forKey: .positiveClass)
        try c.encode(decisionThreshold, forKey: .decisionThreshold)
        try c.encode(youden, forKey: .youden)
        try c.encode(provenance, forKey: .provenance)
    }

    // MARK: JSON

    /// JSON with sorted keys (deterministic), pretty-printed by default.
    public func jsonData(prettyPrinted: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = prettyPrinted ? [.sortedKeys, .prettyPrinted] : [.sortedKeys]
        return try encoder.encode(self)
    }

    /// Decodes a report written by `jsonData()`.
    public static func decode(json: Data) throws -> EvaluationReport {
        try JSONDecoder().decode(EvaluationReport.self, from: json)
    }
}
