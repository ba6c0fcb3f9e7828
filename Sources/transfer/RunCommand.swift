import ArgumentParser
import Experiments
import Foundation
import Storage

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train, checkpoint and evaluate one run of a config (resumes an interrupted run).")

    @OptionGroup var options: ConfigOptions

    @Option(name: .customLong("run"), help: "The run label: baseA, baseB, A3B, A3B+, B5B, B5B+, random2B, B3A, …")
    var label: String

    @Option(help: "The split name from the config (e.g. similar, dissimilar).")
    var split: String

    @Option(help: "The seed (needed when the config has several).")
    var seed: Int?

    @Option(help: "Compute threads (default: the config's, else SLURM_CPUS_PER_TASK, else all cores).")
    var threads: Int?

    @Flag(help: "Retrain even when the run is done.")
    var force = false

    @Flag(help: "No progress on stdout (the run's train.log is still written).")
    var quiet = false

    @Option(help: .hidden)
    var stopAfter: Int?

    func validate() throws {
        try OptionLimits.check("threads", threads, OptionLimits.threads)
        try OptionLimits.check("seed", seed, ConfigLimits.seed)
        try OptionLimits.check("stop-after", stopAfter, ConfigLimits.iterations)
    }

    func run() throws {
        ParentDeath.bind()
        let (config, plan, layout) = try options.load()
        let spec = try plan.find(label: label, split: split, seed: seed)
        let status = RunStatus.of(spec, in: layout)
        if case .running = status { throw busy(spec) }
        if status.isDone && !force { return try alreadyDone(spec, status) }
        if force { try? FileManager.default.removeItem(at: layout.record(spec)) }
        let env = ProcessInfo.processInfo.environment
        let resolvedThreads = threads ?? (config.threads > 0 ? config.threads : nil)
            ?? env["SLURM_CPUS_PER_TASK"].flatMap(Int.init) ?? ProcessInfo.processInfo.activeProcessorCount
        let trainer = RunTrainer(plan: plan, run: spec, options: RunOptions(
            layout: layout, threads: max(1, resolvedThreads), echo: !quiet, stopAfterSteps: stopAfter, skipIfDone: !force,
            releaseDataset: true))
        do {
            try trainer.execute()
        } catch RunLock.Failure.busy {
            throw busy(spec)
        } catch RunError.alreadyDone {
            try alreadyDone(spec, RunStatus.of(spec, in: layout))
        } catch {
            throw fail("\(spec.qualifiedName): \(error)")
        }
    }

    /// A done run is skipped; a sweep's child says so with `Sweep.alreadyDoneExitStatus`, so the
    /// sweep does not count it as computed.
    private func alreadyDone(_ spec: RunSpec, _ status: RunStatus) throws {
        if !quiet { print("[skip] \(spec.qualifiedName): \(status)") }
        if ProcessInfo.processInfo.environment[ChildProcesses.parentVariable] != nil {
            throw ExitCode(Sweep.alreadyDoneExitStatus)
        }
    }

    /// Another process holds the run: say so and exit with `Sweep.busyExitStatus` (a sweep then waits).
    private func busy(_ spec: RunSpec) -> ExitCode {
        FileHandle.standardError.write(Data("busy: \(spec.qualifiedName): another process is training it\n".utf8))
        return ExitCode(Sweep.busyExitStatus)
    }
}
