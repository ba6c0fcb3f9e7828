import Checkpoints
import Datasets
import Foundation
import Metrics
import NeuralNet
import Records
import Storage

/// How one run is executed.
public struct RunOptions: Sendable {
    public var layout: ResultsLayout
    /// OpenMP threads of this run's compute thread (≥ 1).
    public var threads: Int
    /// Print progress to stdout (the log file is always written).
    public var echo: Bool
    /// Stop (as if killed) after this many steps of this invocation — for resume tests.
    public var stopAfterSteps: Int?
    /// Finish with `RunError.alreadyDone` when, once the lock is taken, the run turns out done
    /// (another process finished it in the meantime).
    public var skipIfDone: Bool
    /// Free the whole dataset once the run's task is cut out of it (a process that trains one
    /// run); otherwise it stays loaded for the next run of this process.
    public var releaseDataset: Bool

    public init(layout: ResultsLayout, threads: Int, echo: Bool = true, stopAfterSteps: Int? = nil,
                skipIfDone: Bool = false, releaseDataset: Bool = false) {
        self.layout = layout
        self.threads = threads
        self.echo = echo
        self.stopAfterSteps = stopAfterSteps
        self.skipIfDone = skipIfDone
        self.releaseDataset = releaseDataset
    }
}

/// Why a run could not finish.
public enum RunError: Error, CustomStringConvertible {
    case baseNotDone(String, status: String)
    case baseUnusable(String, reason: String)
    case interrupted(step: Int)
    case invalid(String)
    case alreadyDone

    public var description: String {
        switch self {
        case let .baseNotDone(name, status): return "its base run \(name) is not done (\(status))"
        case let .baseUnusable(name, reason): return "the checkpoint of base run \(name) cannot be used: \(reason)"
        case let .interrupted(step): return "stopped on request after step \(step) (resumable)"
        case let .invalid(why): return why
        case .alreadyDone: return "the run is done already (finished by another process)"
        }
    }
}

/// Trains, checkpoints and evaluates one run of a plan: the paper's protocol for one network.
public struct RunTrainer {
    public let plan: ExperimentPlan
    public let run: RunSpec
    public let options: RunOptions
    var config: ExperimentConfig { plan.config }
    var layout: ResultsLayout { options.layout }

    public init(plan: ExperimentPlan, run: RunSpec, options: RunOptions) {
        self.plan = plan
        self.run = run
        self.options = options
    }

    /// Claims the run, trains it (resuming from its last checkpoint when one is usable),
    /// evaluates it on the test set and writes checkpoint, metrics and record.
    /// A failure leaves `failed.txt` with the reason and never a record.
    @discardableResult
    public func execute() throws -> RunRecord {
        let lock = try RunLock(layout.lock(run))
        defer { withExtendedLifetime(lock) {} }
        TempFileSweep.sweep(layout.runDirectory(run))
        if options.skipIfDone, RunStatus.of(run, in: layout, ignoringLock: true).isDone { throw RunError.alreadyDone }
        try? FileManager.default.removeItem(at: layout.failure(run))
        do {
            return try trainAndEvaluate()
        } catch let error as RunError {
            if case .interrupted = error { throw error }
            if case .alreadyDone = error { throw error }
            try? AtomicFile.write(Data("\(error)\n".utf8), to: layout.failure(run))
            throw error
        } catch {
            try? AtomicFile.write(Data("\(error)\n".utf8), to: layout.failure(run))
            throw error
        }
    }

    private func trainAndEvaluate() throws -> RunRecord {
        let started = Date()
        let progress = RunProgress(label: "\(run.split.name)/\(run.directoryName)", logURL: layout.log(run),
                                   echo: options.echo)
        let (task, normalizer) = try loadTask()
        let description = config.network.description(
            inputShape: [task.train.channels, task.train.height, task.train.width], classes: task.classCount)
        if config.network.head == .sigmoid && task.classCount != 2 {
            throw RunError.invalid("a sigmoid head needs a 2-class task; task \(run.family.target.rawValue) has \(task.classCount)")
        }
        var baseCheckpoint: Checkpoint?
        if let base = plan.base(of: run) {
            let status = RunStatus.of(base, in: layout)
            guard status.isDone else { throw RunError.baseNotDone(base.qualifiedName, status: status.description) }
            do { baseCheckpoint = try Checkpoint.read(from: layout.checkpoint(base)) } catch {
                throw RunError.baseUnusable(base.qualifiedName, reason: "\(error)")
            }
        }
        var ownCheckpoint: Checkpoint?
        var unusable: String?
        switch Checkpoint.verify(layout.checkpoint(run)) {
        case .usable(let meta) where meta.runID == run.id: ownCheckpoint = try Checkpoint.read(from: layout.checkpoint(run))
        case .usable, .absent: ownCheckpoint = nil
        case .corrupt(let e): unusable = "\(e)"
        }
        progress.line("attempt: code \(CodeVersion.current), run \(run.id), \(options.threads) thread(s), "
                      + (ownCheckpoint.map { "resuming at step \($0.trainer.step)" } ?? "from step 0"))
        if let unusable { progress.line("ignoring an unusable checkpoint (\(unusable)); training from the start") }
        ComputeThread.shared.threads = options.threads
        let outcome = try ComputeThread.shared.run {
            try RunSession(trainer: self, task: task, description: description, normalizer: normalizer,
                           base: baseCheckpoint, resume: ownCheckpoint, progress: progress).train()
        }
        let scoring = Date()
        let report = try evaluationReport(outcome: outcome, task: task)
        try AtomicFile.write(SealedJSON.seal(try report.jsonData(prettyPrinted: true)), to: layout.metrics(run))
        var record = makeRecord(outcome: outcome, report: report, task: task)
        record.testSeconds = outcome.testSeconds + Date().timeIntervalSince(scoring)
        let attempt = Date().timeIntervalSince(started)
        // The training loop's time over all attempts plus this attempt's set-up and evaluation.
        record.wallSeconds = outcome.trainingSeconds + max(0, attempt - outcome.attemptLoopSeconds)
        try AtomicFile.write(try SealedJSON.encode(record), to: layout.record(run))
        progress.line(Self.doneLine(record, attempt: attempt))
        return record
    }

    /// "done: top-1 …; training steps 95.6 s of 112.4 s (15 % outside: validation 9.8 s, …); peak RSS 735 MiB".
    static func doneLine(_ r: RunRecord, attempt: Double) -> String {
        let wall = r.wallSeconds ?? attempt, steps = r.stepSeconds ?? 0
        let validation = r.validationSeconds ?? 0, checkpoints = r.checkpointSeconds ?? 0, test = r.testSeconds ?? 0
        let setUp = r.setUpSeconds ?? 0
        return String(format: "done: top-1 %.4f, test loss %.4f, %@ this attempt; training steps %.1f s of %.1f s "
                      + "(%.0f %% outside: validation %.1f s, checkpoints %.1f s, test %.1f s, set-up %.1f s); peak RSS %d MiB",
                      r.top1, r.testLoss, formatDuration(attempt), steps, wall, wall > 0 ? 100 * (1 - steps / wall) : 0,
                      validation, checkpoints, test, setUp, (r.peakRSSBytes ?? 0) >> 20)
    }

    /// The run's record, but for its wall time (set once the attempt is over).
    private func makeRecord(outcome: RunSession.Outcome, report: EvaluationReport, task: DatasetTask) -> RunRecord {
        var record = RunRecord(
            runID: run.id, experiment: config.name, split: run.split.name, splitKind: run.split.kind.rawValue,
            treatment: run.family, source: run.family == .randomNB ? "random" : run.family.source?.rawValue,
            target: run.family.target.rawValue, n: run.n, fineTuned: run.family.isBase ? nil : run.family.fineTuned,
            seed: run.seed, top1: report.top1Accuracy, testLoss: report.meanLoss.value ?? .nan, iterations: run.training.iterations,
            seconds: outcome.trainingSeconds, threads: options.threads, configHash: config.hash,
            codeVersion: CodeVersion.current, classIDs: task.classIDs, classNames: task.classNames,
            trainImages: task.train.count, testImages: task.test.count, created: CheckpointMetadata.timestamp())
        record.splitGroup = run.splitGroup
        record.direction = run.direction.rawValue
        record.batchSize = run.training.batchSize
        record.stepSeconds = outcome.stepSeconds
        record.validationSeconds = outcome.validationSeconds
        record.checkpointSeconds = outcome.checkpointSeconds
        record.cpu = MachineInfo.cpuModel
        record.isa = MachineInfo.isa
        record.peakRSSBytes = ProcessMemory.peakResidentBytes
        return record
    }

    /// The run's task (its target side of the split, mean subtracted) and the mean; with
    /// `releaseDataset`, the whole dataset is freed on return.
    private func loadTask() throws -> (DatasetTask, MeanNormalizer) {
        let data = try LoadedData.load(config.dataset, mean: run.training.mean)
        if options.releaseDataset { LoadedData.evict(config.dataset, mean: run.training.mean) }
        let resolved = try run.split.classSplit(seed: run.seed).resolve(classNames: data.train.classNames)
        return (try data.task(for: run, split: resolved), data.normalizer)
    }

    private func evaluationReport(outcome: RunSession.Outcome, task: DatasetTask) throws -> EvaluationReport {
        let provenance = EvaluationProvenance(
            checkpointPath: layout.checkpoint(run).path, dataset: config.dataset.kind.rawValue,
            split: "\(run.split.name) (seed \(run.seed)), task \(run.family.target.rawValue)",
            testSetDescription: "the dataset's test images of the task's classes (\(task.test.count) images)",
            extra: ["run_id": run.id, "run": run.label, "config_hash": config.hash])
        let labels = task.test.labels
        switch config.network.head {
        case .softmax:
            return try EvaluationReport.compute(logits: outcome.testLogits, labels: labels, classNames: task.classNames,
                                                provenance: provenance)
        case .sigmoid:
            return try EvaluationReport.computeSigmoid(logits: outcome.testLogits, labels: labels,
                                                       classNames: task.classNames, provenance: provenance)
        }
    }
}
