import ArgumentParser
import Experiments
import Foundation

/// `transfer`: rerun and vary Yosinski et al. (2014), "How transferable are features in deep
/// neural networks?", on the CPU.
@main
struct Transfer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer",
        abstract: "Reproduce and vary Yosinski et al. (2014): how transferable are features in deep neural networks?",
        subcommands: [SweepCommand.self, RunCommand.self, PlanCommand.self, ConfigCommand.self, TableCommand.self, PlotCommand.self, ReportCommand.self,
                      AnalyzeCommand.self, EvalCommand.self, MetricsCommand.self, InspectCommand.self, BenchCommand.self,
                      SlurmCommand.self, CleanCommand.self])
}

/// Options every config-driven subcommand shares.
struct ConfigOptions: ParsableArguments {
    @Argument(help: "The experiment config (JSON), e.g. configs/default.json.")
    var config: String

    @Option(help: "The results folder (results/<experiment>/… lives under it).")
    var results: String = "results"

    func load() throws -> (ExperimentConfig, ExperimentPlan, ResultsLayout) {
        let config = try ExperimentConfig.load(URL(fileURLWithPath: self.config))
        let layout = ResultsLayout(root: URL(fileURLWithPath: results), experiment: config.name)
        return (config, ExperimentPlan(config), layout)
    }
}

/// Prints an error the way the tool reports every failure, then exits non-zero.
func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    return ExitCode.failure
}

/// The path of this executable (to start `transfer run` children).
var currentExecutable: URL {
    URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        ?? CommandLine.arguments[0])
}
