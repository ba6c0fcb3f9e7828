/// Whether dropout drops (training, with an explicit mask) or passes values through (inference).
public enum RefDropoutMode: Equatable, Sendable {
    /// Inference: identity.
    case inference
    /// Training: `keep[i]` says whether value i (row-major) is kept; one flag per input value.
    case training(keep: [Bool])
}

/// Inverted dropout (PyTorch's `nn.Dropout`): in training, kept values are scaled by
/// `1 / (1 − p)` and dropped ones become 0, so inference is the identity.
///
/// The keep mask is an *input* (drawn by the caller), which makes the reference deterministic:
/// feed it the mask the fast path drew.
public struct RefDropout: Equatable, Sendable {
    /// The name used in error messages.
    public var name: String
    /// The probability of dropping a value, in [0, 1).
    public let probability: Double

    /// Dropout with drop probability `probability` ∈ [0, 1); throws otherwise.
    public init(probability: Double, name: String = "RefDropout") throws {
        self.name = name
        self.probability = probability
        guard probability >= 0, probability < 1 else {
            throw ReferenceError.invalidConfiguration(layer: name, reason: "drop probability \(probability) must be in [0, 1)")
        }
    }

    /// The factor applied to kept values in training: `1 / (1 − p)`.
    public func scale<T: BinaryFloatingPoint>(as type: T.Type = T.self) -> T { T(1 / (1 - probability)) }

    /// `x · keep · 1/(1 − p)` in training, `x` in inference; throws when the mask's count differs
    /// from the input's.
    public func forward<T: BinaryFloatingPoint>(_ input: RefTensor<T>, mode: RefDropoutMode) throws -> RefTensor<T> {
        try apply(mode, to: input, what: "input")
    }

    /// ∂L/∂input: the same masking and scaling applied to `gradOutput` (identity in inference).
    public func backward<T: BinaryFloatingPoint>(gradOutput: RefTensor<T>, mode: RefDropoutMode) throws -> RefTensor<T> {
        try apply(mode, to: gradOutput, what: "gradOutput")
    }

    private func apply<T: BinaryFloatingPoint>(_ mode: RefDropoutMode, to tensor: RefTensor<T>, what: String) throws -> RefTensor<T> {
        switch mode {
        case .inference:
            return tensor
        case .training(let keep):
            guard keep.count == tensor.count else {
                throw ReferenceError.invalidShape(
                    layer: name, shape: tensor.shape,
                    reason: "keep mask has \(keep.count) flags for \(tensor.count) \(what) values")
            }
            let s: T = scale()
            return RefTensor(unchecked: tensor.shape, data: zip(tensor.data, keep).map { v, k in k ? v * s : 0 })
        }
    }
}
