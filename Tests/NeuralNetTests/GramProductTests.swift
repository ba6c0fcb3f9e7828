import Testing
@testable import NeuralNet
import TestSupport

/// `MatrixProduct.gram`'s triangular blocked product against A·Aᵀ computed in Double.
@Suite("Gram product", .serialized)
struct GramProductTests {
    @Test("equals A·Aᵀ, whole blocks and a partial last block", arguments: [(5, 7), (128, 3), (300, 50), (257, 1)])
    func matchesDoubleProduct(rows n: Int, columns d: Int) throws {
        var r = TestRandom(seed: UInt64(n * 1000 + d))
        let a = r.uniform(count: n * d, in: -1...1).map(Float.init)
        var c = [Float](repeating: .nan, count: n * n)   // every entry must be written
        try ComputeThread.shared.run {
            try a.withUnsafeBufferPointer { ap in
                try c.withUnsafeMutableBufferPointer { try MatrixProduct.gram(ap.baseAddress!, rows: n, columns: d, into: $0.baseAddress!) }
            }
        }
        var worst = 0.0, scale = 1e-30
        for i in 0..<n {
            for j in 0..<n {
                var exact = 0.0
                for k in 0..<d { exact += Double(a[i * d + k]) * Double(a[j * d + k]) }
                worst = max(worst, abs(Double(c[i * n + j]) - exact))
                scale = max(scale, abs(exact))
                // Blocks below the diagonal are mirrored, so those entries equal their transposes exactly.
                if i / MatrixProduct.gramBlockRows != j / MatrixProduct.gramBlockRows {
                    #expect(c[i * n + j] == c[j * n + i])
                }
            }
        }
        #expect(worst / scale <= 1e-5, "relative error \(worst / scale)")
    }
}
