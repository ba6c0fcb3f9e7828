import ArgumentParser
import Experiments
import Foundation

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Layer similarity (linear CKA) of a finished study's nets: cka.csv, cka-<split>.svg, cka.md.")

    @OptionGroup var options: ConfigOptions

    @Option(help: "Compute threads (default: the config's, else all cores).")
    var threads: Int?

    @Flag(help: "No progress lines.")
    var quiet = false

    func run() throws {
        let (config, plan, layout) = try options.load()
        let threads = self.threads ?? (config.threads > 0 ? config.threads : ProcessInfo.processInfo.activeProcessorCount)
        let analysis = CKAAnalysis(plan: plan, layout: layout, threads: threads) { line in
            if !quiet { print(line) }
        }
        let started = Date()
        let rows = try reportOrFail { try analysis.compute() }
        let provenance = try reportOrFail { try analysis.provenance() }
        let files = try reportOrFail {
            try CKAReport.write(rows: rows, config: config, provenance: provenance, to: layout.experimentDirectory)
        }
        for url in files { print("wrote \(url.path)") }
        for line in CKAReport.summaryLines(rows: rows, threshold: config.analysis.ckaThreshold) { print(line) }
        print(String(format: "%d similarities in %.1f s", rows.count, Date().timeIntervalSince(started)))
    }
}
