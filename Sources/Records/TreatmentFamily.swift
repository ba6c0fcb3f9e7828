import Datasets

/// A treatment of Yosinski et al. (2014), before n is chosen: base networks, transfer ("AnB":
/// layers 1…n copied from baseA, frozen, trained on B; "+" = fine-tuned), selffer controls
/// ("BnB"), the reverse direction ("BnA", "AnA") and random frozen filters ("randomNB").
///
/// The one place for what a treatment is: its order in every table, figure and CSV (the order
/// of the cases), its base, whether it belongs to the reverse direction, and its run labels.
/// Plans, records (`RunRecord.treatment`) and reports all use this type; a record naming a
/// treatment not listed here does not decode.
public enum TreatmentFamily: String, Codable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case baseA, baseB
    case BnB, BnBPlus = "BnB+", AnB, AnBPlus = "AnB+"
    case randomNB
    case AnA, AnAPlus = "AnA+", BnA, BnAPlus = "BnA+"

    /// What a config runs when it lists no treatments.
    public static let defaults: [TreatmentFamily] = [.baseA, .baseB, .BnB, .BnBPlus, .AnB, .AnBPlus, .randomNB]

    /// The base treatments (no copied layers), in report order.
    public static let bases: [TreatmentFamily] = [.baseA, .baseB]

    /// Report order: the order of the cases.
    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The paper's spelling ("AnB+"), also in string interpolation.
    public var description: String { rawValue }

    public var isBase: Bool { self == .baseA || self == .baseB }

    /// The task trained and tested on.
    public var target: TaskSide {
        switch self {
        case .baseA, .AnA, .AnAPlus, .BnA, .BnAPlus: return .a
        default: return .b
        }
    }

    /// Whether this family trains on task A from copied or random layers (AnA, AnA+, BnA, BnA+):
    /// the reverse of the paper's figure, drawn as thin dashed lines without bands.
    public var isReverse: Bool { target == .a && !isBase }

    /// The base its results are compared with: the base trained on its target task.
    public var comparisonBase: TreatmentFamily { target == .a ? .baseA : .baseB }

    /// The base whose layers are copied (nil for bases and random filters).
    public var source: TaskSide? {
        switch self {
        case .AnB, .AnBPlus, .AnA, .AnAPlus: return .a
        case .BnB, .BnBPlus, .BnA, .BnAPlus: return .b
        default: return nil
        }
    }

    /// Whether copied layers keep learning.
    public var fineTuned: Bool {
        switch self {
        case .AnBPlus, .BnBPlus, .AnAPlus, .BnAPlus: return true
        default: return false
        }
    }

    /// The base family this one needs.
    public var requiredBase: TreatmentFamily? {
        source.map { $0 == .a ? .baseA : .baseB }
    }

    /// The label of one run, in the paper's notation: "baseA", "A3B", "B5B+", "random2B".
    public func label(n: Int?) -> String {
        guard let n, !isBase else { return rawValue }
        if self == .randomNB { return "random\(n)B" }
        let s = source!.rawValue, t = target.rawValue
        return "\(s)\(n)\(t)\(fineTuned ? "+" : "")"
    }

    /// Parses a run label back into family and n.
    public static func parse(label: String) -> (TreatmentFamily, Int?)? {
        if label == "baseA" { return (.baseA, nil) }
        if label == "baseB" { return (.baseB, nil) }
        for family in allCases where !family.isBase {
            for n in 1...7 where family.label(n: n) == label { return (family, n) }
        }
        return nil
    }
}
