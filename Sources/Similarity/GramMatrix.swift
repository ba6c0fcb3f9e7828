/// Computes C = A·Aᵀ for a row-major `rows` × `columns` matrix A into the row-major
/// `rows` × `rows` matrix C. Supplied by a BLAS (the engine's oneDNN SGEMM in this package):
/// this module never multiplies matrices itself.
public typealias GramProduct = (_ a: UnsafePointer<Float>, _ rows: Int, _ columns: Int,
                                _ c: UnsafeMutablePointer<Float>) throws -> Void

/// The linear-kernel Gram matrix K = X̄·X̄ᵀ of n examples' features X (n × d), with X̄ = X
/// minus its column means, and the row statistics the unbiased HSIC estimator needs.
///
/// Centering the features first does not change the unbiased HSIC (it is invariant to shifting
/// every example by the same vector) but keeps K's entries small, so a single-precision GEMM
/// loses little. Memory: n² floats (4 MB at n = 1,000), whatever d is.
public struct GramMatrix: Sendable {
    /// n, the number of examples.
    public let count: Int
    /// K, row-major n × n, exactly symmetric.
    public let values: [Float]
    /// Off-diagonal row sums Σ_{j≠i} K_ij (the row sums of K̃, K with its diagonal zeroed).
    let rowSums: [Double]
    /// 1ᵀK̃1.
    let total: Double
    /// HSIC₁(K, K): the denominator's share of CKA.
    public let selfHSIC: Double
    /// Why CKA against this matrix is undefined (constant features…); nil when defined.
    public let undefinedReason: String?

    /// The centered Gram matrix of `features`, row-major `count` × d (d = features.count / count),
    /// through `product`. Centering happens in Double; the features are consumed (centered in place).
    public init(features: consuming [Float], count n: Int, product: GramProduct) throws {
        guard n >= 4 else { throw SimilarityError.tooFewExamples(n) }
        guard !features.isEmpty, features.count % n == 0 else {
            throw SimilarityError.shape("\(features.count) feature values are not \(n) rows of equal length")
        }
        let d = features.count / n
        let constant = try Self.center(&features, rows: n, columns: d)
        var k = [Float](repeating: 0, count: n * n)
        try features.withUnsafeBufferPointer { a in
            try k.withUnsafeMutableBufferPointer { try product(a.baseAddress!, n, d, $0.baseAddress!) }
        }
        try self.init(symmetrizing: k, count: n, constant: constant)
    }

    /// A Gram matrix given directly (row-major n × n, symmetric up to rounding; it is symmetrized).
    public init(kernel: [Float], count n: Int) throws {
        guard n >= 4 else { throw SimilarityError.tooFewExamples(n) }
        guard kernel.count == n * n else { throw SimilarityError.shape("\(kernel.count) values are not \(n) × \(n)") }
        try self.init(symmetrizing: kernel, count: n, constant: kernel.allSatisfy { $0 == 0 })
    }

    private init(symmetrizing kernel: [Float], count n: Int, constant: Bool) throws {
        var k = kernel
        var sums = [Double](repeating: 0, count: n)
        try k.withUnsafeMutableBufferPointer { p in
            for i in 0..<n {
                guard p[i * n + i].isFinite else { throw SimilarityError.nonFinite }
                for j in (i + 1)..<n {
                    let v = (p[i * n + j] + p[j * n + i]) / 2
                    guard v.isFinite else { throw SimilarityError.nonFinite }
                    p[i * n + j] = v
                    p[j * n + i] = v
                    sums[i] += Double(v)
                    sums[j] += Double(v)
                }
            }
        }
        count = n
        values = k
        rowSums = sums
        total = sums.reduce(0, +)
        let partial = GramMatrix(count: n, values: k, rowSums: sums, total: total)
        let hsic = LinearCKA.hsic(partial, partial)
        selfHSIC = hsic
        if constant {
            undefinedReason = "every feature is constant over the \(n) examples (zero variance)"
        } else if !(hsic > 0) {
            undefinedReason = "the unbiased HSIC of the features with themselves is not positive (\(hsic))"
        } else {
            undefinedReason = nil
        }
    }

    /// Statistics only (used while `selfHSIC` is being computed).
    private init(count: Int, values: [Float], rowSums: [Double], total: Double) {
        self.count = count
        self.values = values
        self.rowSums = rowSums
        self.total = total
        selfHSIC = 0
        undefinedReason = nil
    }

    /// Subtracts the column means (accumulated in Double) in place; returns whether every column
    /// was constant. Throws on NaN or ±∞.
    private static func center(_ x: inout [Float], rows n: Int, columns d: Int) throws -> Bool {
        var means = [Double](repeating: 0, count: d)
        var constant = true
        try x.withUnsafeMutableBufferPointer { p in
            try means.withUnsafeMutableBufferPointer { m in
                for i in 0..<n {
                    let row = p.baseAddress! + i * d
                    for j in 0..<d { m[j] += Double(row[j]) }
                }
                for j in 0..<d {
                    guard m[j].isFinite else { throw SimilarityError.nonFinite }
                    m[j] /= Double(n)
                }
                for i in 0..<n {
                    let row = p.baseAddress! + i * d
                    for j in 0..<d {
                        row[j] = Float(Double(row[j]) - m[j])
                        if row[j] != 0 { constant = false }
                    }
                }
            }
        }
        return constant
    }
}
