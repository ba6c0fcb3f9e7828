/// Which of a split's two class lists is the source task. The paper's dissimilar curve averages
/// both directions (man-made → natural and natural → man-made); the source is always the full
/// task and the target the capped one.
public enum SplitDirection: String, Codable, Sendable, CaseIterable, Comparable {
    /// The split's A classes are the source, its B classes the target.
    case forward = "A→B"
    /// The split's B classes are the source, its A classes the target.
    case reverse = "B→A"

    /// Parses "A→B" / "B→A" (or the ASCII spellings "A->B" / "B->A").
    public init?(parsing text: String) {
        switch text {
        case "A→B", "A->B": self = .forward
        case "B→A", "B->A": self = .reverse
        default: return nil
        }
    }

    /// Appended to the split's name for the runs of this direction ("dissimilar-BA").
    public var nameSuffix: String { self == .forward ? "" : "-BA" }

    public static func < (a: Self, b: Self) -> Bool { a == .forward && b == .reverse }
}
