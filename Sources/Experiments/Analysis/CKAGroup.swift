import Datasets

/// One direction of transfer in a split: nets trained on `target` with layers copied from a base.
public struct TransferDirection: Hashable, Sendable, CustomStringConvertible {
    public let source: TaskSide
    public let target: TaskSide

    /// "A→B".
    public var description: String { "\(source.rawValue)→\(target.rawValue)" }
}

/// The runs `transfer analyze` compares for one split, direction and seed.
struct CKAGroup {
    let split: SplitConfig
    let direction: TransferDirection
    let seed: Int
    /// The bases trained on the direction's source and target tasks.
    let sourceBase: RunSpec
    let targetBase: RunSpec
    /// Nets with copied layers trained on the target (XnY and XnY+ for every n), with the base
    /// each copies from.
    let transferred: [(run: RunSpec, base: RunSpec)]
}

extension ExperimentPlan {
    /// The analysis's one view of the plan: per split, direction and seed, the two bases and the
    /// transferred nets (random-filter controls have no base to compare with and are left out).
    /// A plan without transferred nets still gives its bases' direction A→B.
    func ckaGroups() -> [CKAGroup] {
        var groups: [CKAGroup] = []
        for split in config.splits {
            for seed in config.seeds {
                let runs = self.runs.filter { $0.split.name == split.name && $0.seed == seed }
                guard let baseA = runs.first(where: { $0.family == .baseA }),
                      let baseB = runs.first(where: { $0.family == .baseB }) else { continue }
                let transferred = runs.compactMap { run in base(of: run).map { (run: run, base: $0) } }
                var targets = Set(transferred.map(\.run.family.target))
                if targets.isEmpty { targets = [.b] }
                for target in [TaskSide.b, .a] where targets.contains(target) {
                    let direction = TransferDirection(source: target == .b ? .a : .b, target: target)
                    groups.append(CKAGroup(
                        split: split, direction: direction, seed: seed,
                        sourceBase: target == .b ? baseA : baseB, targetBase: target == .b ? baseB : baseA,
                        transferred: transferred.filter { $0.run.family.target == target }))
                }
            }
        }
        return groups
    }
}
