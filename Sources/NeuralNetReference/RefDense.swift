/// A fully connected layer `y = x·Wᵀ + b`: the plain-loop reference, forward and backward.
///
/// Layouts: weight [out, in] (PyTorch `nn.Linear`), bias [out], output [N, out]. The input is
/// [N, in], or any [N, d1, d2, …] with `d1·d2·… = in`, read as flattened per sample in
/// row-major order (for NCHW that is channel-major, exactly as PyTorch's `flatten(1)`).
public struct RefDense<T: BinaryFloatingPoint>: Equatable {
    /// The name used in error messages.
    public var name: String
    /// Weight [out, in].
    public var weight: RefTensor<T>
    /// Bias [out].
    public var bias: RefTensor<T>

    /// A dense layer; throws unless the weight is [out, in] (both ≥ 1) and the bias is [out].
    public init(weight: RefTensor<T>, bias: RefTensor<T>, name: String = "RefDense") throws {
        self.name = name
        self.weight = weight
        self.bias = bias
        try validateParameters()
    }

    /// Output features.
    public var outFeatures: Int { weight.shape[0] }
    /// Input features.
    public var inFeatures: Int { weight.shape[1] }

    func validateParameters() throws {
        guard weight.rank == 2, weight.shape.allSatisfy({ $0 >= 1 }) else {
            throw ReferenceError.invalidConfiguration(
                layer: name, reason: "weight shape \(weight.shape) must be [out, in] with both ≥ 1")
        }
        guard bias.shape == [weight.shape[0]] else {
            throw ReferenceError.invalidConfiguration(
                layer: name, reason: "bias shape \(bias.shape) must be [\(weight.shape[0])] for weight \(weight.shape)")
        }
    }

    /// The output shape [N, out] for an input [N, …] of `in` features per sample.
    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        try validateParameters()
        guard inputShape.count >= 2 else {
            throw ReferenceError.invalidShape(layer: name, shape: inputShape, reason: "expected [N, in] or [N, C, H, W]")
        }
        let features = inputShape.dropFirst().reduce(1, *)
        guard features == inFeatures else {
            throw ReferenceError.invalidShape(
                layer: name, shape: inputShape,
                reason: "expected \(inFeatures) features per sample for weight \(weight.shape), got \(features)")
        }
        return [inputShape[0], outFeatures]
    }

    /// `y[n, j] = bias[j] + Σ_i weight[j, i] · x[n, i]`: [N, out].
    public func forward(_ input: RefTensor<T>) throws -> RefTensor<T> {
        let outShape = try outputShape(for: input.shape)
        let (n, inF, outF) = (input.shape[0], inFeatures, outFeatures)
        var output = RefTensor<T>(zeros: outShape)
        input.data.withUnsafeBufferPointer { x in
        weight.data.withUnsafeBufferPointer { wt in
        bias.data.withUnsafeBufferPointer { b in
        output.data.withUnsafeMutableBufferPointer { y in
            for sample in 0..<n {
                for j in 0..<outF {
                    var sum: T = 0
                    for i in 0..<inF { sum += wt[j * inF + i] * x[sample * inF + i] }
                    y[sample * outF + j] = sum + b[j]
                }
            }
        }}}}
        return output
    }

    /// Gradients given `gradOutput` = ∂L/∂y [N, out]: ∂L/∂input (in the input's own shape),
    /// ∂L/∂weight [out, in] and ∂L/∂bias [out] (summed over the batch).
    public func backward(input: RefTensor<T>, gradOutput: RefTensor<T>) throws
        -> (gradInput: RefTensor<T>, gradWeight: RefTensor<T>, gradBias: RefTensor<T>) {
        let outShape = try outputShape(for: input.shape)
        try requireShape(gradOutput, outShape, layer: name, what: "gradOutput")
        let (n, inF, outF) = (input.shape[0], inFeatures, outFeatures)
        var gradInput = RefTensor<T>(zeros: input.shape)
        var gradWeight = RefTensor<T>(zeros: weight.shape)
        var gradBias = RefTensor<T>(zeros: bias.shape)
        input.data.withUnsafeBufferPointer { x in
        weight.data.withUnsafeBufferPointer { wt in
        gradOutput.data.withUnsafeBufferPointer { gy in
        gradInput.data.withUnsafeMutableBufferPointer { gx in
        gradWeight.data.withUnsafeMutableBufferPointer { gw in
        gradBias.data.withUnsafeMutableBufferPointer { gb in
            for sample in 0..<n {
                for j in 0..<outF {
                    let g = gy[sample * outF + j]
                    gb[j] += g
                    for i in 0..<inF {
                        gw[j * inF + i] += g * x[sample * inF + i]
                        gx[sample * inF + i] += g * wt[j * inF + i]
                    }
                }
            }
        }}}}}}
        return (gradInput, gradWeight, gradBias)
    }
}

extension RefDense: Sendable where T: Sendable {}
