import Foundation
import NeuralNet
import Similarity
import TestSupport

/// The centered Gram matrix of row-major n × d features through the engine's SGEMM.
func gram(_ x: [Float], n: Int) throws -> GramMatrix {
    try ComputeThread.shared.run { try GramMatrix(features: x, count: n, product: MatrixProduct.gram(_:rows:columns:into:)) }
}

/// Linear CKA of two feature matrices over the same n examples.
func cka(_ x: [Float], _ y: [Float], n: Int) throws -> Double? {
    try LinearCKA.similarity(try gram(x, n: n), try gram(y, n: n)).value
}

/// n × d standard normal features.
func normalMatrix(_ n: Int, _ d: Int, _ rng: inout TestRandom) -> [Float] {
    (0..<(n * d)).map { _ in Float(rng.normal()) }
}

/// Y = X·W (+ noise), X n × d, W d × e random: features related to X.
func related(_ x: [Float], n: Int, d: Int, e: Int, noise: Double, _ rng: inout TestRandom) -> [Float] {
    let w = (0..<(d * e)).map { _ in rng.normal() }
    var y = [Float](repeating: 0, count: n * e)
    for i in 0..<n {
        for k in 0..<e {
            var s = 0.0
            for j in 0..<d { s += Double(x[i * d + j]) * w[j * e + k] }
            y[i * e + k] = Float(s + noise * rng.normal())
        }
    }
    return y
}

/// A random d × d orthogonal matrix (Gram–Schmidt on Gaussian columns, in Double).
func randomOrthogonal(_ d: Int, _ rng: inout TestRandom) -> [Double] {
    var q = [[Double]]()
    while q.count < d {
        var v = (0..<d).map { _ in rng.normal() }
        for u in q {
            let dot = zip(u, v).map(*).reduce(0, +)
            for i in 0..<d { v[i] -= dot * u[i] }
        }
        let norm = v.map { $0 * $0 }.reduce(0, +).squareRoot()
        guard norm > 1e-6 else { continue }
        q.append(v.map { $0 / norm })
    }
    return q.flatMap { $0 }   // rows of Q
}

/// X·M·c for X n × d (Float) and M d × d (Double).
func transform(_ x: [Float], n: Int, d: Int, by m: [Double], scale c: Double) -> [Float] {
    var out = [Float](repeating: 0, count: n * d)
    for i in 0..<n {
        for k in 0..<d {
            var s = 0.0
            for j in 0..<d { s += Double(x[i * d + j]) * m[j * d + k] }
            out[i * d + k] = Float(c * s)
        }
    }
    return out
}
