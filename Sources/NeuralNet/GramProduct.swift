import CDNNL

/// Dense linear algebra through oneDNN's own BLAS-like SGEMM (no separate BLAS dependency).
public enum MatrixProduct {
    /// C = A·Aᵀ for a row-major `rows` × `columns` matrix A into the row-major `rows` × `rows`
    /// matrix C, with oneDNN's `dnnl_sgemm` (single precision, OpenMP-parallel). Run it on the
    /// compute thread so that it uses the configured team size. 2·rows²·columns flops.
    public static func gram(_ a: UnsafePointer<Float>, rows: Int, columns: Int,
                            into c: UnsafeMutablePointer<Float>) throws {
        let n = Int64(rows), d = Int64(columns)
        // Row-major: C[n×n] = 1 · A[n×d] · (A[n×d])ᵀ + 0 · C.
        try check(dnnl_sgemm(CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "T")), n, n, d, 1, a, d, a, d, 0, c, n),
                  "sgemm (Gram matrix \(rows)×\(rows) of \(columns) features)")
    }
}
