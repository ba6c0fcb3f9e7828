import Foundation
import Testing
import TestSupport

/// The shared gradient checker must pass correct gradients and catch wrong ones.
@Suite("GradientCheck")
struct ReferenceGradientCheckTests {
    /// f(x) = Σ sin(xᵢ)·xᵢ₊₁ + x₀³, a smooth function with a known gradient.
    static func f(_ x: [Double]) -> Double {
        var value = x[0] * x[0] * x[0]
        for i in 0..<(x.count - 1) { value += sin(x[i]) * x[i + 1] }
        return value
    }

    static func gradient(_ x: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: x.count)
        g[0] = 3 * x[0] * x[0]
        for i in 0..<(x.count - 1) {
            g[i] += cos(x[i]) * x[i + 1]
            g[i + 1] += sin(x[i])
        }
        return g
    }

    static let point: [Double] = {
        var random = TestRandom(seed: 3)
        return random.uniform(count: 12)
    }()

    @Test("a correct gradient passes")
    func correctPasses() {
        let result = GradientCheck<Double>().check(at: Self.point, analytic: Self.gradient(Self.point), Self.f)
        #expect(result.passed, "\(result)")
        #expect(result.checkedCount == 12)
        #expect(result.worstRelativeError < 1e-8)
    }

    @Test("a slightly wrong coordinate is caught and reported by index", arguments: [0, 5, 11])
    func wrongCaught(_ index: Int) {
        var analytic = Self.gradient(Self.point)
        analytic[index] *= 1.0001
        let result = GradientCheck<Double>().check("f", at: Self.point, analytic: analytic, Self.f)
        #expect(!result.passed)
        #expect(result.worstIndex == index)
        #expect(result.description.contains("index \(index)"))
        #expect(result.description.contains("FAILED"))
    }

    @Test("a caller-supplied kink detector skips coordinates")
    func callerKinks() {
        var analytic = Self.gradient(Self.point)
        analytic[4] = 1000  // would fail, but is declared a kink
        let result = GradientCheck<Double>().check(at: Self.point, analytic: analytic, isKink: { i, _ in i == 4 }, Self.f)
        #expect(result.passed, "\(result)")
        #expect(result.skippedIndices == [4])
    }

    @Test("an |x| kink is detected from one-sided differences; smooth points are not skipped")
    func detectedKinks() {
        let x: [Double] = [0, 0.3, -0.2]
        let f: ([Double]) -> Double = { v in v.reduce(0) { $0 + abs($1) } }
        let result = GradientCheck<Double>().check(at: x, analytic: [0, 1, -1], f)
        #expect(result.passed, "\(result)")
        #expect(result.skippedIndices == [0])
        let undetected = GradientCheck<Double>(detectKinks: false).check(at: x, analytic: [1, 1, -1], f)
        #expect(!undetected.passed)  // the central difference at the kink is 0, not 1
    }

    @Test("a seeded random subset is checked for big inputs")
    func subset() {
        let checker = GradientCheck<Double>(maxCoordinates: 5, seed: 9)
        let result = checker.check(at: Self.point, analytic: Self.gradient(Self.point), Self.f)
        #expect(result.passed, "\(result)")
        #expect(result.checkedCount == 5)
        var wrong = Self.gradient(Self.point)
        for i in wrong.indices { wrong[i] += 1 }
        #expect(!checker.check(at: Self.point, analytic: wrong, Self.f).passed)
    }

    @Test("mismatched counts and NaN fail with a reason")
    func problems() {
        let short = GradientCheck<Double>().check(at: Self.point, analytic: [1, 2], Self.f)
        #expect(!short.passed)
        #expect(short.description.contains("2 values for 12 inputs"))
        var nan = Self.gradient(Self.point)
        nan[3] = .nan
        #expect(!GradientCheck<Double>().check(at: Self.point, analytic: nan, Self.f).passed)
    }

    @Test("TestRandom is deterministic and uniform in range")
    func testRandom() {
        var a = TestRandom(seed: 42), b = TestRandom(seed: 42)
        let values = a.uniform(count: 1000, in: -2...3)
        #expect(values == b.uniform(count: 1000, in: -2...3))
        #expect(values.allSatisfy { $0 >= -2 && $0 <= 3 })
        #expect(abs(values.reduce(0, +) / 1000 - 0.5) < 0.15)
        var c = TestRandom(seed: 1)
        let sample = c.sample(count: 4, from: 10)
        #expect(sample.count == 4 && Set(sample).count == 4 && sample == sample.sorted())
        // splitmix64 reference value for seed 0.
        var zero = TestRandom(seed: 0)
        #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
    }
}
