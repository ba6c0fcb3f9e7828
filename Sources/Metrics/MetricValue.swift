import Foundation

/// A metric value that may be undefined (e.g. precision 0/0 for a class nobody predicted).
///
/// Undefined values are never silently turned into 0: `value` is nil and `undefinedReason`
/// says why. JSON form (always an object, keys `value` and `reason`):
/// `{"value": 0.75}` when defined, `{"value": null, "reason": "no predictions for this class"}`
/// when undefined.
public struct MetricValue: Codable, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The value, nil when undefined.
    public let value: Double?
    /// Why the value is undefined; nil when defined.
    public let undefinedReason: String?

    /// A defined value.
    public static func defined(_ value: Double) -> MetricValue {
        MetricValue(value: value, undefinedReason: nil)
    }

    /// An undefined value with its reason.
    public static func undefined(_ reason: String) -> MetricValue {
        MetricValue(value: nil, undefinedReason: reason)
    }

    /// `numerator / denominator`, undefined with `reason` when the denominator is 0.
    public static func ratio(_ numerator: Double, _ denominator: Double,
                             undefinedReason reason: String) -> MetricValue {
        denominator == 0 ? .undefined(reason) : .defined(numerator / denominator)
    }

    private init(value: Double?, undefinedReason: String?) {
        self.value = value
        self.undefinedReason = undefinedReason
    }

    public var isDefined: Bool { value != nil }

    public var description: String {
        if let value { return "\(value)" }
        return "undefined (\(undefinedReason ?? "unspecified"))"
    }

    /// The value formatted with `digits` decimals, or "n/a" when undefined.
    public func formatted(digits: Int = 4) -> String {
        guard let value else { return "n/a" }
        return String(format: "%.\(digits)f", value)
    }

    enum CodingKeys: String, CodingKey {
        case value
        case reason
    }

    /// Decodes the object form, or a bare number (how reports before `mean_loss` could be
    /// undefined stored it) as a defined value.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let v = try? single.decode(Double.self) {
            self.init(value: v, undefinedReason: nil)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let v = try c.decodeIfPresent(Double.self, forKey: .value) {
            self.init(value: v, undefinedReason: nil)
        } else {
            let reason = try c.decodeIfPresent(String.self, forKey: .reason) ?? "unspecified"
            self.init(value: nil, undefinedReason: reason)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let value {
            try c.encode(value, forKey: .value)
        } else {
            try c.encodeNil(forKey: .value)
            try c.encode(undefinedReason ?? "unspecified", forKey: .reason)
        }
    }
}
