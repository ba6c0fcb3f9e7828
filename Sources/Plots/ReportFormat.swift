import Foundation

/// Locale-independent number formatting for tables and figures.
///
/// Never consults a locale: the decimal separator is always ".", the minus sign is always the
/// ASCII hyphen-minus "-", and rounding is half away from zero on the decimal value.
public enum ReportFormat {
    /// The placeholder for a missing or undefined value.
    public static let missing = "—"

    /// `value` with exactly `decimals` digits after the point, e.g. fixed(88.649, 1) = "88.6".
    /// A value that rounds to zero prints without a sign ("0.0"); NaN → "nan", ±∞ → "inf"/"-inf".
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let digits = max(0, min(decimals, 12))
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = roundedScaled(abs(value), scale: scale, decimals: digits)
        guard scaled < 9.0e15 else {   // Beyond exact integers: fall back to Swift's description.
            return value.description
        }
        let integer = UInt64(scaled)
        var text = String(integer)
        if digits > 0 {
            while text.count <= digits { text = "0" + text }
            let split = text.index(text.endIndex, offsetBy: -digits)
            text = String(text[..<split]) + "." + String(text[split...])
        }
        return (value < 0 && integer != 0) ? "-" + text : text
    }

    /// Like `fixed` but with an explicit sign for non-zero results: "+0.4", "-3.4", "0.0".
    public static func signed(_ value: Double, _ decimals: Int) -> String {
        let text = fixed(value, decimals)
        if value.isNaN || text.hasPrefix("-") { return text }
        let isZero = text.allSatisfy { $0 == "0" || $0 == "." }
        return isZero ? text : "+" + text
    }

    /// The shortest round-tripping decimal text of a Double ("0.886", "1e-05"): for CSV cells.
    public static func exact(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return value.description
    }

    /// Rounds |value| · scale half away from zero; a relative nudge of 1e-12 makes binary artefacts
    /// such as 0.15 · 10 = 1.4999999999999998 round like the decimal value they stand for.
    private static func roundedScaled(_ magnitude: Double, scale: Double, decimals: Int) -> Double {
        let product = magnitude * scale
        return (product * (1 + 1e-12)).rounded(.toNearestOrAwayFromZero)
    }
}
