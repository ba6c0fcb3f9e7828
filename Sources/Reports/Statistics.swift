import Foundation

/// Small-sample statistics for the report: mean, sample standard deviation (n − 1), standard
/// error and two-sided 95% confidence intervals with Student's t quantile.
///
/// Every function returns nil when the quantity is undefined (empty input, or fewer than two
/// values for anything involving the spread), so callers can render "—" instead of a fake number.
public enum Statistics {
    /// Arithmetic mean; nil for an empty sample.
    public static func mean(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        var sum = 0.0
        for value in values { sum += value }
        return sum / Double(values.count)
    }

    /// Sample variance with Bessel's correction (divides by k − 1); nil for k < 2.
    public static func sampleVariance(_ values: [Double]) -> Double? {
        guard values.count >= 2, let m = mean(values) else { return nil }
        var sum = 0.0
        for value in values { sum += (value - m) * (value - m) }
        return sum / Double(values.count - 1)
    }

    /// Sample standard deviation (k − 1 in the denominator); nil for k < 2.
    public static func sampleStandardDeviation(_ values: [Double]) -> Double? {
        sampleVariance(values).map { $0.squareRoot() }
    }

    /// Standard error of the mean, sd / √k; nil for k < 2.
    public static func standardError(_ values: [Double]) -> Double? {
        sampleStandardDeviation(values).map { $0 / Double(values.count).squareRoot() }
    }

    /// The two-sided 95% confidence interval of the mean, mean ± t_{0.975, k−1} · se; nil for k < 2.
    public static func confidenceInterval95(_ values: [Double]) -> ClosedRange<Double>? {
        guard let m = mean(values), let se = standardError(values),
              let t = tQuantile975(degreesOfFreedom: Double(values.count - 1)) else { return nil }
        return (m - t * se)...(m + t * se)
    }

    /// Welch's two-sample 95% interval for mean(a) − mean(b) (unequal variances, Welch–Satterthwaite
    /// degrees of freedom); nil when either sample has fewer than two values.
    public static func welchInterval95(_ a: [Double], _ b: [Double]) -> ClosedRange<Double>? {
        guard let ma = mean(a), let mb = mean(b), let va = sampleVariance(a), let vb = sampleVariance(b)
        else { return nil }
        let qa = va / Double(a.count), qb = vb / Double(b.count)
        let se = (qa + qb).squareRoot()
        let difference = ma - mb
        guard se > 0 else { return difference...difference }
        let df = (qa + qb) * (qa + qb)
            / (qa * qa / Double(a.count - 1) + qb * qb / Double(b.count - 1))
        guard let t = tQuantile975(degreesOfFreedom: df) else { return nil }
        return (difference - t * se)...(difference + t * se)
    }

    /// Student's t quantile t_{0.975}(df), the multiplier of a two-sided 95% interval.
    ///
    /// Integer df in the table (1…30, 40, 50, 60, 80, 100, 120, 200, 500, 1000) come from the table
    /// (9 digits); any other finite df (e.g. Welch's non-integer df) is solved from the t CDF via the
    /// regularised incomplete beta function (accurate to ~1e-9); df = ∞ gives 1.959964.
    /// Nil for df < 1 or NaN.
    public static func tQuantile975(degreesOfFreedom df: Double) -> Double? {
        guard !df.isNaN, df >= 1 else { return nil }
        if df.isInfinite || df > 1e7 { return normalQuantile975 }
        if let exact = tTable975.first(where: { $0.df == df }) { return exact.t }
        // Upper tail P(T > t) = I_{df/(df+t²)}(df/2, 1/2) / 2 decreases in t: bisect for 0.025.
        var low = normalQuantile975, high = 12.706204736 + 1   // t_{0.975} is in (z, t(1)] for df ≥ 1
        for _ in 0..<200 {
            let mid = (low + high) / 2
            let tail = 0.5 * regularizedIncompleteBeta(df / (df + mid * mid), a: df / 2, b: 0.5)
            if tail > 0.025 { low = mid } else { high = mid }
            if high - low < 1e-12 { break }
        }
        return (low + high) / 2
    }

    /// The regularised incomplete beta function I_x(a, b) (continued fraction, Numerical Recipes §6.4).
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logPowers - logBeta
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * betaContinuedFraction(1 - x, a: b, b: a) / b
    }

    private static func betaContinuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d; if abs(d) < tiny { d = tiny }
            c = 1 + even / c; if abs(c) < tiny { c = tiny }
            d = 1 / d; h *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d; if abs(d) < tiny { d = tiny }
            c = 1 + odd / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }

    /// The standard normal 0.975 quantile.
    public static let normalQuantile975 = 1.959963984540054

    /// t_{0.975}(df) for df 1…30, 40, 50, 60, 80, 100, 120, 200, 500, 1000 (scipy.stats.t.ppf).
    static let tTable975: [(df: Double, t: Double)] = [
        (1, 12.706204736), (2, 4.302652730), (3, 3.182446305), (4, 2.776445105), (5, 2.570581836),
        (6, 2.446911851), (7, 2.364624252), (8, 2.306004135), (9, 2.262157163), (10, 2.228138852),
        (11, 2.200985160), (12, 2.178812830), (13, 2.160368656), (14, 2.144786688), (15, 2.131449546),
        (16, 2.119905299), (17, 2.109815578), (18, 2.100922040), (19, 2.093024054), (20, 2.085963447),
        (21, 2.079613845), (22, 2.073873068), (23, 2.068657610), (24, 2.063898562), (25, 2.059538553),
        (26, 2.055529439), (27, 2.051830516), (28, 2.048407142), (29, 2.045229642), (30, 2.042272456),
        (40, 2.021075390), (50, 2.008559112), (60, 2.000297822), (80, 1.990063421), (100, 1.983971519),
        (120, 1.979930405), (200, 1.971896224), (500, 1.964719837), (1000, 1.962339081),
    ]
}

/// The summary of one sample (e.g. the per-seed top-1 of one cell, in percent).
public struct SampleSummary: Sendable, Equatable {
    /// The values, in the order given (the report passes them sorted by seed).
    public var values: [Double]
    /// Number of values k.
    public var count: Int { values.count }
    /// Mean; nil for an empty sample.
    public var mean: Double? { Statistics.mean(values) }
    /// Sample standard deviation (k − 1); nil for k < 2.
    public var standardDeviation: Double? { Statistics.sampleStandardDeviation(values) }
    /// Standard error of the mean; nil for k < 2.
    public var standardError: Double? { Statistics.standardError(values) }
    /// 95% t interval of the mean; nil for k < 2.
    public var confidenceInterval95: ClosedRange<Double>? { Statistics.confidenceInterval95(values) }

    public init(_ values: [Double]) { self.values = values }
}
