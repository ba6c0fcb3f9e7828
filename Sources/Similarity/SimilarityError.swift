/// Input the CKA estimator cannot use.
public enum SimilarityError: Error, CustomStringConvertible, Equatable {
    /// The unbiased estimator needs n ≥ 4 examples.
    case tooFewExamples(Int)
    /// Sizes that do not fit together.
    case shape(String)
    /// A NaN or infinite feature or kernel value (e.g. a diverged network).
    case nonFinite

    public var description: String {
        switch self {
        case .tooFewExamples(let n): return "linear CKA needs at least 4 examples (unbiased HSIC), got \(n)"
        case .shape(let why): return "linear CKA: \(why)"
        case .nonFinite: return "linear CKA: the features contain NaN or infinite values"
        }
    }
}
