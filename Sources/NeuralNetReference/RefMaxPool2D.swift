/// A 2-D max-pooling layer without padding: the plain-loop reference, forward and backward.
///
/// Layout: input [N, C, H, W] → output [N, C, OH, OW] with `OH = (H − KH) / strideH + 1`
/// (PyTorch floor mode). With `ceilMode` the division rounds up as in PyTorch's `ceil_mode`
/// (a last, partial window is kept when it starts inside the image; it is clipped to the image).
///
/// Ties: the maximum of a window is its *first* largest value in row-major window order
/// (top row first, left to right; a later value must be strictly greater to win), and backward
/// routes that output's whole gradient to that one position. PyTorch's CPU kernel does the same.
public struct RefMaxPool2D: Equatable, Sendable {
    /// The name used in error messages.
    public var name: String
    /// Window size.
    public let kernelH: Int, kernelW: Int
    /// Window step.
    public let strideH: Int, strideW: Int
    /// Whether output sizes round up (PyTorch `ceil_mode=True`) instead of down.
    public let ceilMode: Bool

    /// Max pooling with per-axis kernel `(h, w)` and stride `(h, w)`; throws unless both are ≥ 1.
    public init(kernel: (Int, Int), stride: (Int, Int), ceilMode: Bool = false,
                name: String = "RefMaxPool2D") throws {
        self.name = name
        (kernelH, kernelW) = kernel
        (strideH, strideW) = stride
        self.ceilMode = ceilMode
        guard kernelH >= 1, kernelW >= 1, strideH >= 1, strideW >= 1 else {
            throw ReferenceError.invalidConfiguration(
                layer: name, reason: "kernel \(kernel) and stride \(stride) must be ≥ 1")
        }
    }

    /// Max pooling with a square kernel and equal strides, e.g. AlexNet's 3/2.
    public init(kernel: Int, stride: Int, ceilMode: Bool = false, name: String = "RefMaxPool2D") throws {
        try self.init(kernel: (kernel, kernel), stride: (stride, stride), ceilMode: ceilMode, name: name)
    }

    /// The output shape [N, C, OH, OW] for an input [N, C, H, W]; throws when the input is not
    /// rank 4 or is smaller than the kernel.
    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 4 else {
            throw ReferenceError.invalidShape(layer: name, shape: inputShape, reason: "expected rank 4 [N, C, H, W]")
        }
        guard let outH = slidingOutputSize(size: inputShape[2], kernel: kernelH, stride: strideH, padding: 0, ceilMode: ceilMode),
              let outW = slidingOutputSize(size: inputShape[3], kernel: kernelW, stride: strideW, padding: 0, ceilMode: ceilMode)
        else {
            throw ReferenceError.invalidShape(
                layer: name, shape: inputShape,
                reason: "image \(inputShape[2])×\(inputShape[3]) is smaller than the kernel \(kernelH)×\(kernelW)")
        }
        return [inputShape[0], inputShape[1], outH, outW]
    }

    /// The maximum of each window: [N, C, OH, OW].
    public func forward<T: BinaryFloatingPoint>(_ input: RefTensor<T>) throws -> RefTensor<T> {
        let outShape = try outputShape(for: input.shape)
        var output = RefTensor<T>(zeros: outShape)
        input.data.withUnsafeBufferPointer { x in
            output.data.withUnsafeMutableBufferPointer { y in
                forEachWindow(inputShape: input.shape, outputShape: outShape, x) { outIndex, maxIndex in
                    y[outIndex] = x[maxIndex]
                }
            }
        }
        return output
    }

    /// ∂L/∂input [N, C, H, W]: each output's gradient added at its window's first maximum.
    public func backward<T: BinaryFloatingPoint>(input: RefTensor<T>, gradOutput: RefTensor<T>) throws -> RefTensor<T> {
        let outShape = try outputShape(for: input.shape)
        try requireShape(gradOutput, outShape, layer: name, what: "gradOutput")
        var gradInput = RefTensor<T>(zeros: input.shape)
        input.data.withUnsafeBufferPointer { x in
            gradOutput.data.withUnsafeBufferPointer { gy in
                gradInput.data.withUnsafeMutableBufferPointer { gx in
                    forEachWindow(inputShape: input.shape, outputShape: outShape, x) { outIndex, maxIndex in
                        gx[maxIndex] += gy[outIndex]
                    }
                }
            }
        }
        return gradInput
    }

    /// Calls `body(outputIndex, inputIndexOfFirstMax)` for every window, in output order.
    private func forEachWindow<T: BinaryFloatingPoint>(
        inputShape: [Int], outputShape: [Int], _ x: UnsafeBufferPointer<T>, _ body: (Int, Int) -> Void
    ) {
        let (n, c, h, w) = (inputShape[0], inputShape[1], inputShape[2], inputShape[3])
        let (oh, ow) = (outputShape[2], outputShape[3])
        for plane in 0..<(n * c) {
            let planeStart = plane * h * w
            for oy in 0..<oh {
                let rows = (oy * strideH)..<min(oy * strideH + kernelH, h)  // clipped only in ceil mode
                for ox in 0..<ow {
                    let cols = (ox * strideW)..<min(ox * strideW + kernelW, w)
                    var best = planeStart + rows.lowerBound * w + cols.lowerBound
                    for iy in rows {
                        for ix in cols {
                            let index = planeStart + iy * w + ix
                            if x[index] > x[best] { best = index }  // strict: ties keep the first
                        }
                    }
                    body((plane * oh + oy) * ow + ox, best)
                }
            }
        }
    }
}
