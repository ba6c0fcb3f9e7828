import Foundation

/// The fixed presentation order of treatments and splits, so that every table, figure and CSV
/// comes out identical for the same records regardless of the order they were read in.
public enum TreatmentOrder {
    /// Treatments in report order; unknown treatments follow, alphabetically.
    public static let canonical = ["baseA", "baseB", "BnB", "BnB+", "AnB", "AnB+", "randomNB",
                                   "AnA", "AnA+", "BnA", "BnA+"]

    /// The base treatments (no copied layers).
    public static let bases = ["baseA", "baseB"]

    /// The base a treatment is compared with: the base trained on its target task ("baseA"/"baseB").
    public static func base(forTarget target: String) -> String { "base" + target }

    /// Sort key of a treatment: canonical index, unknown ones after all known.
    static func rank(_ treatment: String) -> Int {
        canonical.firstIndex(of: treatment) ?? canonical.count
    }

    /// Whether `a` comes before `b` in report order.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let ra = rank(a), rb = rank(b)
        return ra != rb ? ra < rb : a < b
    }

    /// The distinct treatments of `treatments` in report order.
    public static func ordered<S: Sequence>(_ treatments: S) -> [String] where S.Element == String {
        Array(Set(treatments)).sorted(by: precedes)
    }

    /// Deterministic record order: treatment, n (bases first), seed, then run id and top-1 as
    /// tie-breakers so duplicates also sort stably.
    public static func recordPrecedes(_ a: RunRecord, _ b: RunRecord) -> Bool {
        if a.treatment != b.treatment { return precedes(a.treatment, b.treatment) }
        let na = a.n ?? Int.min, nb = b.n ?? Int.min
        if na != nb { return na < nb }
        if a.seed != b.seed { return a.seed < b.seed }
        if a.runID != b.runID { return a.runID < b.runID }
        if a.top1 != b.top1 { return a.top1 < b.top1 }
        return a.created < b.created
    }

    /// Split order: kind "similar" first, then "dissimilar", then other kinds; then by name.
    static func splitPrecedes(_ a: (name: String, kind: String), _ b: (name: String, kind: String)) -> Bool {
        func kindRank(_ kind: String) -> Int { kind == "similar" ? 0 : kind == "dissimilar" ? 1 : 2 }
        let ka = kindRank(a.kind), kb = kindRank(b.kind)
        if ka != kb { return ka < kb }
        if a.kind != b.kind { return a.kind < b.kind }
        // Numeric-aware: "similar-i300" before "similar-i1200".
        let order = a.name.compare(b.name, options: [.numeric])
        return order == .orderedSame ? a.name < b.name : order == .orderedAscending
    }
}
