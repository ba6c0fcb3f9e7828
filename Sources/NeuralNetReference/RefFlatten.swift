/// Flattens [N, d1, d2, …] to [N, d1·d2·…] in row-major order (PyTorch's `flatten(1)`;
/// for NCHW the features are channel-major). Values are not moved, only the shape changes.
public struct RefFlatten: Equatable, Sendable {
    /// The name used in error messages.
    public var name: String

    public init(name: String = "RefFlatten") { self.name = name }

    /// [N, d1·d2·…] for an input [N, d1, d2, …]; throws for rank < 1.
    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard let batch = inputShape.first else {
            throw ReferenceError.invalidShape(layer: name, shape: inputShape, reason: "expected a batch dimension [N, …]")
        }
        return [batch, inputShape.dropFirst().reduce(1, *)]
    }

    /// The input viewed as [N, features].
    public func forward<T: BinaryFloatingPoint>(_ input: RefTensor<T>) throws -> RefTensor<T> {
        RefTensor(unchecked: try outputShape(for: input.shape), data: input.data)
    }

    /// `gradOutput` viewed with the input's shape; throws when the shapes are incompatible.
    public func backward<T: BinaryFloatingPoint>(input: RefTensor<T>, gradOutput: RefTensor<T>) throws -> RefTensor<T> {
        try requireShape(gradOutput, try outputShape(for: input.shape), layer: name, what: "gradOutput")
        return RefTensor(unchecked: input.shape, data: gradOutput.data)
    }
}
