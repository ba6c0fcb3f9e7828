import Foundation
import Storage

/// Runs a plan's missing runs in dependency order, several side by side, each in its own
/// `transfer run` process with its own compute threads; skips what is done.
public struct Sweep {
    public struct Options: Sendable {
        public var jobs: Int
        public var only: String?
        public var force: Bool
        /// Threads per run (≥ 1).
        public var threadsPerRun: Int
        /// The `transfer` executable that runs one run.
        public var executable: URL
        public var configPath: String
        public var echo: Bool

        public init(jobs: Int, only: String?, force: Bool, threadsPerRun: Int, executable: URL, configPath: String,
                    echo: Bool = true) {
            self.jobs = jobs; self.only = only; self.force = force; self.threadsPerRun = threadsPerRun
            self.executable = executable; self.configPath = configPath; self.echo = echo
        }
    }

    /// What a sweep did. Every selected run is in exactly one list.
    public struct Summary: Sendable {
        public var computed: [RunSpec] = []
        public var reused: [RunSpec] = []
        /// Runs copied from another experiment's identical run (`RunReuse`).
        public var adopted: [RunSpec] = []
        /// Runs another process was training: this sweep waited, and that process finished them.
        public var waited: [RunSpec] = []
        public var failed: [(RunSpec, String)] = []
        /// Runs that could not start because a run they depend on failed (or the sweep was stopped).
        public var blocked: [(RunSpec, String)] = []
        /// The signal that stopped the sweep (its children were stopped with it).
        public var interrupted: Int32?
        public var succeeded: Bool { failed.isEmpty && blocked.isEmpty && interrupted == nil }
        public var count: Int {
            computed.count + reused.count + adopted.count + waited.count + failed.count + blocked.count
        }
    }

    /// Exit status of `transfer run` when another process holds the run's lock.
    public static let busyExitStatus: Int32 = 75
    /// Exit status of a sweep's `transfer run` child that found its run done by another process.
    public static let alreadyDoneExitStatus: Int32 = 76

    public let plan: ExperimentPlan
    public let layout: ResultsLayout
    public let options: Options

    public init(plan: ExperimentPlan, layout: ResultsLayout, options: Options) {
        self.plan = plan
        self.layout = layout
        self.options = options
    }

    func say(_ text: String) {
        guard options.echo else { return }
        print(text)
        flushStandardOutput()
    }

    /// The run to launch next among those whose base is done: runs that others wait for first
    /// (most dependents, then the longest), then the longest (images seen; a frozen run counts
    /// less), then plan order — so the long source nets start at once and the sweep does not end
    /// with one core idle behind them.
    static func next(in todo: [RunSpec], pending: Set<String>, dependents: [String: Int]) -> Int? {
        func cost(_ run: RunSpec) -> Double {
            let images = Double(run.training.iterations * run.training.batchSize)
            return run.family.fineTuned || run.n == nil ? images : images * 0.3
        }
        var best: (index: Int, key: (Int, Double))?
        for (index, run) in todo.enumerated() {
            if let baseID = run.baseID, pending.contains(baseID) { continue }
            let key = (dependents[run.id] ?? 0, cost(run))
            if best == nil || key.0 > best!.key.0 || (key.0 == best!.key.0 && key.1 > best!.key.1) { best = (index, key) }
        }
        return best?.index
    }

    /// Runs everything selected that is not done; returns what happened to each run.
    public func run() throws -> Summary {
        let swept = TempFileSweep.sweep(layout.experimentDirectory)
        if !swept.isEmpty { say("removed \(swept.count) leftover temp file(s) of interrupted writes") }
        var state = SweepState(selected: selection())
        let identical = options.force ? nil : RunReuse(root: layout.root, excluding: layout.experiment)
        for run in state.selected {
            let status = RunStatus.of(run, in: layout)
            if status.isDone && !options.force {
                say("[skip] \(run.qualifiedName): done")
                state.summary.reused.append(run)
            } else if case .running = status {
                state.wait(for: run, sweep: self)
            } else if try adopt(run, from: identical) {
                state.summary.adopted.append(run)
            } else {
                state.todo.append(run)
            }
        }
        state.pendingIDs = Set(state.todo.map(\.id) + state.waiting.map(\.id))
        state.total = state.todo.count + state.waiting.count
        state.dependents = Dictionary(grouping: state.todo.compactMap(\.baseID)) { $0 }.mapValues(\.count)
        say("sweep \(plan.config.name): \(state.total) to run, \(state.summary.reused.count) done, "
            + (state.summary.adopted.isEmpty ? "" : "\(state.summary.adopted.count) adopted from other experiments, ")
            + "\(options.jobs) at a time, \(options.threadsPerRun) thread(s) each")
        let children = ChildProcesses()
        children.startForwarding()
        defer { children.stopForwarding() }
        while state.hasWork {
            if let signal = children.received {
                state.stop(signal: signal, children: children, sweep: self)
                break
            }
            try state.launchReady(sweep: self, children: children)
            Thread.sleep(forTimeInterval: 0.2)
            state.reapFinished(sweep: self, children: children)
            state.resolveWaiting(sweep: self)
        }
        let s = state.summary
        let elapsed = Date().timeIntervalSince(state.start)
        let utilisation = elapsed > 0 ? state.busySeconds / (elapsed * Double(options.jobs)) : 0
        say("sweep \(plan.config.name): computed \(s.computed.count), reused \(s.reused.count), "
            + (s.adopted.isEmpty ? "" : "adopted \(s.adopted.count), ") + "waited for \(s.waited.count), failed \(s.failed.count), blocked \(s.blocked.count) of \(state.selected.count) in \(formatDuration(elapsed))"
            + (state.total > 0 ? String(format: "; job slots busy %.0f %% of the time", utilisation * 100) : ""))
        return s
    }

    /// Copies `run` from another experiment's identical run when there is a usable one (a run
    /// another process holds is left alone); says what it did.
    private func adopt(_ run: RunSpec, from identical: RunReuse?) throws -> Bool {
        guard let identical, identical.has(run) else { return false }
        do {
            switch try identical.adopt(run, config: plan.config, into: layout) {
            case .adopted(let origin)?:
                say("[adopt] \(run.qualifiedName): the same run (id \(run.id)) is done in \(origin); copied")
                return true
            case .skipped(let origin, let reason)?:
                say("[train] \(run.qualifiedName): the same run in \(origin) cannot be used (\(reason))")
                return false
            case nil: return false
            }
        } catch RunLock.Failure.busy {
            return false
        }
    }

    /// The selected runs, with the bases of selected runs that are not done.
    private func selection() -> [RunSpec] {
        var selected = plan.matching(options.only)
        for run in selected {
            if let base = plan.base(of: run), !selected.contains(base), !RunStatus.of(base, in: layout).isDone {
                selected.insert(base, at: 0)
            }
        }
        return selected
    }

    /// Starts `transfer run` for one run; its stderr goes to a file of this sweep's own.
    func launch(_ run: RunSpec) throws -> Process {
        let p = Process()
        p.executableURL = options.executable
        var args = ["run", options.configPath, "--run", run.label, "--split", run.split.name, "--seed", String(run.seed),
                    "--threads", String(options.threadsPerRun), "--results", layout.root.path, "--quiet"]
        if options.force { args.append("--force") }
        p.arguments = args
        p.environment = ChildProcesses.childEnvironment()
        try FileManager.default.createDirectory(at: layout.runDirectory(run), withIntermediateDirectories: true)
        let errURL = attemptLog(run)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = try FileHandle(forWritingTo: errURL)
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// This sweep's stderr file for a run's attempt (another sweep never writes it).
    func attemptLog(_ run: RunSpec) -> URL {
        layout.runDirectory(run).appendingPathComponent("stderr-\(getpid()).log")
    }

    /// Keeps an attempt's stderr as the run's `stderr.log` (busy attempts leave nothing).
    func keepAttemptLog(_ run: RunSpec, busy: Bool) {
        let attempt = attemptLog(run)
        if busy { try? FileManager.default.removeItem(at: attempt); return }
        _ = rename(attempt.path, layout.runDirectory(run).appendingPathComponent("stderr.log").path)
    }

    func failureReason(_ run: RunSpec, exitCode: Int32) -> String {
        let text = (try? String(contentsOf: attemptLog(run), encoding: .utf8)) ?? ""
        let last = text.split(separator: "\n").last.map(String.init)
        return last ?? "exit status \(exitCode)"
    }
}
