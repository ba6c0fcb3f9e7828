import Records

/// Yosinski et al. (2014), "How transferable are features in deep neural networks?", the
/// numbers every comparison with the paper draws from (ImageNet, 500-class halves; top-1
/// recomputed from its released training logs). One table, so figure, summary and verdicts
/// cannot disagree.
public enum PaperReference {
    /// baseB top-1 (%), the reference of every "change vs base" below.
    public static let baseB = 62.5
    /// Change vs baseB in percentage points at n = 1…7, similar (random) split.
    public static let changeVsBase: [TreatmentFamily: [Double]] = [
        .BnB: [0.2, -0.2, -0.4, -2.0, -3.2, -0.6, -0.2],
        .AnB: [0.3, -0.1, -0.6, -2.5, -4.7, -4.4, -8.3],
        .BnBPlus: [-0.7, -0.4, 0.6, 0.4, 0.5, 0.3, 0.2],
        .AnBPlus: [1.2, 1.1, 1.8, 1.5, 1.9, 2.1, 2.1],
    ]
    /// Dissimilar split (man-made vs natural), AnB relative to its base, both directions averaged.
    public static let dissimilarAnB: [Double] = [0.3, -0.9, -3.2, -7.3, -12.9, -16.6, -25.0]
    /// Random frozen filters: top-1 (%) at n = 1…7, against a base of `randomBase`.
    public static let randomTop1: [Double] = [49.2, 40.3, 0.1, 1.9, 5.0, 1.4, 1.5]
    public static let randomBase = 57.6

    /// The paper's change vs base of `family` at depth n (1…7) on a split of `kind`; random
    /// filters as top-1 relative to their base. Nil where the paper has no number.
    public static func change(_ family: TreatmentFamily, n: Int, kind: String) -> Double? {
        guard (1...7).contains(n) else { return nil }
        if family == .randomNB { return kind == "similar" ? randomTop1[n - 1] - randomBase : nil }
        if kind == "dissimilar" { return family == .AnB ? dissimilarAnB[n - 1] : nil }
        return changeVsBase[family]?[n - 1]
    }

    /// The paper's mean change over `layers` (nil if any is missing).
    public static func meanChange(_ family: TreatmentFamily, over layers: ClosedRange<Int>, kind: String) -> Double? {
        let values = layers.compactMap { change(family, n: $0, kind: kind) }
        guard values.count == layers.count else { return nil }
        return values.reduce(0, +) / Double(values.count)
    }
}
