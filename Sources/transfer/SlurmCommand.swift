import ArgumentParser
import Experiments
import Foundation
import Slurm

struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write (and with --submit, submit) the missing runs as Slurm job arrays, one per wave of the plan.",
        discussion: """
            Scripts go to results/<experiment>/slurm/: wave-0.sbatch (runs with no pending base), wave-1.sbatch \
            (afterok on wave 0), …, finalize.sbatch (afterany: reports failures, writes tables and the figure). \
            Runs already done are left out, so resubmitting after a failure runs only what is missing. \
            The results folder must be shared by all nodes.
            """)

    @OptionGroup var options: ConfigOptions

    @Flag(help: "Submit the scripts with sbatch (otherwise only write them).")
    var submit = false

    @Option(help: "Slurm partition.") var partition: String?
    @Option(help: "Slurm account.") var account: String?
    @Option(help: "Time limit per task, HH:MM:SS.") var time: String?
    @Option(help: "CPUs per task (each run's compute threads).") var cpusPerTask: Int = 1
    @Option(help: "Memory per task, e.g. 2G.") var mem: String?
    @Option(help: "An extra #SBATCH option, e.g. --qos=short (repeatable).") var extraSbatch: [String] = []

    func validate() throws {
        try OptionLimits.check("cpus-per-task", cpusPerTask, OptionLimits.threads)
    }

    func run() throws {
        let (config, plan, layout) = try options.load()
        let data = try LoadedData.load(config.dataset, mean: config.training.mean)
        try plan.validateData(file: options.config, data: data)
        var done = Set<String>()
        for run in plan.runs where RunStatus.of(run, in: layout).isDone { done.insert(run.id) }
        let pending = plan.runs.filter { !done.contains($0.id) }.map { run in
            SlurmRunSpec(id: run.id, label: run.label, split: run.split.name, seed: run.seed,
                         dependencies: run.baseID.map { done.contains($0) ? [] : [$0] } ?? [])
        }
        guard !pending.isEmpty else {
            print("all \(plan.runs.count) runs of \(config.name) are done; nothing to submit (transfer table writes the tables)")
            return
        }
        let writer = SlurmScriptWriter(experiment: config.name, options: SlurmOptions(
            partition: partition, account: account, time: time, cpusPerTask: cpusPerTask, mem: mem,
            extraSbatch: extraSbatch, transferBinary: currentExecutable.path, configPath: options.config,
            resultsDirectory: options.results, workingDirectory: FileManager.default.currentDirectoryPath))
        let batch = try reportOrFail { try writer.write(pending, to: layout.slurmDirectory) }
        print("wrote \(batch.waves.count) wave(s) for \(pending.count) run(s) (\(done.count) done) to \(batch.directory.path)")
        for wave in batch.waves { print("  \(wave.script.lastPathComponent): \(wave.runs.count) run(s)") }
        guard submit else {
            print("submit with: transfer slurm \(options.config) --submit   (or sbatch the scripts in order)")
            return
        }
        let submission = try reportOrFail { try SlurmSubmitter().submit(batch) }
        for (wave, id) in zip(batch.waves, submission.waveJobIDs) { print("submitted \(wave.step): job \(id)") }
        print("submitted finalize: job \(submission.finalizeJobID)")
        print("job ids are in \(batch.jobsFile.path); follow with: \(submission.followCommand)")
    }
}
