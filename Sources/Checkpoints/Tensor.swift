/// A dense float32 tensor: `values` in row-major order for `shape` (PyTorch layouts:
/// conv weight [out, in, kh, kw], fully-connected weight [out, in], bias [out]).
public struct Tensor: Sendable, Equatable, Codable {
    public var shape: [Int]
    public var values: [Float]

    public init(shape: [Int], values: [Float]) {
        self.shape = shape
        self.values = values
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, values: [Float](repeating: 0, count: shape.reduce(1) { $0 * max(0, $1) }))
    }

    /// Number of elements the shape describes.
    public var elementCount: Int { shape.reduce(1, *) }

    /// Same shape and the same bit pattern in every element (NaN payloads and -0 included).
    public func isBitIdentical(to other: Tensor) -> Bool {
        guard shape == other.shape, values.count == other.values.count else { return false }
        return values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                for i in 0..<a.count where a[i].bitPattern != b[i].bitPattern { return false }
                return true
            }
        }
    }

    /// Nil when the values fit the shape, otherwise the reason.
    func shapeProblem() -> String? {
        if shape.contains(where: { $0 < 0 }) { return "negative dimension in shape \(shape)" }
        var product = 1
        for dim in shape {
            let (next, overflow) = product.multipliedReportingOverflow(by: dim)
            if overflow { return "shape \(shape) overflows" }
            product = next
        }
        return product == values.count ? nil : "shape \(shape) needs \(product) values, has \(values.count)"
    }
}
