import Foundation
import Metrics
import Similarity
import Testing
import TestSupport

@Suite("linear CKA")
struct LinearCKATests {
    /// n = 4 examples, one feature each: x = (0, 0, 1, 1), y = (0, 1, 0, 1).
    /// Centered: x̄ = ½(−1, −1, 1, 1) = ½s, ȳ = ½(−1, 1, −1, 1) = ½t; K = ¼ssᵀ, L = ¼ttᵀ.
    /// With K̃, L̃ the diagonal-free matrices and u = s∘t = (1, −1, −1, 1):
    ///   tr(K̃L̃) = ¹⁄₁₆ Σ_{i≠j} uᵢuⱼ = ¹⁄₁₆((Σu)² − Σu²) = −¼;  tr(K̃K̃) = ¹⁄₁₆ · 12 = ¾
    ///   1ᵀK̃1 = ¼((Σs)² − Σs²) = −1 (same for L̃);  K̃1 = ¼ s∘(Σs − s) = −¼·1 (same for L̃)
    ///   1ᵀK̃L̃1 = 4 · ¹⁄₁₆ = ¼
    /// HSIC₁(K, L) = [−¼ + (−1)(−1)/(3·2) − (2/2)·¼] / (4·1) = −¹⁄₁₂
    /// HSIC₁(K, K) = [¾ + ⅙ − ¼] / 4 = ⅙ = HSIC₁(L, L)  →  CKA = −¹⁄₁₂ / ⅙ = −½
    /// (the biased estimator would give 0: the U-statistic removes the diagonal's bias).
    @Test("a hand-computed example: HSIC₁ = −1/12, 1/6, 1/6; CKA = −1/2")
    func handComputed() throws {
        let k = try gram([0, 0, 1, 1], n: 4), l = try gram([0, 1, 0, 1], n: 4)
        #expect(abs(LinearCKA.hsic(k, l) - (-1.0 / 12)) < 1e-12)
        #expect(abs(k.selfHSIC - 1.0 / 6) < 1e-12 && abs(l.selfHSIC - 1.0 / 6) < 1e-12)
        #expect(abs(try LinearCKA.similarity(k, l).value! - (-0.5)) < 1e-12)
        // Given as kernels directly (uncentered K = xxᵀ): the estimator is shift-invariant, same result.
        let raw = try GramMatrix(kernel: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1], count: 4)
        #expect(abs(LinearCKA.hsic(raw, l) - (-1.0 / 12)) < 1e-12)
    }

    @Test("CKA(X, X) = 1, for d < n and d > n", arguments: [(60, 12), (40, 300)])
    func identity(shape: (n: Int, d: Int)) throws {
        var rng = TestRandom(seed: 7)
        let x = normalMatrix(shape.n, shape.d, &rng)
        #expect(abs(try cka(x, x, n: shape.n)! - 1) < 1e-12)
    }

    @Test("invariant to isotropic scaling and to orthogonal transforms of either side")
    func invariance() throws {
        var rng = TestRandom(seed: 11)
        let n = 80, d = 16
        let x = normalMatrix(n, d, &rng)
        let y = related(x, n: n, d: d, e: 10, noise: 1.5, &rng)
        let reference = try cka(x, y, n: n)!
        #expect(reference > 0.2 && reference < 0.95, "a non-trivial value: \(reference)")
        let q = randomOrthogonal(d, &rng)
        let identity = (0..<(d * d)).map { Double($0 / d == $0 % d ? 1 : 0) }
        for (m, c, what) in [(identity, 3.7, "scaled ×3.7"), (identity, 1e-3, "scaled ×0.001"), (q, 1, "rotated"),
                             (q, 25, "rotated and scaled")] {
            let moved = transform(x, n: n, d: d, by: m, scale: c)
            #expect(abs(try cka(moved, y, n: n)! - reference) < 1e-5, "\(what)")
            #expect(abs(try cka(y, moved, n: n)! - reference) < 1e-5, "\(what), other side")
        }
        // A non-isotropic scaling does change it (the test can fail).
        let stretch = (0..<(d * d)).map { $0 / d == $0 % d ? Double($0 / d + 1) : 0 }
        #expect(abs(try cka(transform(x, n: n, d: d, by: stretch, scale: 1), y, n: n)! - reference) > 1e-3)
    }

    @Test("constant features: undefined with a reason, never NaN")
    func constant() throws {
        var rng = TestRandom(seed: 3)
        let n = 20
        let x = normalMatrix(n, 5, &rng)
        let dead = [Float](repeating: 0, count: n * 8), flat = (0..<(n * 3)).map { Float($0 % 3) }  // same row each time
        for features in [dead, flat] {
            let value = try LinearCKA.similarity(try gram(x, n: n), try gram(features, n: n))
            #expect(value.value == nil)
            #expect(value.undefinedReason?.contains("constant") == true, "\(value)")
            #expect(try LinearCKA.similarity(try gram(features, n: n), try gram(features, n: n)).value == nil)
        }
    }

    @Test("bad input: fewer than 4 examples, ragged rows, NaN, different n")
    func badInput() throws {
        #expect(throws: SimilarityError.tooFewExamples(3)) { try gram([1, 2, 3], n: 3) }
        #expect(throws: SimilarityError.self) { try gram([1, 2, 3, 4, 5], n: 4) }
        #expect(throws: SimilarityError.nonFinite) { try gram([1, .nan, 3, 4], n: 4) }
        #expect(throws: SimilarityError.self) { try LinearCKA.similarity(try gram([1, 2, 3, 4], n: 4), try gram([1, 2, 3, 4, 5], n: 5)) }
    }
}
