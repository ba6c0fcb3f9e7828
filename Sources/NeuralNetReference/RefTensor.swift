/// A dense row-major tensor of floating-point values: the currency of the reference layers.
///
/// Layout is row-major with the last dimension fastest; images are NCHW, matrices [rows, cols].
/// A tensor of rank 0 (shape `[]`) holds one value.
public struct RefTensor<T: BinaryFloatingPoint>: Equatable {
    /// The dimensions, outermost first.
    public private(set) var shape: [Int]
    /// The values in row-major order; `data.count == shape.reduce(1, *)`.
    public var data: [T]

    /// A tensor of `shape` filled with `value`. Throws on negative dimensions.
    public init(shape: [Int], repeating value: T) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw ReferenceError.invalidTensor(shape: shape, count: 0)
        }
        self.init(unchecked: shape, data: [T](repeating: value, count: shape.reduce(1, *)))
    }

    /// A tensor of `shape` holding `data` in row-major order. Throws when the counts disagree.
    public init(shape: [Int], data: [T]) throws {
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == data.count else {
            throw ReferenceError.invalidTensor(shape: shape, count: data.count)
        }
        self.init(unchecked: shape, data: data)
    }

    /// A zero-filled tensor for shapes the library computed itself (never user data).
    init(zeros shape: [Int]) {
        self.init(unchecked: shape, data: [T](repeating: 0, count: shape.reduce(1, *)))
    }

    init(unchecked shape: [Int], data: [T]) {
        self.shape = shape
        self.data = data
    }

    /// The number of values.
    public var count: Int { data.count }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The row-major strides (in elements) of each dimension.
    public var strides: [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in shape.indices.reversed() {
            strides[axis] = running
            running *= shape[axis]
        }
        return strides
    }

    /// The position in `data` of a multi-index. Precondition: one in-range index per dimension.
    public func offset(_ indices: [Int]) -> Int {
        precondition(indices.count == shape.count,
                     "RefTensor: \(indices.count) indices for shape \(shape)")
        var offset = 0
        for (axis, index) in indices.enumerated() {
            precondition(index >= 0 && index < shape[axis],
                         "RefTensor: index \(indices) out of range for shape \(shape)")
            offset = offset * shape[axis] + index
        }
        return offset
    }

    /// The value at a multi-index, e.g. `t[n, c, y, x]`. Precondition: indices in range.
    public subscript(indices: Int...) -> T {
        get { data[offset(indices)] }
        set { data[offset(indices)] = newValue }
    }

    /// The same values viewed with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) throws -> RefTensor {
        try RefTensor(shape: newShape, data: data)
    }

    /// The same values converted to another floating-point type (e.g. Double → Float).
    public func converted<U: BinaryFloatingPoint>(to type: U.Type = U.self) -> RefTensor<U> {
        RefTensor<U>(unchecked: shape, data: data.map { U($0) })
    }
}

extension RefTensor: Sendable where T: Sendable {}

extension RefTensor: CustomStringConvertible {
    public var description: String { "RefTensor\(shape)\(data.prefix(8).map { Double($0) })" + (count > 8 ? "…" : "") }
}
