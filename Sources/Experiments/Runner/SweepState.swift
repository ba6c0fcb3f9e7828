import Foundation
import Storage

/// The moving parts of one sweep: what is left to run, running, or waited for (another
/// process holds its lock), and the summary so far.
struct SweepState {
    let selected: [RunSpec]
    var summary = Sweep.Summary()
    var todo: [RunSpec] = []
    var running: [(run: RunSpec, process: Process, started: Date)] = []
    var waiting: [RunSpec] = []
    /// Runs not finished yet in this sweep (their dependents wait).
    var pendingIDs: Set<String> = []
    var finishedSeconds: [Double] = []
    var total = 0
    /// Runs that others depend on, by id: how many (launched first).
    var dependents: [String: Int] = [:]
    /// Seconds job slots were busy (the closing line's utilisation).
    var busySeconds = 0.0
    let start = Date()

    init(selected: [RunSpec]) { self.selected = selected }

    var hasWork: Bool { !todo.isEmpty || !running.isEmpty || !waiting.isEmpty }
    private var finishedCount: Int { summary.computed.count + summary.waited.count + summary.failed.count }

    mutating func wait(for run: RunSpec, sweep: Sweep) {
        sweep.say("[wait] \(run.qualifiedName): another process is training it; waiting for it to finish")
        waiting.append(run)
    }

    /// Launches every run whose base is ready, up to the job limit.
    mutating func launchReady(sweep: Sweep, children: ChildProcesses) throws {
        while running.count < sweep.options.jobs,
              let index = Sweep.next(in: todo, pending: pendingIDs, dependents: dependents) {
            let run = todo.remove(at: index)
            let process = try sweep.launch(run)
            children.add(process.processIdentifier)
            running.append((run, process, Date()))
        }
    }

    /// Books every child that has ended: done, busy elsewhere (then waited for), or failed.
    mutating func reapFinished(sweep: Sweep, children: ChildProcesses) {
        for (i, entry) in running.enumerated().reversed() where !entry.process.isRunning {
            running.remove(at: i)
            children.remove(entry.process.processIdentifier)
            let code = entry.process.terminationStatus
            busySeconds += Date().timeIntervalSince(entry.started)
            sweep.keepAttemptLog(entry.run, busy: code == Sweep.busyExitStatus || code == Sweep.alreadyDoneExitStatus)
            if code == Sweep.busyExitStatus {
                wait(for: entry.run, sweep: sweep)
                continue
            }
            if code == Sweep.alreadyDoneExitStatus {
                waiting.append(entry.run)  // booked as finished elsewhere by resolveWaiting
                continue
            }
            pendingIDs.remove(entry.run.id)
            let seconds = Date().timeIntervalSince(entry.started)
            let done = finishedCount + 1
            if code == 0, case .done(let record) = RunStatus.of(entry.run, in: sweep.layout) {
                summary.computed.append(entry.run)
                finishedSeconds.append(seconds)
                let mean = finishedSeconds.reduce(0, +) / Double(finishedSeconds.count)
                let eta = Double(total - done) * mean / Double(max(1, sweep.options.jobs))
                sweep.say(String(format: "[%d/%d] %@: top-1 %.4f in %@ (elapsed %@, ETA %@)", done, total,
                                 entry.run.qualifiedName, record.top1, formatDuration(seconds),
                                 formatDuration(Date().timeIntervalSince(start)), formatDuration(eta)))
            } else {
                let reason = sweep.failureReason(entry.run, exitCode: code)
                summary.failed.append((entry.run, reason))
                sweep.say("[\(done)/\(total)] FAILED \(entry.run.qualifiedName): \(reason)")
                blockDependents(of: entry.run, reason: "its base \(entry.run.qualifiedName) failed", sweep: sweep)
            }
        }
    }

    /// A waited-for run whose lock is free: done by the other process, or ours to (re)run.
    mutating func resolveWaiting(sweep: Sweep) {
        for (i, run) in waiting.enumerated().reversed() where !RunLock.isHeld(sweep.layout.lock(run)) {
            waiting.remove(at: i)
            if case .done = RunStatus.of(run, in: sweep.layout) {
                pendingIDs.remove(run.id)
                summary.waited.append(run)
                sweep.say("[\(finishedCount)/\(total)] \(run.qualifiedName): finished by the other process")
            } else {
                todo.insert(run, at: 0)
            }
        }
    }

    /// Dependents (transitively) of a failed run will not start.
    mutating func blockDependents(of failed: RunSpec, reason: String, sweep: Sweep) {
        let dependents = todo.filter { $0.baseID == failed.id } + waiting.filter { $0.baseID == failed.id }
        todo.removeAll { $0.baseID == failed.id }
        waiting.removeAll { $0.baseID == failed.id }
        for run in dependents {
            summary.blocked.append((run, reason))
            sweep.say("[blocked] \(run.qualifiedName): \(reason)")
            pendingIDs.remove(run.id)
            blockDependents(of: run, reason: "its base \(run.qualifiedName) did not run", sweep: sweep)
        }
    }

    /// A signal arrived: the children have it too; wait for them, and book what is left.
    mutating func stop(signal: Int32, children: ChildProcesses, sweep: Sweep) {
        sweep.say("sweep stopped by signal \(signal): stopping \(running.count) run(s) (each resumes from its last checkpoint)")
        let deadline = Date().addingTimeInterval(30)
        while running.contains(where: { $0.process.isRunning }) && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        for entry in running {
            if entry.process.isRunning { kill(entry.process.processIdentifier, SIGKILL) }  // did not stop in 30 s
            entry.process.waitUntilExit()
            children.remove(entry.process.processIdentifier)
            sweep.keepAttemptLog(entry.run, busy: false)
            summary.blocked.append((entry.run, "stopped by signal \(signal)"))
        }
        for run in todo + waiting { summary.blocked.append((run, "not started: the sweep was stopped")) }
        running = []
        todo = []
        waiting = []
        summary.interrupted = signal
    }
}
