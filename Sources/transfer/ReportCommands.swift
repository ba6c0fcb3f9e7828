import ArgumentParser
import Experiments
import Foundation

/// The records of a config's finished runs: records with the run's current id (stale ones,
/// made under another config, are left out). Checkpoints are not needed.
func doneRecords(_ plan: ExperimentPlan, _ layout: ResultsLayout) -> [RunRecord] {
    plan.runs.compactMap { RunStatus.record(of: $0, in: layout) }
}

struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Write top1.csv and top1.md per split, summary.md and figure.svg from the run records.")

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let (config, plan, layout) = try options.load()
        let records = doneRecords(plan, layout)
        guard !records.isEmpty else { throw fail("no finished runs of \(config.name) under \(layout.experimentDirectory.path)") }
        for url in try ReportWriter.write(records: records, to: layout.experimentDirectory, experiment: config.name) {
            print("wrote \(url.path)")
        }
    }
}

struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot", abstract: "Draw figure.svg (top-1 vs n per treatment; change vs base) from the run records.")

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let (config, plan, layout) = try options.load()
        let records = doneRecords(plan, layout)
        guard !records.isEmpty else { throw fail("no finished runs of \(config.name) under \(layout.experimentDirectory.path)") }
        let url = layout.experimentDirectory.appendingPathComponent("figure.svg")
        try ReportWriter.writeAtomically(TransferFigure.svg(records: records, experiment: config.name), to: url)
        print("wrote \(url.path)")
    }
}

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean", abstract: "Delete a config's results folder (checkpoints, records, tables).")

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let (_, _, layout) = try options.load()
        let dir = layout.experimentDirectory
        guard FileManager.default.fileExists(atPath: dir.path) else { print("nothing to clean at \(dir.path)"); return }
        try FileManager.default.removeItem(at: dir)
        print("removed \(dir.path)")
    }
}
