import Foundation
import Randomness

/// A small seeded random generator for test data (the project's SplitMix64 with test-data
/// helpers): the same seed gives the same numbers on every platform and Swift version.
public struct TestRandom: RandomNumberGenerator, Sendable {
    private var generator: SplitMix64

    public init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    /// The generator's state.
    public var state: UInt64 { generator.state }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 { generator.next() }

    /// A uniform Double in [0, 1) with 53 random bits.
    public mutating func nextDouble() -> Double { generator.nextDouble() }

    /// A standard normal sample (Box–Muller).
    public mutating func normal() -> Double { generator.nextGaussian() }

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
