import ArgumentParser
import Experiments
import Foundation

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print a config resolved: every default filled in, as the runs record and hash it (JSON, sorted keys).")

    @Argument(help: "The experiment config (JSON), e.g. configs/default.json.")
    var config: String

    func run() throws {
        let resolved = try ExperimentConfig.load(URL(fileURLWithPath: config))
        print(resolved.resolvedJSON)
        for warning in resolved.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
    }
}
