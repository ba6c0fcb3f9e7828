/// Resources and paths for the generated sbatch scripts.
///
/// Resource options become `#SBATCH` lines in every script (so a script can be resubmitted by
/// hand); the submitter adds only `--parsable`, `--kill-on-invalid-dep=yes` and `--dependency`.
/// Relative paths are resolved against `workingDirectory`, which is also the jobs' `--chdir`.
public struct SlurmOptions: Sendable, Hashable {
    /// `--partition`; nil uses the cluster's default partition.
    public var partition: String?
    /// `--account`; nil uses the user's default account.
    public var account: String?
    /// `--time` wall-clock limit per task, "HH:MM:SS" (or any format sbatch accepts).
    public var time: String?
    /// `--cpus-per-task`; each run gets `--threads` equal to this.
    public var cpusPerTask: Int
    /// `--mem` per task, e.g. "4G"; nil uses the partition's default.
    public var mem: String?
    /// More sbatch options, one per entry, each starting with "-" (e.g. "--qos=short").
    public var extraSbatch: [String]
    /// Path of the `transfer` executable the tasks run.
    public var transferBinary: String
    /// Path of the experiment config given to every `transfer` command.
    public var configPath: String
    /// The results folder every task reads and writes (shared by all nodes on a real cluster).
    public var resultsDirectory: String
    /// Directory the jobs run in (`--chdir`); nil means the current directory at writing time.
    public var workingDirectory: String?
    /// Largest job array the cluster accepts (Slurm's `MaxArraySize`, 1001 by default).
    public var maxArraySize: Int

    public init(
        partition: String? = nil,
        account: String? = nil,
        time: String? = nil,
        cpusPerTask: Int = 1,
        mem: String? = nil,
        extraSbatch: [String] = [],
        transferBinary: String,
        configPath: String,
        resultsDirectory: String = "results",
        workingDirectory: String? = nil,
        maxArraySize: Int = 1001
    ) {
        self.partition = partition
        self.account = account
        self.time = time
        self.cpusPerTask = cpusPerTask
        self.mem = mem
        self.extraSbatch = extraSbatch
        self.resultsDirectory = resultsDirectory
        self.transferBinary = transferBinary
        self.configPath = configPath
        self.workingDirectory = workingDirectory
        self.maxArraySize = maxArraySize
    }
}
