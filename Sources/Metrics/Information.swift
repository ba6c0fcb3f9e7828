import Foundation

/// The unit of an information quantity: nats (natural log) or bits (log base 2).
public enum InformationUnit: String, Codable, Sendable, CaseIterable {
    case nats
    case bits

    /// Divide a value in nats by this to convert it to the unit.
    var natsPerUnit: Double { self == .nats ? 1 : Foundation.log(2.0) }
}

/// Entropy and self-information of discrete distributions.
///
/// Convention 0 · log 0 = 0. Inputs are assumed to be probabilities (not validated: these are
/// pure math helpers).
public enum Information {
    /// H(p) = −Σ pᵢ log pᵢ in the chosen unit (terms with pᵢ = 0 contribute 0).
    public static func entropy(_ p: [Double], unit: InformationUnit = .nats) -> Double {
        var h = 0.0
        for v in p where v > 0 { h -= v * Foundation.log(v) }
        return h / unit.natsPerUnit
    }

    /// Entropy of a Bernoulli(p) variable: H(p, 1 − p); maximal (1 bit) at p = 0.5.
    public static func binaryEntropy(_ p: Double, unit: InformationUnit = .nats) -> Double {
        entropy([p, 1 - p], unit: unit)
    }

    /// Self-information (surprisal) I(p) = −log p; +∞ for p = 0, 0 for p = 1.
    public static func selfInformation(_ p: Double, unit: InformationUnit = .nats) -> Double {
        -Foundation.log(p) / unit.natsPerUnit
    }
}
