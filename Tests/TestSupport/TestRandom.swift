/// A small seeded random generator for test data (splitmix64): the same seed gives the same
/// numbers on every platform and Swift version.
public struct TestRandom: RandomNumberGenerator, Sendable {
    /// The generator's state; advanced by 0x9E3779B97F4A7C15 per draw.
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits (splitmix64).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform Double in [0, 1) with 53 random bits.
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A uniform Double in `range`.
    public mutating func uniform(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextDouble()
    }

    /// `count` uniform values in `range` (default −1…1), converted to `T`.
    public mutating func uniform<T: BinaryFloatingPoint>(count: Int, in range: ClosedRange<Double> = -1...1,
                                                         as type: T.Type = Double.self) -> [T] {
        (0..<max(count, 0)).map { _ in T(uniform(in: range)) }
    }

    /// A uniform integer in 0..<bound (bound ≥ 1; the modulo bias is negligible for tests).
    public mutating func int(below bound: Int) -> Int {
        Int(next() % UInt64(max(bound, 1)))
    }

    /// `count` flags, each true with probability `probability`.
    public mutating func bools(count: Int, probability: Double) -> [Bool] {
        (0..<max(count, 0)).map { _ in nextDouble() < probability }
    }

    /// `count` distinct indices drawn from 0..<population, in increasing order
    /// (all of them when count ≥ population).
    public mutating func sample(count: Int, from population: Int) -> [Int] {
        var indices = Array(0..<max(population, 0))
        let k = min(max(count, 0), indices.count)
        for i in 0..<k {  // partial Fisher–Yates
            indices.swapAt(i, i + int(below: indices.count - i))
        }
        return indices.prefix(k).sorted()
    }
}
