import CDNNL

/// Dense linear algebra through oneDNN's own BLAS-like SGEMM (no separate BLAS dependency).
public enum MatrixProduct {
    /// Rows per block of `gram`'s triangular product.
    static let gramBlockRows = 128

    /// C = A·Aᵀ for a row-major `rows` × `columns` matrix A into the row-major `rows` × `rows`
    /// matrix C, with oneDNN's `dnnl_sgemm` (single precision, OpenMP-parallel). C is symmetric,
    /// so only the blocks on and above the diagonal (128 rows each) are multiplied and the rest
    /// mirrored: ≈ 56 % of the full product's 2·rows²·columns flops at 1,000 rows. Run it on the
    /// compute thread so that it uses the configured team size.
    public static func gram(_ a: UnsafePointer<Float>, rows: Int, columns: Int,
                            into c: UnsafeMutablePointer<Float>) throws {
        let n = rows, d = columns, b = gramBlockRows
        for i in stride(from: 0, to: n, by: b) {
            for j in stride(from: i, to: n, by: b) {
                let (m, k) = (min(b, n - i), min(b, n - j))
                // Row-major: C[i…, j…] = A[i…] · A[j…]ᵀ.
                try check(dnnl_sgemm(CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "T")), Int64(m), Int64(k), Int64(d),
                                     1, a + i * d, Int64(d), a + j * d, Int64(d), 0, c + i * n + j, Int64(n)),
                          "sgemm (Gram matrix \(rows)×\(rows) of \(columns) features, block \(i),\(j))")
            }
        }
        // The blocks below the diagonal: the transposes of those above.
        for r in 0..<n {
            let below = (r / b + 1) * b   // the first row of the next block
            guard below < n else { break }
            for s in below..<n { c[s * n + r] = c[r * n + s] }
        }
    }
}
