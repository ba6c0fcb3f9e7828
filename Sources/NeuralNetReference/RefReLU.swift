/// The rectifier `max(x, 0)`, elementwise on a tensor of any shape.
///
/// Backward passes the gradient where `x > 0` and blocks it elsewhere: the (sub)gradient at
/// exactly `x = 0` is taken as 0, as in PyTorch, Caffe and oneDNN.
public struct RefReLU: Equatable, Sendable {
    /// The name used in error messages.
    public var name: String

    public init(name: String = "RefReLU") { self.name = name }

    /// `max(x, 0)` elementwise; the output has the input's shape.
    public func forward<T: BinaryFloatingPoint>(_ input: RefTensor<T>) -> RefTensor<T> {
        RefTensor(unchecked: input.shape, data: input.data.map { $0 > 0 ? $0 : 0 })
    }

    /// `gradOutput` where `input > 0`, else 0. Throws when the shapes differ.
    public func backward<T: BinaryFloatingPoint>(input: RefTensor<T>, gradOutput: RefTensor<T>) throws -> RefTensor<T> {
        try requireShape(gradOutput, input.shape, layer: name, what: "gradOutput")
        return RefTensor(unchecked: input.shape,
                         data: zip(input.data, gradOutput.data).map { x, g in x > 0 ? g : 0 })
    }
}
