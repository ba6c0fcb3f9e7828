import Datasets

/// A treatment of Yosinski et al. (2014), before n is chosen: base networks, transfer ("AnB":
/// layers 1…n copied from baseA, frozen, trained on B; "+" = fine-tuned), selffer controls
/// ("BnB"), the reverse direction ("BnA", "AnA") and random frozen filters ("randomNB").
public enum TreatmentFamily: String, Codable, Sendable, CaseIterable, Comparable {
    case baseA, baseB
    case BnB, BnBPlus = "BnB+", AnB, AnBPlus = "AnB+"
    case randomNB
    case AnA, AnAPlus = "AnA+", BnA, BnAPlus = "BnA+"

    public static let defaults: [TreatmentFamily] = [.baseA, .baseB, .BnB, .BnBPlus, .AnB, .AnBPlus, .randomNB]

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var isBase: Bool { self == .baseA || self == .baseB }

    /// The task trained and tested on.
    public var target: TaskSide {
        switch self {
        case .baseA, .AnA, .AnAPlus, .BnA, .BnAPlus: return .a
        default: return .b
        }
    }

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
