import Foundation
import Records

/// The fixed presentation order of records and splits, so that every table, figure and CSV
/// comes out identical for the same records regardless of the order they were read in.
/// (Treatments are ordered by `TreatmentFamily` itself.)
public enum ReportOrder {
    /// Deterministic record order: treatment, n (bases first), seed, then run id and top-1 as
    /// tie-breakers so duplicates also sort stably.
    public static func recordPrecedes(_ a: RunRecord, _ b: RunRecord) -> Bool {
        if a.treatment != b.treatment { return a.treatment < b.treatment }
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
