/// Groups runs into waves by their depth in the dependency DAG.
///
/// Wave 0 holds the runs with no pending dependency (none in the list); wave k holds the runs
/// whose pending dependencies all lie in waves < k, at least one in wave k-1. Within a wave the
/// runs keep the order of the input. Dependencies on ids outside the list count as satisfied.
public enum SlurmWaves {
    /// The waves, in order; empty for no runs. Throws on duplicate ids and dependency cycles.
    public static func group(_ runs: [SlurmRunSpec]) throws(SlurmError) -> [[SlurmRunSpec]] {
        var position: [String: Int] = [:]
        for (index, run) in runs.enumerated() {
            if position[run.id] != nil { throw .duplicateRunID(run.id) }
            position[run.id] = index
        }
        // Pending dependencies (inside the list), without repeats, as indices.
        var remaining = [Int](repeating: 0, count: runs.count)
        var dependents = [[Int]](repeating: [], count: runs.count)
        for (index, run) in runs.enumerated() {
            var seen = Set<Int>()
            for dependency in run.dependencies {
                guard let other = position[dependency], seen.insert(other).inserted else { continue }
                remaining[index] += 1
                dependents[other].append(index)
            }
        }
        // Kahn's algorithm, level by level: a level is exactly the set of runs at that depth.
        var waves: [[SlurmRunSpec]] = []
        var current = runs.indices.filter { remaining[$0] == 0 }
        var placed = 0
        while !current.isEmpty {
            waves.append(current.map { runs[$0] })
            placed += current.count
            var next: [Int] = []
            for index in current {
                for dependent in dependents[index] {
                    remaining[dependent] -= 1
                    if remaining[dependent] == 0 { next.append(dependent) }
                }
            }
            current = next.sorted()
        }
        if placed < runs.count {
            throw .dependencyCycle(runs.indices.filter { remaining[$0] > 0 }.map { runs[$0].id })
        }
        return waves
    }
}
