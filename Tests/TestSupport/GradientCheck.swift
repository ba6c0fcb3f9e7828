/// A central-difference gradient checker (the idea of Caffe's `GradientChecker`), shared by
/// every layer test: compares an analytic gradient of a scalar function with numerical ones.
///
/// For each checked coordinate i it evaluates `f(x ± h·eᵢ)` and compares the central
/// difference `(f₊ − f₋) / 2h` with `analytic[i]` by the relative error
/// `|a − n| / max(|a|, |n|, denominatorFloor)`. Intended for Double (h = 1e-6).
///
/// Kinks (ReLU at 0, max-pool ties) make the central difference meaningless; a coordinate is
/// skipped when the caller's `isKink(i, x)` says so, or (with `detectKinks`) when the forward
/// and backward one-sided differences disagree by more than `kinkTolerance` (relative, with
/// the same floor) — a smooth function's one-sided differences agree to O(h·f″).
///
/// To check a layer with a tensor output, use a random projection loss
/// `L = Σ output ⊙ R` with fixed seeded R (`projectionWeights`, `projectionLoss`): then
/// ∂L/∂output = R is what to feed the layer's backward.
public struct GradientCheck<T: BinaryFloatingPoint & Sendable>: Sendable {
    /// Finite-difference step h.
    public var step: T
    /// The largest acceptable relative error.
    public var tolerance: T
    /// The smallest denominator of the relative error (an absolute tolerance near zero).
    public var denominatorFloor: T
    /// Whether to detect kinks by comparing one-sided differences.
    public var detectKinks: Bool
    /// Relative disagreement of the one-sided differences that marks a kink.
    public var kinkTolerance: T
    /// When set and smaller than the input, only a seeded random subset of this many
    /// coordinates is checked.
    public var maxCoordinates: Int?
    /// Seed of that subset.
    public var seed: UInt64

    public init(step: T = 1e-6, tolerance: T = 1e-6, denominatorFloor: T = 1e-2,
                detectKinks: Bool = true, kinkTolerance: T = 1e-3,
                maxCoordinates: Int? = nil, seed: UInt64 = 0x5EED) {
        self.step = step
        self.tolerance = tolerance
        self.denominatorFloor = denominatorFloor
        self.detectKinks = detectKinks
        self.kinkTolerance = kinkTolerance
        self.maxCoordinates = maxCoordinates
        self.seed = seed
    }

    /// Checks `analytic` against the numerical gradient of `f` at `x`. `name` labels the report.
    public func check(_ name: String = "gradient", at x: [T], analytic: [T],
                      isKink: ((Int, [T]) -> Bool)? = nil,
                      _ f: ([T]) throws -> T) rethrows -> GradientCheckResult {
        var result = GradientCheckResult(name: name, tolerance: Double(tolerance), count: x.count)
        guard analytic.count == x.count else {
            result.problem = "analytic gradient has \(analytic.count) values for \(x.count) inputs"
            return result
        }
        var indices = Array(x.indices)
        if let limit = maxCoordinates, limit < x.count {
            var random = TestRandom(seed: seed)
            indices = random.sample(count: limit, from: x.count)
        }
        let f0 = try f(x)
        var point = x
        for i in indices {
            if let isKink, isKink(i, x) {
                result.skippedIndices.append(i)
                continue
            }
            point[i] = x[i] + step
            let fPlus = try f(point)
            point[i] = x[i] - step
            let fMinus = try f(point)
            point[i] = x[i]
            let forward = (fPlus - f0) / step, backward = (f0 - fMinus) / step
            if detectKinks,
               abs(forward - backward) > kinkTolerance * max(abs(forward), abs(backward), denominatorFloor) {
                result.skippedIndices.append(i)
                continue
            }
            let numeric = (fPlus - fMinus) / (2 * step)
            let error = abs(analytic[i] - numeric) / max(abs(analytic[i]), abs(numeric), denominatorFloor)
            result.checkedCount += 1
            if !(Double(error) <= result.worstRelativeError) {  // also catches NaN
                result.worstRelativeError = Double(error)
                result.worstIndex = i
                result.worstAnalytic = Double(analytic[i])
                result.worstNumeric = Double(numeric)
                if error.isNaN { result.problem = "NaN at index \(i)" }
            }
        }
        return result
    }

    /// Seeded projection weights R, uniform in −1…1.
    public static func projectionWeights(count: Int, seed: UInt64) -> [T] {
        var random = TestRandom(seed: seed)
        return random.uniform(count: count, in: -1...1, as: T.self)
    }

    /// `Σ output ⊙ weights`; NaN when the counts differ (so the check fails visibly).
    public static func projectionLoss(_ output: [T], _ weights: [T]) -> T {
        guard output.count == weights.count else { return .nan }
        return zip(output, weights).reduce(T(0)) { $0 + $1.0 * $1.1 }
    }
}

/// The outcome of a `GradientCheck`: the worst relative error and where it occurred.
public struct GradientCheckResult: Sendable, CustomStringConvertible {
    /// The label given to `check`.
    public var name: String
    /// The threshold the worst error is held to.
    public var tolerance: Double
    /// Number of coordinates of the input.
    public var count: Int
    /// Coordinates compared (not skipped).
    public var checkedCount = 0
    /// Coordinates skipped as kinks.
    public var skippedIndices: [Int] = []
    /// The largest relative error found (0 when nothing was checked).
    public var worstRelativeError = 0.0
    /// Where it occurred, with the two values compared.
    public var worstIndex: Int?
    public var worstAnalytic = 0.0
    public var worstNumeric = 0.0
    /// A reason the check could not be done properly (count mismatch, NaN).
    public var problem: String?

    init(name: String, tolerance: Double, count: Int) {
        self.name = name
        self.tolerance = tolerance
        self.count = count
    }

    /// True when at least one coordinate was checked, all within tolerance, and no problem arose.
    public var passed: Bool { problem == nil && checkedCount > 0 && worstRelativeError <= tolerance }

    public var description: String {
        var text = "\(name): \(passed ? "passed" : "FAILED"): worst relative error \(worstRelativeError)"
        if let worstIndex {
            text += " at index \(worstIndex) (analytic \(worstAnalytic), numeric \(worstNumeric))"
        }
        text += "; tolerance \(tolerance); checked \(checkedCount) of \(count), skipped \(skippedIndices.count) as kinks"
        if let problem { text += "; problem: \(problem)" }
        return text
    }
}
