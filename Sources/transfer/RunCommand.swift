import ArgumentParser
import Experiments
import Foundation

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
        let (config, plan, layout) = try options.load()
        let spec = try plan.find(label: label, split: split, seed: seed)
        let status = RunStatus.of(spec, in: layout)
        if status.isDone && !force {
            if !quiet { print("[skip] \(spec.qualifiedName): \(status)") }
            return
        }
        if force { try? FileManager.default.removeItem(at: layout.record(spec)) }
        let env = ProcessInfo.processInfo.environment
        let resolvedThreads = threads ?? (config.threads > 0 ? config.threads : nil)
            ?? env["SLURM_CPUS_PER_TASK"].flatMap(Int.init) ?? ProcessInfo.processInfo.activeProcessorCount
        let trainer = RunTrainer(plan: plan, run: spec, options: RunOptions(
            layout: layout, threads: max(1, resolvedThreads), echo: !quiet, stopAfterSteps: stopAfter))
        do {
            try trainer.execute()
        } catch {
            throw fail("\(spec.qualifiedName): \(error)")
        }
    }
}
