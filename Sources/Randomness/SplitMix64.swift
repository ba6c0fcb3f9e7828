import Foundation

/// The seeded generator behind every random choice in the project (Steele, Lea & Flood 2014).
///
/// Its whole state is one `UInt64`, readable and settable, so it can be checkpointed and
/// restored for an exact resume. Never the system RNG.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable, Codable {
    /// The full generator state; assigning it restores a captured position in the stream.
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (Lemire's unbiased multiply-shift); 0 when `bound <= 1`.
    public mutating func nextInt(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let n = UInt64(bound)
        var m = next().multipliedFullWidth(by: n)
        if m.low < n {
            let threshold = (0 &- n) % n
            while m.low < threshold { m = next().multipliedFullWidth(by: n) }
        }
        return Int(m.high)
    }

    /// A uniform integer in the closed range.
    public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + nextInt(below: range.upperBound - range.lowerBound + 1)
    }

    /// A uniform `Double` in [0, 1) with 53 random bits.
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A uniform `Float` in [0, 1) with 24 random bits (dropout masks).
    @inline(__always)
    public mutating func nextUnitFloat() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// A fair coin.
    public mutating func nextBool() -> Bool { next() >> 63 == 1 }

    /// A standard normal sample (Box–Muller, one of the pair).
    public mutating func nextGaussian() -> Double {
        let u1 = 1.0 - nextDouble()  // (0, 1]
        let u2 = nextDouble()
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }

    /// A generator for an independent stream derived from `seed` and a stream tag.
    public static func derived(seed: UInt64, stream: UInt64) -> SplitMix64 {
        var g = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        _ = g.next()
        return SplitMix64(seed: g.next())
    }
}

/// Fisher–Yates shuffle driven by `SplitMix64` (stable across Swift versions, unlike `shuffle(using:)`).
public func fisherYatesShuffle<T>(_ array: inout [T], using rng: inout SplitMix64) {
    guard array.count > 1 else { return }
    array.withUnsafeMutableBufferPointer { buf in
        var i = buf.count - 1
        while i > 0 {
            let j = rng.nextInt(below: i + 1)
            if i != j { buf.swapAt(i, j) }
            i -= 1
        }
    }
}

/// A seeded random permutation of `0..<n`.
public func seededPermutation(_ n: Int, using rng: inout SplitMix64) -> [Int] {
    var p = Array(0..<max(0, n))
    fisherYatesShuffle(&p, using: &rng)
    return p
}
