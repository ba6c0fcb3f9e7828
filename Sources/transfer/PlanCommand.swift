import ArgumentParser
import Experiments
import Foundation

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "List every run of a config with its status: done, missing, resumable, stale, corrupt, failed, running.")

    @OptionGroup var options: ConfigOptions

    @Flag(help: "List only runs that are not done; exit non-zero if there are any.")
    var failures = false

    func run() throws {
        let (config, plan, layout) = try options.load()
        var counts: [String: Int] = [:]
        var notDone = 0
        print("experiment \(config.name) (config \(config.hash.prefix(12))): \(plan.runs.count) runs")
        for warning in config.warnings { print("warning: \(warning)") }
        let identical = RunReuse(root: layout.root, excluding: layout.experiment)
        var adoptable = 0
        for run in plan.runs {
            let status = RunStatus.of(run, in: layout)
            counts[status.word, default: 0] += 1
            if !status.isDone { notDone += 1 }
            if failures && status.isDone { continue }
            var base = plan.base(of: run).map { " ← \($0.split.name)/\($0.label)" } ?? ""
            if !status.isDone, let origin = identical.origin(of: run) {
                base += "  (same run done in \(origin): a sweep adopts it)"
                adoptable += 1
            }
            let budget = "\(run.training.iterations)×\(run.training.batchSize)\(run.isSource ? " (source)" : "")"
            print("\(run.id)  \(run.qualifiedName.padding(toLength: 34, withPad: " ", startingAt: 0))  "
                  + "\(budget.padding(toLength: 18, withPad: " ", startingAt: 0))  \(status)\(base)")
        }
        print(counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
              + (adoptable > 0 ? "; \(adoptable) of the runs not done are done in another experiment" : ""))
        if failures && notDone > 0 { throw ExitCode.failure }
    }
}
