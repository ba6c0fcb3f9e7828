import ArgumentParser
import Experiments
import Foundation
import Records
import Reports

/// The records of a config's finished runs: records with the run's current id (stale ones,
/// made under another config, are left out). Checkpoints are not needed. A record that cannot
/// be read (damaged, or of an unknown treatment) is left out with a warning naming its file.
func doneRecords(_ plan: ExperimentPlan, _ layout: ResultsLayout) -> [RunRecord] {
    let (records, unreadable) = RunStatus.records(of: plan, in: layout)
    for error in unreadable { FileHandle.standardError.write(Data("warning: left out: \(error)\n".utf8)) }
    return records
}

extension ConfigOptions {
    /// The config, its results layout and the records of its finished runs; an error when there are none.
    func finishedRecords() throws -> (ExperimentConfig, ResultsLayout, [RunRecord]) {
        let (config, plan, layout) = try load()
        let records = doneRecords(plan, layout)
        guard !records.isEmpty else { throw fail("no finished runs of \(config.name) under \(layout.experimentDirectory.path)") }
        return (config, layout, records)
    }
}

struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Write top1.csv and top1.md per split, summary.md, compute.md, figure.svg and sources.svg (and transfer_benefit.* for target sizes) from the run records.")

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let (config, layout, records) = try options.finishedRecords()
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
        let (config, layout, records) = try options.finishedRecords()
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
        guard try reportOrFail({ try ResultsCleaning.removeExperimentDirectory(layout) }) else {
            print("nothing to clean at \(dir.path)")
            return
        }
        print("removed \(dir.path)")
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a browsable HTML report of an experiment to results/<experiment>/report/ (open index.html).",
        discussion: """
            One page per finished run (training curves, confusion heat map, per-class metrics, ROC curves, links \
            to its files) and an index with the config, provenance, figure and change-vs-base tables linked to the \
            runs. Plain HTML, inline SVG and one CSS file. Runs whose metrics.json or checkpoint cannot be read get \
            a page that says why; they are listed and the exit status is non-zero.
            """)

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let (config, plan, layout) = try options.load()
        let site = try reportOrFail { try ReportSite.write(plan: plan, layout: layout) }
        let index = layout.experimentDirectory.appendingPathComponent("report/index.html")
        print("wrote \(site.files.count) files; open \(index.path)")
        guard site.problems.isEmpty else {
            for problem in site.problems { print("not documented: \(problem)") }
            throw fail("\(site.problems.count) problem(s) in the report of \(config.name)")
        }
    }
}
