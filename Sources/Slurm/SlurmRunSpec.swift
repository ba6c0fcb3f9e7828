/// One run of the plan as Slurm sees it: what one array task executes.
///
/// `dependencies` are ids of other runs that must succeed first. Runs that are already done are
/// left out by the caller; a dependency on an id that is not in the submitted list counts as
/// satisfied.
public struct SlurmRunSpec: Sendable, Hashable {
    /// Unique id of the run within the plan (e.g. "similar/AnB+3/seed0").
    public var id: String
    /// The run label given to `transfer run --run` (e.g. "AnB+3").
    public var label: String
    /// The split given to `--split` (e.g. "similar").
    public var split: String
    /// The seed given to `--seed`.
    public var seed: Int
    /// Ids of runs that must finish successfully before this one starts.
    public var dependencies: [String]

    public init(id: String, label: String, split: String, seed: Int, dependencies: [String] = []) {
        self.id = id
        self.label = label
        self.split = split
        self.seed = seed
        self.dependencies = dependencies
    }
}
