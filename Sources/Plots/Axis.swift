import Foundation

/// A linear map from data values [lower, upper] to pixels [start, end].
public struct Axis {
    public var lower: Double, upper: Double, start: Double, end: Double

    public init(lower: Double, upper: Double, start: Double, end: Double) {
        self.lower = lower
        self.upper = upper
        self.start = start
        self.end = end
    }

    /// The pixel of `value` (the middle for an empty domain or a non-finite value).
    public func map(_ value: Double) -> Double {
        let span = upper - lower
        guard span != 0, value.isFinite else { return (start + end) / 2 }
        return start + (value - lower) / span * (end - start)
    }
}

/// "Nice" axis ticks: steps of 1, 2, 2.5 or 5 · 10^k, about five of them, covering [low, high].
public struct NiceTicks {
    public var lower: Double, upper: Double, step: Double, decimals: Int

    public init(low: Double, high: Double, target: Double = 5) {
        var lo = low.isFinite ? low : 0, hi = high.isFinite ? high : 1
        if hi < lo { swap(&lo, &hi) }
        if hi - lo < 1e-9 { let pad = max(0.5, abs(lo) * 0.05); lo -= pad; hi += pad }
        let raw = (hi - lo) / target
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        var step = 10 * magnitude
        for multiple in [1.0, 2.0, 2.5, 5.0, 10.0] where multiple * magnitude >= raw * (1 - 1e-9) {
            step = multiple * magnitude
            break
        }
        self.step = step
        self.lower = (lo / step).rounded(.down) * step
        self.upper = (hi / step).rounded(.up) * step
        var decimals = 0
        while decimals < 6, abs((step * pow(10, Double(decimals))).rounded() - step * pow(10, Double(decimals))) > 1e-6 {
            decimals += 1
        }
        self.decimals = decimals
    }

    /// The tick values from lower to upper.
    public var values: [Double] {
        var result: [Double] = []
        var index = 0.0
        while lower + index * step <= upper + step * 1e-6, result.count < 100 {
            result.append(lower + index * step)
            index += 1
        }
        return result
    }

    /// A tick label with the ticks' decimals.
    public func label(_ value: Double) -> String { ReportFormat.fixed(value, decimals) }
}
