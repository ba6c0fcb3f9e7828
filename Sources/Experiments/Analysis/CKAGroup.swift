import Datasets

/// The runs `transfer analyze` compares for one split (as its runs see it), direction and seed.
struct CKAGroup {
    /// The config's split, with the target variant's suffix if the config has several
    /// ("dissimilar", "similar-c100"); both directions of a split share it.
    let split: String
    /// "A→B" (the config split's A classes are the source) or "B→A".
    let direction: String
    let seed: Int
    /// The bases trained on the direction's source and target tasks.
    let sourceBase: RunSpec
    let targetBase: RunSpec
    /// Nets with copied layers trained on the target (XnY and XnY+ for every n), with the base
    /// each copies from.
    let transferred: [(run: RunSpec, base: RunSpec)]
}

extension ExperimentPlan {
    /// The analysis's one view of the plan: per split folder, seed and target, the two bases and
    /// the transferred nets (random-filter controls have no base to compare with and are left
    /// out). A split folder without transferred nets still gives its two bases' comparison.
    func ckaGroups() -> [CKAGroup] {
        var groups: [CKAGroup] = []
        for targetBase in runs where targetBase.family == .baseB {
            // The config's split plus the target variant's suffix: "dissimilar-BA-c100" → "dissimilar-c100".
            let oriented = targetBase.splitGroup + targetBase.direction.nameSuffix
            let split = targetBase.splitGroup + targetBase.split.name.dropFirst(oriented.count)
            let mates = runs.filter { $0.split.name == targetBase.split.name && $0.seed == targetBase.seed }
            guard let sourceBase = runs.first(where: {
                $0.family == .baseA && $0.splitGroup == targetBase.splitGroup && $0.direction == targetBase.direction
                    && $0.seed == targetBase.seed
            }) else { continue }
            let transferred = mates.compactMap { run in base(of: run).map { (run: run, base: $0) } }
            var targets = Set(transferred.map(\.run.family.target))
            if targets.isEmpty { targets = [.b] }
            for target in [TaskSide.b, .a] where targets.contains(target) {
                // A net trained on the oriented split's A (AnA, BnA) runs the other way round.
                let direction = target == .b ? targetBase.direction
                    : (targetBase.direction == .forward ? .reverse : .forward)
                groups.append(CKAGroup(
                    split: split, direction: direction.rawValue, seed: targetBase.seed,
                    sourceBase: target == .b ? sourceBase : targetBase, targetBase: target == .b ? targetBase : sourceBase,
                    transferred: transferred.filter { $0.run.family.target == target }))
            }
        }
        return groups
    }
}
