import Metrics

/// Linear centered kernel alignment (Kornblith, Norouzi, Lee & Hinton 2019, "Similarity of neural
/// network representations revisited") with the unbiased HSIC estimator of Song et al. (2012),
/// i.e. the debiased CKA of Nguyen, Raghu & Kornblith (2021):
///
///     CKA(K, L) = HSIC₁(K, L) / √(HSIC₁(K, K) · HSIC₁(L, L))
///     HSIC₁(K, L) = [tr(K̃L̃) + 1ᵀK̃1 · 1ᵀL̃1 / ((n−1)(n−2)) − 2/(n−2) · 1ᵀK̃L̃1] / (n(n−3))
///
/// where K̃, L̃ are the Gram matrices with zeroed diagonals. Unlike the biased (plug-in) HSIC,
/// it does not drift towards 1 for wide layers on few examples. All sums run in Double.
/// CKA is invariant to orthogonal transforms and isotropic scaling of either feature set.
public enum LinearCKA {
    /// HSIC₁(K, L), O(n²). Both matrices must have the same n.
    public static func hsic(_ k: GramMatrix, _ l: GramMatrix) -> Double {
        precondition(k.count == l.count, "Gram matrices of \(k.count) and \(l.count) examples")
        let n = k.count
        var trace = 0.0   // tr(K̃L̃) = Σ_{i≠j} K_ij L_ij (both symmetric)
        k.values.withUnsafeBufferPointer { a in
            l.values.withUnsafeBufferPointer { b in
                for i in 0..<n {
                    var row = 0.0
                    for j in 0..<n { row += Double(a[i * n + j]) * Double(b[i * n + j]) }
                    trace += row - Double(a[i * n + i]) * Double(b[i * n + i])
                }
            }
        }
        var cross = 0.0   // 1ᵀK̃L̃1 = (K̃1)ᵀ(L̃1)
        for i in 0..<n { cross += k.rowSums[i] * l.rowSums[i] }
        let m = Double(n)
        return (trace + k.total * l.total / ((m - 1) * (m - 2)) - 2 * cross / (m - 2)) / (m * (m - 3))
    }

    /// CKA of two Gram matrices over the same examples, undefined (with the reason) when either
    /// side's features are constant or its self-HSIC is not positive. Never NaN.
    public static func similarity(_ k: GramMatrix, _ l: GramMatrix) throws -> MetricValue {
        guard k.count == l.count else {
            throw SimilarityError.shape("Gram matrices of \(k.count) and \(l.count) examples")
        }
        if let why = k.undefinedReason { return .undefined("first: \(why)") }
        if let why = l.undefinedReason { return .undefined("second: \(why)") }
        return .defined(hsic(k, l) / (k.selfHSIC * l.selfHSIC).squareRoot())
    }
}
