import ArgumentParser
import Experiments
import Foundation
import Reports

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run every missing run of a config in dependency order, then write the tables and figure.")

    @OptionGroup var options: ConfigOptions

    @Option(help: "Runs side by side (each gets cores/jobs compute threads).")
    var jobs: Int = 1

    @Option(help: "Only runs matching this glob, on \"split/label/seedK\" or the label (e.g. 'similar/A*B+/*', 'baseB').")
    var only: String?

    @Flag(help: "Rerun selected runs even when done.")
    var force = false

    func validate() throws {
        try OptionLimits.check("jobs", jobs, OptionLimits.jobs)
    }

    func run() throws {
        let (config, plan, layout) = try options.load()
        for warning in config.warnings { print("warning: \(warning)") }
        try reportOrFail { try ConfigLimits.checkConcurrent(config, jobs: jobs, file: options.config) }
        let data = try LoadedData.load(config.dataset, mean: config.training.mean)
        try plan.validateData(file: options.config, data: data)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let threads = jobs == 1 && config.threads > 0 ? config.threads : max(1, cores / jobs)
        let sweep = Sweep(plan: plan, layout: layout, options: .init(
            jobs: jobs, only: only, force: force, threadsPerRun: threads, executable: currentExecutable,
            configPath: options.config))
        let summary = try sweep.run()
        if let signal = summary.interrupted { throw ExitCode(128 + signal) }
        let records = doneRecords(plan, layout)
        if !records.isEmpty {
            let written = try ReportWriter.write(records: records, to: layout.experimentDirectory, experiment: config.name)
            print("wrote \(written.map { $0.path }.joined(separator: ", "))")
            let site = try ReportSite.write(plan: plan, layout: layout)
            print("wrote the HTML report: \(layout.experimentDirectory.appendingPathComponent("report/index.html").path)")
            for problem in site.problems { print("report: not documented: \(problem)") }
        }
        if !summary.succeeded {
            for (run, why) in summary.failed { print("failed: \(run.qualifiedName): \(why)") }
            for (run, why) in summary.blocked { print("not started: \(run.qualifiedName): \(why)") }
            throw ExitCode.failure
        }
    }
}
