import NeuralNetReference
import TestSupport

/// A seeded tensor with values uniform in `range` (Double, for gradient checks).
func randomTensor(_ shape: [Int], seed: UInt64, in range: ClosedRange<Double> = -1...1) throws -> RefTensor<Double> {
    var random = TestRandom(seed: seed)
    return try RefTensor(shape: shape, data: random.uniform(count: shape.reduce(1, *), in: range))
}

/// A tensor from explicit values (for hand-computed examples).
func tensor(_ shape: [Int], _ values: [Double]) throws -> RefTensor<Double> {
    try RefTensor(shape: shape, data: values)
}

/// The default checker for reference layers: Double, h = 1e-6, relative error ≤ 1e-6.
let gradientCheck = GradientCheck<Double>()

/// Gradient check of `L(v) = Σ forward(v) ⊙ R` at `point`: `forward` rebuilds the layer or
/// input from the flat values `v` and returns the layer's output.
func checkProjected(_ name: String, at point: RefTensor<Double>, analytic: RefTensor<Double>, projection: [Double],
                    _ forward: (RefTensor<Double>) throws -> RefTensor<Double>) throws -> GradientCheckResult {
    try gradientCheck.check(name, at: point.data, analytic: analytic.data) { values in
        GradientCheck.projectionLoss(try forward(RefTensor(shape: point.shape, data: values)).data, projection)
    }
}

/// `true` when every pair of values agrees within `tolerance` (absolute).
func allClose(_ a: [Double], _ b: [Double], tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
}

/// The error message of a thrown `ReferenceError`, or nil when nothing (or something else) was thrown.
func referenceErrorMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as ReferenceError {
        return error.description
    } catch {
        return nil
    }
}
