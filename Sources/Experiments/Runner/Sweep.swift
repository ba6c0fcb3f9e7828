import Foundation

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

    /// What a sweep did.
    public struct Summary: Sendable {
        public var computed: [RunSpec] = []
        public var reused: [RunSpec] = []
        public var failed: [(RunSpec, String)] = []
        /// Runs that could not start because a run they depend on failed or is busy elsewhere.
        public var blocked: [(RunSpec, String)] = []
        public var succeeded: Bool { failed.isEmpty && blocked.isEmpty }
    }

    public let plan: ExperimentPlan
    public let layout: ResultsLayout
    public let options: Options

    public init(plan: ExperimentPlan, layout: ResultsLayout, options: Options) {
        self.plan = plan
        self.layout = layout
        self.options = options
    }

    private func say(_ text: String) {
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

    public func run() throws -> Summary {
        var summary = Summary()
        let swept = TempFileSweep.sweep(layout.experimentDirectory)
        if !swept.isEmpty { say("removed \(swept.count) leftover temp file(s) of interrupted writes") }
        var selected = plan.matching(options.only)
        // Bases of selected runs come along when they are not done.
        for run in selected {
            if let base = plan.base(of: run), !selected.contains(base), !RunStatus.of(base, in: layout).isDone {
                selected.insert(base, at: 0)
            }
        }
        var todo: [RunSpec] = []
        for run in selected {
            let status = RunStatus.of(run, in: layout)
            if status.isDone && !options.force {
                say("[skip] \(run.qualifiedName): done")
                summary.reused.append(run)
            } else if case .running = status {
                say("[busy] \(run.qualifiedName): another process is training it")
                summary.blocked.append((run, "busy in another process"))
            } else {
                todo.append(run)
            }
        }
        let total = todo.count
        say("sweep \(plan.config.name): \(total) to run, \(summary.reused.count) done, \(options.jobs) at a time, \(options.threadsPerRun) thread(s) each")
        var running: [(run: RunSpec, process: Process, started: Date)] = []
        var finishedSeconds: [Double] = []
        var pendingIDs = Set(todo.map(\.id))
        let dependents = Dictionary(grouping: todo.compactMap(\.baseID)) { $0 }.mapValues(\.count)
        let start = Date()
        var busySeconds = 0.0

        func blockDependents(of failed: RunSpec, reason: String) {
            for run in todo where run.baseID == failed.id {
                summary.blocked.append((run, reason))
                say("[blocked] \(run.qualifiedName): \(reason)")
                pendingIDs.remove(run.id)
            }
            todo.removeAll { $0.baseID == failed.id }
        }

        while !todo.isEmpty || !running.isEmpty {
            // Launch every run whose base is ready, up to the job limit.
            var launched = true
            while launched && running.count < options.jobs {
                launched = false
                if let index = Self.next(in: todo, pending: pendingIDs, dependents: dependents) {
                    let run = todo.remove(at: index)
                    let process = try launch(run)
                    running.append((run, process, Date()))
                    launched = true
                }
            }
            // Wait for one to end.
            Thread.sleep(forTimeInterval: 0.2)
            for (i, entry) in running.enumerated().reversed() where !entry.process.isRunning {
                running.remove(at: i)
                pendingIDs.remove(entry.run.id)
                let seconds = Date().timeIntervalSince(entry.started)
                busySeconds += seconds
                let done = summary.computed.count + summary.failed.count + 1
                let status = RunStatus.of(entry.run, in: layout)
                if entry.process.terminationStatus == 0, case .done(let record) = status {
                    summary.computed.append(entry.run)
                    finishedSeconds.append(seconds)
                    let remaining = Double(total - done)
                    let mean = finishedSeconds.reduce(0, +) / Double(finishedSeconds.count)
                    let eta = remaining * mean / Double(max(1, options.jobs))
                    say(String(format: "[%d/%d] %@: top-1 %.4f in %@ (elapsed %@, ETA %@)", done, total,
                               entry.run.qualifiedName, record.top1, formatDuration(seconds),
                               formatDuration(Date().timeIntervalSince(start)), formatDuration(eta)))
                } else {
                    let reason = failureReason(entry.run, exitCode: entry.process.terminationStatus)
                    summary.failed.append((entry.run, reason))
                    say("[\(done)/\(total)] FAILED \(entry.run.qualifiedName): \(reason)")
                    blockDependents(of: entry.run, reason: "its base \(entry.run.qualifiedName) failed")
                }
            }
        }
        let elapsed = Date().timeIntervalSince(start)
        let utilisation = elapsed > 0 ? busySeconds / (elapsed * Double(options.jobs)) : 0
        say("sweep \(plan.config.name): computed \(summary.computed.count), reused \(summary.reused.count), failed \(summary.failed.count), blocked \(summary.blocked.count) in \(formatDuration(elapsed))"
            + (total > 0 ? String(format: "; job slots busy %.0f %% of the time", utilisation * 100) : ""))
        return summary
    }

    private func launch(_ run: RunSpec) throws -> Process {
        let p = Process()
        p.executableURL = options.executable
        var args = ["run", options.configPath, "--run", run.label, "--split", run.split.name, "--seed", String(run.seed),
                    "--threads", String(options.threadsPerRun), "--results", layout.root.path, "--quiet"]
        if options.force { args.append("--force") }
        p.arguments = args
        try FileManager.default.createDirectory(at: layout.runDirectory(run), withIntermediateDirectories: true)
        let errURL = layout.runDirectory(run).appendingPathComponent("stderr.log")
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = try FileHandle(forWritingTo: errURL)
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return p
    }

    private func failureReason(_ run: RunSpec, exitCode: Int32) -> String {
        let errURL = layout.runDirectory(run).appendingPathComponent("stderr.log")
        let text = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        let last = text.split(separator: "\n").last.map(String.init)
        return last ?? "exit status \(exitCode)"
    }
}
