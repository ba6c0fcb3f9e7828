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

/// Everything measured for one evaluated network on one labelled set.
///
/// Built by `compute(logits:labels:classNames:topK:provenance:)` (softmax head, N×K logits) or
/// `computeSigmoid(logits:labels:classNames:threshold:provenance:)` (one-logit binary head).
/// Averaging of undefined values follows `ClassificationMetrics`; undefined values appear in JSON
/// as `{"value": null, "reason": "…"}` (see `MetricValue`). Keys are snake_case; use
/// `jsonData()` for sorted keys. Losses are in nats.
public struct EvaluationReport: Codable, Equatable, Hashable, Sendable {
    /// The kind of output layer the logits came from.
    public enum Head: String, Codable, Sendable {
        /// N×K logits, softmax probabilities, argmax predictions, cross-entropy loss.
        case softmax
        /// N single logits, sigmoid probability of class 1, threshold predictions, BCE loss.
        case sigmoid
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
    /// Fraction of samples whose class is among the k highest probabilities (see `Accuracy.topK`).
    public let topKAccuracy: Double
    /// Mean cross-entropy (softmax) or binary cross-entropy (sigmoid) in nats.
    public let meanLoss: Double
    /// Rows = true class, columns = predicted class.
    public let confusionMatrix: ConfusionMatrix
    /// Per-class metrics and ROC, in class order.
    public let perClass: [ClassEvaluation]
    public let macro: AveragedMetrics
    public let micro: AveragedMetrics
    public let weighted: AveragedMetrics
    /// Mean one-vs-rest AUC over the classes whose AUC is defined.
    public let macroAUC: AveragedValue
    /// Sigmoid head: the probability threshold used for predictions (class 1 when p ≥ threshold).
    public let decisionThreshold: Double?
    /// Binary tasks: the Youden-optimal threshold on P(class 1); nil for K > 2 or when undefined.
    public let youden: ThresholdChoice?
    public let provenance: EvaluationProvenance

    /// Number of classes K.
    public var classCount: Int { classNames.count }

    public init(head: Head, classNames: [String], sampleCount: Int, top1Accuracy: Double, topK: Int,
                topKAccuracy: Double, meanLoss: Double, confusionMatrix: ConfusionMatrix,
                perClass: [ClassEvaluation], macro: AveragedMetrics, micro: AveragedMetrics,
                weighted: AveragedMetrics, macroAUC: AveragedValue, decisionThreshold: Double?,
                youden: ThresholdChoice?, provenance: EvaluationProvenance) {
        self.head = head
        self.classNames = classNames
        self.sampleCount = sampleCount
        self.top1Accuracy = top1Accuracy
        self.topK = topK
        self.topKAccuracy = topKAccuracy
        self.meanLoss = meanLoss
        self.confusionMatrix = confusionMatrix
        self.perClass = perClass
        self.macro = macro
        self.micro = micro
        self.weighted = weighted
        self.macroAUC = macroAUC
        self.decisionThreshold = decisionThreshold
        self.youden = youden
        self.provenance = provenance
    }

    enum CodingKeys: String, CodingKey {
        case head, classNames = "class_names", sampleCount = "sample_count"
        case top1Accuracy = "top1_accuracy", topK = "top_k", topKAccuracy = "top_k_accuracy"
        case meanLoss = "mean_loss", confusionMatrix = "confusion_matrix", perClass = "per_class"
        case macro, micro, weighted, macroAUC = "macro_auc", decisionThreshold = "decision_threshold"
        case youden, provenance
    }

    /// Encodes every key, with explicit `null` for an absent `decision_threshold` / `youden`, so the
    /// schema does not depend on the head or K.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(head, forKey: .head)
        try c.encode(classNames, forKey: .classNames)
        try c.encode(sampleCount, forKey: .sampleCount)
        try c.encode(top1Accuracy, forKey: .top1Accuracy)
        try c.encode(topK, forKey: .topK)
        try c.encode(topKAccuracy, forKey: .topKAccuracy)
        try c.encode(meanLoss, forKey: .meanLoss)
        try c.encode(confusionMatrix, forKey: .confusionMatrix)
        try c.encode(perClass, forKey: .perClass)
        try c.encode(macro, forKey: .macro)
        try c.encode(micro, forKey: .micro)
        try c.encode(weighted, forKey: .weighted)
        try c.encode(macroAUC, forKey: .macroAUC)
        try c.encode(decisionThreshold, forKey: .decisionThreshold)
        try c.encode(youden, forKey: .youden)
        try c.encode(provenance, forKey: .provenance)
    }

    // MARK: Factories

    /// Evaluates a softmax head from row-major N×K logits.
    ///
    /// Probabilities = row-wise softmax (used for ROC/AUC and top-k), predictions = argmax (ties →
    /// lowest index), loss = mean −log softmax[label]. `topK` defaults to 2 when K > 2, else 1;
    /// it must lie in 1...K. For K = 2 the Youden threshold is computed on P(class 1).
    /// Throws on: K < 2, empty labels, logits.count ≠ N·K, labels outside 0..<K, NaN or ±∞ logits,
    /// empty class names, bad `topK`.
    public static func compute(logits: [Double], labels: [Int], classNames: [String], topK: Int? = nil,
                               provenance: EvaluationProvenance = EvaluationProvenance()) throws -> EvaluationReport {
        let k = classNames.count
        try Validate.classCount(k, argument: "classNames")
        try Validate.scoreMatrix(logits, labels: labels, classCount: k, argument: "logits", allowInfinite: false)
        let kTop = topK ?? (k > 2 ? 2 : 1)
        let probabilities = try Probability.softmaxRows(logits, classCount: k)
        let predictions = Probability.argmaxRowsUnchecked(logits, classCount: k)
        let loss = try Loss.meanCrossEntropy(logits: logits, labels: labels, classCount: k)
        let topKAccuracy = try Accuracy.topK(scores: logits, labels: labels, classCount: k, k: kTop)
        return try assemble(head: .softmax, classNames: classNames, labels: labels, predictions: predictions,
                            probabilities: probabilities, topK: kTop, topKAccuracy: topKAccuracy,
                            meanLoss: loss, decisionThreshold: nil, provenance: provenance)
    }

    /// `compute(logits:…)` for Float logits (converted to Double).
    public static func compute(logits: [Float], labels: [Int], classNames: [String], topK: Int? = nil,
                               provenance: EvaluationProvenance = EvaluationProvenance()) throws -> EvaluationReport {
        try compute(logits: logits.map(Double.init), labels: labels, classNames: classNames, topK: topK,
                    provenance: provenance)
    }

    /// Evaluates a single-logit sigmoid binary head: N logits z, labels in {0, 1}.
    ///
    /// p = σ(z) = P(class 1); prediction = 1 when p ≥ `threshold` (default 0.5); ROC of class 1 on p
    /// and of class 0 on σ(−z) = 1 − p; loss = mean binary cross-entropy from the logits; Youden
    /// threshold on p. Top-k is reported with k = 1 (equal to top-1). Throws on empty labels,
    /// mismatched lengths, labels outside {0, 1}, NaN or ±∞ logits, `classNames.count ≠ 2`,
    /// threshold outside [0, 1].
    public static func computeSigmoid(logits: [Double], labels: [Int],
                                      classNames: [String] = ["negative", "positive"], threshold: Double = 0.5,
                                      provenance: EvaluationProvenance = EvaluationProvenance()) throws -> EvaluationReport {
        try Validate.length(classNames.count, 2, argument: "classNames")
        try Validate.nonEmpty(labels.count, argument: "labels")
        try Validate.length(logits.count, labels.count, argument: "logits")
        try Validate.labels(labels, classCount: 2)
        try Validate.scores(logits, argument: "logits", allowInfinite: false)
        guard threshold >= 0 && threshold <= 1 else {
            throw MetricsError.invalidParameter(argument: "threshold", reason: "must be in [0, 1], got \(threshold)")
        }
        var probabilities = [Double](repeating: 0, count: 2 * logits.count)
        var predictions = [Int](repeating: 0, count: logits.count)
        for (i, z) in logits.enumerated() {
            let p = Probability.sigmoid(z)
            probabilities[2 * i] = Probability.sigmoid(-z)
            probabilities[2 * i + 1] = p
            predictions[i] = p >= threshold ? 1 : 0
        }
        let loss = try Loss.meanBinaryCrossEntropy(logits: logits, labels: labels)
        let correct = zip(labels, predictions).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return try assemble(head: .sigmoid, classNames: classNames, labels: labels, predictions: predictions,
                            probabilities: probabilities, topK: 1,
                            topKAccuracy: Double(correct) / Double(labels.count),
                            meanLoss: loss, decisionThreshold: threshold, provenance: provenance)
    }

    /// `computeSigmoid(logits:…)` for Float logits (converted to Double).
    public static func computeSigmoid(logits: [Float], labels: [Int],
                                      classNames: [String] = ["negative", "positive"], threshold: Double = 0.5,
                                      provenance: EvaluationProvenance = EvaluationProvenance()) throws -> EvaluationReport {
        try computeSigmoid(logits: logits.map(Double.init), labels: labels, classNames: classNames,
                           threshold: threshold, provenance: provenance)
    }

    private static func assemble(head: Head, classNames: [String], labels: [Int], predictions: [Int],
                                 probabilities: [Double], topK: Int, topKAccuracy: Double, meanLoss: Double,
                                 decisionThreshold: Double?, provenance: EvaluationProvenance) throws -> EvaluationReport {
        let k = classNames.count
        let cm = try ConfusionMatrix(labels: labels, predictions: predictions, classCount: k)
        let metrics = ClassificationMetrics(confusionMatrix: cm)
        let roc = try OneVsRestROC(scores: probabilities, labels: labels, classCount: k)
        let perClass = (0..<k).map {
            ClassEvaluation(name: classNames[$0], metrics: metrics.perClass[$0], roc: roc.curves[$0].droppingIntermediate())
        }
        let youden = k == 2 ? ThresholdChooser.youden(curve: roc.curves[1]) : nil
        return EvaluationReport(
            head: head, classNames: classNames, sampleCount: labels.count, top1Accuracy: metrics.accuracy,
            topK: topK, topKAccuracy: topKAccuracy, meanLoss: meanLoss, confusionMatrix: cm, perClass: perClass,
            macro: metrics.macro, micro: metrics.micro, weighted: metrics.weighted, macroAUC: roc.macroAUC,
            decisionThreshold: decisionThreshold, youden: youden, provenance: provenance)
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
