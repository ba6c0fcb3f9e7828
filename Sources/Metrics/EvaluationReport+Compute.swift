import Foundation

extension EvaluationReport {
    /// The most points a report keeps per ROC curve (see `ROCCurve.thinned(maxPoints:)`): the
    /// curve to a resolution of 1/2,500 in FPR + TPR, a few hundred kB of JSON, however many rows.
    public static let rocPointLimit = 5_002
    /// Evaluates a classifier's outputs against labels in 0..<K (K = `classNames.count`).
    ///
    /// Probabilities (softmax of logits, σ of a binary logit, or as given) feed the ROC curves,
    /// the loss and the entropy; `.scores` feed the ROC curves only. Predictions are the argmax of
    /// each row (ties → lowest index; top-k ranks logits or scores the same way), or for a binary
    /// task with a threshold t: positive when P(positive) (or its score) ≥ t. A single-column form
    /// defaults to t = 0.5. Top-1 is the accuracy of these predictions; top-k with k ≥ 2 ranks the
    /// rows. For K = 2 the Youden threshold is computed on the positive class's column.
    ///
    /// Throws on: K < 2, a single-column form with K ≠ 2, empty labels, a wrong number of values,
    /// labels outside 0..<K, NaN, ±∞ logits or probabilities, probabilities outside [0, 1] or rows
    /// not summing to 1, a bad `topK`, or a positive class or threshold on a task with K > 2.
    public static func compute(_ scores: PredictionScores, labels: [Int], classNames: [String],
                               options: EvaluationOptions = EvaluationOptions()) throws -> EvaluationReport {
        let k = classNames.count
        try Validate.classCount(k, argument: "classNames")
        let columns = scores.columns(classCount: k)
        if columns == 1 { try Validate.length(k, 2, argument: "classNames") }
        try Validate.nonEmpty(labels.count, argument: "labels")
        try Validate.length(scores.values.count, labels.count * columns, argument: scores.argument)
        try Validate.labels(labels, classCount: k)
        let positive = try binaryPositiveClass(options, classCount: k)
        let topK = options.topK ?? (k > 2 ? 2 : 1)
        guard topK >= 1 && topK <= k else {
            throw MetricsError.invalidParameter(argument: "k", reason: "top-k needs 1 ≤ k ≤ \(k), got \(topK)")
        }
        let scored = try ScoredPredictions(scores, labels: labels, classCount: k, positiveClass: positive ?? 1)
        let threshold = options.threshold ?? (columns == 1 ? 0.5 : nil)
        if let threshold { try scored.checkThreshold(threshold) }
        let predictions = threshold.map { scored.thresholded(positiveClass: positive ?? 1, threshold: $0) }
            ?? Probability.argmaxRowsUnchecked(scored.ranking, classCount: k)
        let cm = try ConfusionMatrix(labels: labels, predictions: predictions, classCount: k)
        let topKAccuracy = topK == 1 ? cm.accuracy
            : try Accuracy.topK(scores: scored.ranking, labels: labels, classCount: k, k: topK)
        var youden: ThresholdChoice?   // on the full curve, before it is thinned
        let roc = try OneVsRestROC(scores: scored.probabilities, labels: labels, classCount: k) { c, curve in
            if c == positive { youden = ThresholdChooser.youden(curve: curve) }
            return curve.droppingIntermediate().thinned(maxPoints: rocPointLimit)
        }
        return assemble(head: scored.head, classNames: classNames, confusionMatrix: cm,
                        curves: roc.curves, macroAUC: roc.macroAUC,
                        topK: topK, topKAccuracy: topKAccuracy, meanLoss: scored.meanLoss,
                        meanEntropy: scored.meanEntropy, positiveClass: positive, decisionThreshold: threshold,
                        youden: youden,
                        provenance: options.provenance)
    }

    /// Evaluates predicted labels alone, as counted in a confusion matrix: every count-based
    /// metric, with loss, entropy, ROC and AUC undefined (`ReportUndefinedReason.labelsOnly`).
    public static func compute(confusionMatrix cm: ConfusionMatrix, classNames: [String],
                               provenance: EvaluationProvenance = EvaluationProvenance()) throws -> EvaluationReport {
        try Validate.length(classNames.count, cm.classCount, argument: "classNames")
        let reason = ReportUndefinedReason.labelsOnly
        let support = cm.support
        let curves = support.map { ROCCurve.unavailable(positives: $0, negatives: cm.total - $0, reason: reason) }
        let macroAUC = AveragedValue(metric: .undefined(reason), definedClasses: 0, undefinedClasses: cm.classCount)
        return assemble(head: .labels, classNames: classNames, confusionMatrix: cm, curves: curves,
                        macroAUC: macroAUC, topK: 1, topKAccuracy: cm.accuracy, meanLoss: .undefined(reason),
                        meanEntropy: .undefined(reason), positiveClass: nil, decisionThreshold: nil,
                        youden: nil, provenance: provenance)
    }

    /// Evaluates a softmax head from row-major N×K logits (see `compute(_:labels:classNames:options:)`).
    public static func compute(logits: [Double], labels: [Int], classNames: [String], topK: Int? = nil,
                               provenance: EvaluationProvenance = EvaluationProvenance()) throws -> EvaluationReport {
        try compute(.logits(logits), labels: labels, classNames: classNames,
                    options: EvaluationOptions(topK: topK, provenance: provenance))
    }

    /// `compute(logits:…)` for Float logits (converted to Double).
    public static func compute(logits: [Float], labels: [Int], classNames: [String], topK: Int? = nil,
                               provenance: EvaluationProvenance = EvaluationProvenance()) throws -> EvaluationReport {
        try compute(logits: logits.map(Double.init), labels: labels, classNames: classNames, topK: topK,
                    provenance: provenance)
    }

    /// Evaluates a single-logit sigmoid binary head: N logits z, labels in {0, 1}, class 1
    /// positive, p = σ(z), prediction 1 when p ≥ `threshold` (in [0, 1]), binary cross-entropy loss.
    public static func computeSigmoid(logits: [Double], labels: [Int],
                                      classNames: [String] = ["negative", "positive"], threshold: Double = 0.5,
                                      provenance: EvaluationProvenance = EvaluationProvenance()) throws -> EvaluationReport {
        try compute(.binaryLogits(logits), labels: labels, classNames: classNames,
                    options: EvaluationOptions(threshold: threshold, provenance: provenance))
    }

    /// `computeSigmoid(logits:…)` for Float logits (converted to Double).
    public static func computeSigmoid(logits: [Float], labels: [Int],
                                      classNames: [String] = ["negative", "positive"], threshold: Double = 0.5,
                                      provenance: EvaluationProvenance = EvaluationProvenance()) throws -> EvaluationReport {
        try computeSigmoid(logits: logits.map(Double.init), labels: labels, classNames: classNames,
                           threshold: threshold, provenance: provenance)
    }

    /// The positive class of a binary task (default 1); nil for K > 2, where asking for a
    /// positive class or a threshold is an error.
    private static func binaryPositiveClass(_ options: EvaluationOptions, classCount k: Int) throws -> Int? {
        guard k == 2 else {
            if options.positiveClass != nil || options.threshold != nil {
                throw MetricsError.invalidParameter(
                    argument: options.threshold != nil ? "threshold" : "positiveClass",
                    reason: "a positive class and a threshold apply to binary tasks only (K = \(k))")
            }
            return nil
        }
        let positive = options.positiveClass ?? 1
        try Validate.labels([positive], classCount: 2, argument: "positiveClass")
        return positive
    }

    private static func assemble(head: Head, classNames: [String], confusionMatrix cm: ConfusionMatrix,
                                 curves: [ROCCurve], macroAUC: AveragedValue, topK: Int, topKAccuracy: Double,
                                 meanLoss: MetricValue, meanEntropy: MetricValue, positiveClass: Int?,
                                 decisionThreshold: Double?, youden: ThresholdChoice?,
                                 provenance: EvaluationProvenance) -> EvaluationReport {
        let metrics = ClassificationMetrics(confusionMatrix: cm)
        let perClass = classNames.indices.map {
            ClassEvaluation(name: classNames[$0], metrics: metrics.perClass[$0], roc: curves[$0])
        }
        return EvaluationReport(
            head: head, classNames: classNames, sampleCount: cm.total, top1Accuracy: metrics.accuracy,
            topK: topK, topKAccuracy: topKAccuracy, meanLoss: meanLoss, meanEntropy: meanEntropy,
            confusionMatrix: cm, perClass: perClass, macro: metrics.macro, micro: metrics.micro,
            weighted: metrics.weighted, macroAUC: macroAUC, positiveClass: positiveClass,
            decisionThreshold: decisionThreshold, youden: youden, provenance: provenance)
    }
}
