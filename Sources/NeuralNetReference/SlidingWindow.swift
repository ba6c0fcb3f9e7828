/// Output size of a sliding window (convolution or pooling) along one spatial axis.
///
/// Floor mode: `(size + 2·padding − kernel) / stride + 1`. Ceil mode (PyTorch's `ceil_mode`):
/// rounds the division up, then drops a last window that would start beyond
/// `size + padding` (it would see only padding). Returns nil when the kernel does not fit.
func slidingOutputSize(size: Int, kernel: Int, stride: Int, padding: Int, ceilMode: Bool = false) -> Int? {
    let span = size + 2 * padding - kernel
    guard span >= 0, stride > 0 else { return nil }
    guard ceilMode else { return span / stride + 1 }
    var output = (span + stride - 1) / stride + 1
    if (output - 1) * stride >= size + padding { output -= 1 }
    return output
}

/// Checks a tensor's shape against an expected shape; throws naming `layer` and `what`.
func requireShape<T>(_ tensor: RefTensor<T>, _ expected: [Int], layer: String, what: String) throws {
    guard tensor.shape == expected else {
        throw ReferenceError.invalidShape(layer: layer, shape: tensor.shape,
                                          reason: "\(what) must have shape \(expected)")
    }
}
