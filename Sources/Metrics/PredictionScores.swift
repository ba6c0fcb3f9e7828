import Foundation

/// A classifier's outputs for N samples, in one of the forms an `EvaluationReport` accepts.
///
/// Matrices are row-major N×K in class order. The K-column forms predict the argmax (ties → the
/// lowest class index) unless a binary threshold is given; the single-column binary forms hold
/// the positive class's value and predict positive when P(positive) ≥ threshold (default 0.5).
public enum PredictionScores: Sendable {
    /// Logits of a softmax head: probabilities = row-wise softmax, loss = cross-entropy.
    case logits([Double])
    /// One logit z per sample of a binary head: P(positive) = σ(z), loss = binary cross-entropy.
    case binaryLogits([Double])
    /// Probabilities, each in [0, 1], every row summing to 1 (± `probabilitySumTolerance`).
    case probabilities([Double])
    /// P(positive) per sample of a binary task, in [0, 1].
    case binaryProbabilities([Double])
    /// Scores that are not probability distributions (higher = more likely). They rank samples
    /// (predictions, top-k, ROC) but have no cross-entropy or entropy.
    case scores([Double])

    /// How far a row of `.probabilities` may sum from 1 (rounding in files written with few digits).
    public static let probabilitySumTolerance = 1e-3

    /// The number of values per sample for K classes (1 for the binary single-column forms).
    public func columns(classCount k: Int) -> Int {
        switch self {
        case .binaryLogits, .binaryProbabilities: return 1
        case .logits, .probabilities, .scores: return k
        }
    }

    /// The name errors give the values: "logits", "probabilities" or "scores".
    var argument: String {
        switch self {
        case .logits, .binaryLogits: return "logits"
        case .probabilities, .binaryProbabilities: return "probabilities"
        case .scores: return "scores"
        }
    }

    var values: [Double] {
        switch self {
        case .logits(let v), .binaryLogits(let v), .probabilities(let v), .binaryProbabilities(let v), .scores(let v):
            return v
        }
    }
}

/// Choices for building an `EvaluationReport`.
public struct EvaluationOptions: Sendable {
    /// k of top-k accuracy; default 2 when K > 2, else 1. Must lie in 1...K.
    public var topK: Int?
    /// Binary tasks: the positive class (default 1). Thresholds, the Youden point and the
    /// single-column forms refer to it.
    public var positiveClass: Int?
    /// Binary tasks: predict the positive class when its probability (or score) ≥ threshold.
    /// Default: argmax for K columns, 0.5 for a single column.
    public var threshold: Double?
    public var provenance: EvaluationProvenance

    public init(topK: Int? = nil, positiveClass: Int? = nil, threshold: Double? = nil,
                provenance: EvaluationProvenance = EvaluationProvenance()) {
        self.topK = topK
        self.positiveClass = positiveClass
        self.threshold = threshold
        self.provenance = provenance
    }
}

/// Reasons given for undefined report-level values.
public enum ReportUndefinedReason {
    public static let scoresNotProbabilities =
        "the scores are not probabilities (a row does not sum to 1); logits need softmax (--logits)"
    public static let labelsOnly = "no scores: only predicted labels were given"
}
