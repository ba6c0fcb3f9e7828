/// A 2-D convolution layer (cross-correlation, as in PyTorch and Caffe) with zero padding and
/// bias: the plain-loop reference, forward and backward side by side.
///
/// Layouts: input [N, C, H, W], weight [O, C, KH, KW] (PyTorch), bias [O], output [N, O, OH, OW]
/// with `OH = (H + 2·padH − KH) / strideH + 1` (floor) and likewise for OW.
/// `out[n, o, y, x] = bias[o] + Σ_{c, ky, kx} weight[o, c, ky, kx] · in[n, c, y·sh − ph + ky, x·sw − pw + kx]`,
/// where input positions outside the image read as zero.
public struct RefConv2D<T: BinaryFloatingPoint>: Equatable {
    /// The name used in error messages.
    public var name: String
    /// Weight [O, C, KH, KW].
    public var weight: RefTensor<T>
    /// Bias [O].
    public var bias: RefTensor<T>
    /// Vertical and horizontal stride (≥ 1).
    public let strideH: Int, strideW: Int
    /// Vertical and horizontal zero padding (≥ 0), applied on both sides.
    public let padH: Int, padW: Int

    /// A convolution with per-axis stride `(h, w)` and padding `(h, w)`.
    /// Throws when the weight is not rank 4, the bias is not [O], stride < 1 or padding < 0.
    public init(weight: RefTensor<T>, bias: RefTensor<T>, stride: (Int, Int) = (1, 1),
                padding: (Int, Int) = (0, 0), name: String = "RefConv2D") throws {
        self.name = name
        self.weight = weight
        self.bias = bias
        (strideH, strideW) = stride
        (padH, padW) = padding
        guard strideH >= 1, strideW >= 1 else {
            throw ReferenceError.invalidConfiguration(layer: name, reason: "stride \(stride) must be ≥ 1")
        }
        guard padH >= 0, padW >= 0 else {
            throw ReferenceError.invalidConfiguration(layer: name, reason: "padding \(padding) must be ≥ 0")
        }
        try validateParameters()
    }

    /// A convolution with the same stride and padding on both axes.
    public init(weight: RefTensor<T>, bias: RefTensor<T>, stride: Int, padding: Int = 0,
                name: String = "RefConv2D") throws {
        try self.init(weight: weight, bias: bias, stride: (stride, stride), padding: (padding, padding), name: name)
    }

    /// Output channels O.
    public var outChannels: Int { weight.shape[0] }
    /// Input channels C.
    public var inChannels: Int { weight.shape[1] }
    /// Kernel height KH.
    public var kernelH: Int { weight.shape[2] }
    /// Kernel width KW.
    public var kernelW: Int { weight.shape[3] }

    func validateParameters() throws {
        guard weight.rank == 4, weight.shape.allSatisfy({ $0 >= 1 }) else {
            throw ReferenceError.invalidConfiguration(
                layer: name, reason: "weight shape \(weight.shape) must be [O, C, KH, KW] with all dimensions ≥ 1")
        }
        guard bias.shape == [weight.shape[0]] else {
            throw ReferenceError.invalidConfiguration(
                layer: name, reason: "bias shape \(bias.shape) must be [\(weight.shape[0])] for weight \(weight.shape)")
        }
    }

    /// The output shape [N, O, OH, OW] for an input shape [N, C, H, W]; throws when the input
    /// has the wrong rank or channel count, or the padded image is smaller than the kernel.
    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        try validateParameters()
        guard inputShape.count == 4 else {
            throw ReferenceError.invalidShape(layer: name, shape: inputShape, reason: "expected rank 4 [N, C, H, W]")
        }
        guard inputShape[1] == inChannels else {
            throw ReferenceError.invalidShape(
                layer: name, shape: inputShape,
                reason: "expected \(inChannels) input channels for weight \(weight.shape), got \(inputShape[1])")
        }
        guard let outH = slidingOutputSize(size: inputShape[2], kernel: kernelH, stride: strideH, padding: padH),
              let outW = slidingOutputSize(size: inputShape[3], kernel: kernelW, stride: strideW, padding: padW)
        else {
            throw ReferenceError.invalidShape(
                layer: name, shape: inputShape,
                reason: "image \(inputShape[2])×\(inputShape[3]) with padding (\(padH), \(padW)) is smaller than the kernel \(kernelH)×\(kernelW)")
        }
        return [inputShape[0], outChannels, outH, outW]
    }

    /// The convolution of `input` [N, C, H, W]: [N, O, OH, OW].
    public func forward(_ input: RefTensor<T>) throws -> RefTensor<T> {
        let outShape = try outputShape(for: input.shape)
        let (n, c, h, w) = (input.shape[0], inChannels, input.shape[2], input.shape[3])
        let (o, oh, ow, kh, kw) = (outChannels, outShape[2], outShape[3], kernelH, kernelW)
        var output = RefTensor<T>(zeros: outShape)
        input.data.withUnsafeBufferPointer { x in
        weight.data.withUnsafeBufferPointer { wt in
        bias.data.withUnsafeBufferPointer { b in
        output.data.withUnsafeMutableBufferPointer { y in
            for img in 0..<n {
                for oc in 0..<o {
                    for oy in 0..<oh {
                        for ox in 0..<ow {
                            var sum: T = 0
                            for ic in 0..<c {
                                for ky in 0..<kh {
                                    let iy = oy * strideH - padH + ky
                                    guard iy >= 0 && iy < h else { continue }
                                    for kx in 0..<kw {
                                        let ix = ox * strideW - padW + kx
                                        guard ix >= 0 && ix < w else { continue }
                                        sum += wt[((oc * c + ic) * kh + ky) * kw + kx]
                                            * x[((img * c + ic) * h + iy) * w + ix]
                                    }
                                }
                            }
                            y[((img * o + oc) * oh + oy) * ow + ox] = sum + b[oc]
                        }
                    }
                }
            }
        }}}}
        return output
    }

    /// Gradients of a scalar loss L given `gradOutput` = ∂L/∂output [N, O, OH, OW]:
    /// ∂L/∂input [N, C, H, W], ∂L/∂weight [O, C, KH, KW] and ∂L/∂bias [O] (summed over the batch).
    public func backward(input: RefTensor<T>, gradOutput: RefTensor<T>) throws
        -> (gradInput: RefTensor<T>, gradWeight: RefTensor<T>, gradBias: RefTensor<T>) {
        let outShape = try outputShape(for: input.shape)
        try requireShape(gradOutput, outShape, layer: name, what: "gradOutput")
        let (n, c, h, w) = (input.shape[0], inChannels, input.shape[2], input.shape[3])
        let (o, oh, ow, kh, kw) = (outChannels, outShape[2], outShape[3], kernelH, kernelW)
        var gradInput = RefTensor<T>(zeros: input.shape)
        var gradWeight = RefTensor<T>(zeros: weight.shape)
        var gradBias = RefTensor<T>(zeros: bias.shape)
        input.data.withUnsafeBufferPointer { x in
        weight.data.withUnsafeBufferPointer { wt in
        gradOutput.data.withUnsafeBufferPointer { gy in
        gradInput.data.withUnsafeMutableBufferPointer { gx in
        gradWeight.data.withUnsafeMutableBufferPointer { gw in
        gradBias.data.withUnsafeMutableBufferPointer { gb in
            // Each output value received weight·input contributions; send its gradient back
            // along exactly the same (weight, input) pairs the forward loop used.
            for img in 0..<n {
                for oc in 0..<o {
                    for oy in 0..<oh {
                        for ox in 0..<ow {
                            let g = gy[((img * o + oc) * oh + oy) * ow + ox]
                            gb[oc] += g
                            for ic in 0..<c {
                                for ky in 0..<kh {
                                    let iy = oy * strideH - padH + ky
                                    guard iy >= 0 && iy < h else { continue }
                                    for kx in 0..<kw {
                                        let ix = ox * strideW - padW + kx
                                        guard ix >= 0 && ix < w else { continue }
                                        let wi = ((oc * c + ic) * kh + ky) * kw + kx
                                        let xi = ((img * c + ic) * h + iy) * w + ix
                                        gw[wi] += g * x[xi]
                                        gx[xi] += g * wt[wi]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }}}}}}
        return (gradInput, gradWeight, gradBias)
    }
}

extension RefConv2D: Sendable where T: Sendable {}
