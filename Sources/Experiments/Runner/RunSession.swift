import Checkpoints
import Datasets
import Foundation
import Metrics
import NeuralNet

/// The compute part of one run, on the compute thread, in steps: build the network and
/// copy/freeze the prefix (`prepareLayers`), resume (`resumed`), cache the frozen prefix's
/// features (`trainingSet`), train to the iteration budget (`loop`: `step`, `evaluate` every
/// `eval_every` steps, `save` a checkpoint every `checkpoint_every`), and predict the test set.
struct RunSession {
    struct Outcome {
        var testLogits: [Float]
        var trainingSeconds: Double
        /// Seconds inside training steps (forward, backward, update) over all attempts.
        var stepSeconds: Double
        /// Seconds of this attempt's training loop (part of `trainingSeconds`).
        var attemptLoopSeconds: Double
        /// Loop seconds validating and writing checkpoints over all attempts, and this attempt's
        /// seconds predicting the test set.
        var validationSeconds: Double
        var checkpointSeconds: Double
        var testSeconds: Double
    }

    /// What changes while a run trains besides the weights: what a checkpoint holds and a
    /// resume restores.
    struct TrainingState {
        var step = 0
        var dropout: SplitMix64
        /// Curves by name (`train_loss`, `val_accuracy`, …) and the attempts' clocks.
        var history: [String: [Double]] = [HistoryName.trainLoss: [], HistoryName.trainLossStep: [],
                                           HistoryName.validationAccuracy: [], HistoryName.validationStep: []]
        /// The batch iterator's position when resuming; nil for a fresh start.
        var iterator: BatchIteratorState?
        /// Loop seconds of earlier attempts.
        var previouslyElapsed = 0.0
        /// Seconds inside training steps, over all attempts.
        var stepSeconds = 0.0
        /// Seconds validating and writing checkpoints, over all attempts.
        var validationSeconds = 0.0
        var checkpointSeconds = 0.0
    }

    let trainer: RunTrainer
    let task: DatasetTask
    let description: NetworkDescription
    /// The mean the task's images had subtracted (stored in checkpoints).
    let normalizer: MeanNormalizer
    let base: Checkpoint?
    let resume: Checkpoint?
    let progress: RunProgress

    /// Largest frozen-prefix feature cache a run keeps in memory (a full task A at n = 1 would
    /// need ~3 GB); beyond it the prefix is run every step, with identical results.
    static let featureCacheLimit = 1 << 30

    private var run: RunSpec { trainer.run }
    private var config: ExperimentConfig { trainer.plan.config }
    /// This run's protocol (the source budget for a source net).
    private var training: TrainingConfig { run.training }

    func train() throws -> Outcome {
        let net = try Network(description, seed: run.stream(.initialization(label: run.label)))
        let frozen = try prepareLayers(net)
        var state = try resumed(net)
        let (trainSet, cacheDepth) = try trainingSet(net, frozen: frozen, step: state.step)
        var iterator = try BatchIterator(images: trainSet, batchSize: training.batchSize, seed: run.stream(.batchOrder(run.family.target)),
                                         partialBatch: .drop, augmentation: training.augmentation)
        if let saved = state.iterator { try iterator.restore(saved) }
        let validation = try validationInput(net, depth: cacheDepth)
        let started = Date()
        try loop(net, iterator: &iterator, state: &state, cacheDepth: cacheDepth, validation: validation, started: started)
        progress.finishLive()
        let seconds = state.previouslyElapsed + Date().timeIntervalSince(started)
        let testStarted = Date()
        let logits = try net.predict(task.test.pixels, batchSize: training.evalBatchSize)
        return Outcome(testLogits: logits, trainingSeconds: seconds, stepSeconds: state.stepSeconds,
                       attemptLoopSeconds: seconds - state.previouslyElapsed, validationSeconds: state.validationSeconds,
                       checkpointSeconds: state.checkpointSeconds, testSeconds: Date().timeIntervalSince(testStarted))
    }

    /// Copies layers 1…n from the base (frozen unless fine-tuned), or freezes n random layers.
    /// Returns the number of frozen layers.
    private func prepareLayers(_ net: Network) throws -> Int {
        guard let n = run.n else { return 0 }
        let prefix = net.layers.prefix(n).map(\.name)
        if let base {
            let expected = net.expectedArchitecture(prefix: n)
            if let mismatch = expected.mismatch(with: base.layers.filter { prefix.contains($0.name) }.map { (name: $0.name, weightShape: $0.weight.shape, biasShape: $0.bias.shape) }) {
                throw RunError.baseUnusable(run.baseID ?? "base", reason: "architecture differs: \(mismatch)")
            }
            try net.load(base, layers: prefix, withVelocities: false)
            progress.line("copied \(prefix.joined(separator: ", ")) from the base (run \(base.metadata.runID))")
        }
        let frozen = run.family.fineTuned ? 0 : n
        for layer in net.layers.prefix(frozen) { layer.learningRateMultiplier = 0 }
        return frozen
    }

    /// The state to start from: fresh, or the run's own checkpoint (weights and momentum loaded
    /// into `net`).
    private func resumed(_ net: Network) throws -> TrainingState {
        var state = TrainingState(dropout: SplitMix64(seed: run.stream(.dropout(label: run.label))))
        if let resume {
            try net.load(resume, layers: net.layers.map(\.name), withVelocities: true)
            state.step = resume.trainer.step
            state.dropout.state = resume.trainer.rngState.first ?? state.dropout.state
            state.history.merge(resume.trainer.history) { $1 }
            state.iterator = resume.trainer.counters["iterator"].flatMap(BatchIteratorState.init(checkpointCounter:))
            progress.line("resuming from the checkpoint at step \(state.step)")
        }
        state.previouslyElapsed = state.history[HistoryName.elapsedSeconds]?.last ?? 0
        state.stepSeconds = state.history[HistoryName.stepSeconds]?.last ?? 0
        state.validationSeconds = state.history[HistoryName.validationSeconds]?.last ?? 0
        state.checkpointSeconds = state.history[HistoryName.checkpointSeconds]?.last ?? 0
        return state
    }

    /// The images a step starts from, and the depth they start above: the frozen prefix's
    /// features computed once (no augmentation, within `featureCacheLimit`; nothing to cache
    /// when a resumed run has no steps left), or the task's images at depth 0.
    private func trainingSet(_ net: Network, frozen: Int, step: Int) throws -> (ImageSet, depth: Int) {
        var depth = frozen > 0 && training.cacheFrozenPrefix && !training.augmentation.isEnabled && step < training.iterations
            ? net.cacheableDepth(frozenLayers: frozen) : 0
        if depth > 0 {
            let bytes = task.train.count * net.featureShape(afterLayer: depth).reduce(1, *) * MemoryLayout<Float>.size
            if bytes > Self.featureCacheLimit {
                progress.line("not caching the frozen prefix: its features would take \(bytes >> 20) MiB "
                              + "(limit \(Self.featureCacheLimit >> 20) MiB); running through it every step")
                depth = 0
            }
        }
        guard depth > 0 else { return (task.train, 0) }
        let t0 = Date()
        let features = try net.features(task.train.pixels, afterLayer: depth, batchSize: training.batchSize)
        let shape = net.featureShape(afterLayer: depth)
        let set = try ImageSet(channels: shape[0], height: shape.count == 3 ? shape[1] : 1,
                               width: shape.count == 3 ? shape[2] : 1, pixels: features,
                               labels: task.train.labels, classNames: task.classNames)
        progress.line(String(format: "cached the frozen prefix (layers 1–%d) for %d images in %.1f s",
                             depth, set.count, Date().timeIntervalSince(t0)))
        return (set, depth)
    }

    /// What validation runs the net on: the validation images, or — when the training set is the
    /// frozen prefix's features — the prefix's inference features of them, computed once, so that
    /// each validation runs only the layers above (the same primitives a full pass would use).
    private func validationInput(_ net: Network, depth: Int) throws -> (pixels: [Float], fromLayer: Int) {
        let set = task.validation
        guard depth > 0, set.count > 0 else { return (set.pixels, 0) }
        return (try net.inferenceFeatures(set.pixels, afterLayer: depth, batchSize: training.evalBatchSize), depth)
    }

    /// Trains from `state.step` to the budget: validation every `eval_every` steps and at the
    /// end, a checkpoint every `checkpoint_every` steps and at the end (and before a test stop).
    private func loop(_ net: Network, iterator: inout BatchIterator, state: inout TrainingState, cacheDepth: Int,
                      validation: (pixels: [Float], fromLayer: Int), started: Date) throws {
        var batch = iterator.makeBatch()
        let sgd = SGD(momentum: Float(training.momentum), weightDecay: Float(training.weightDecay))
        let schedule = training.schedule
        let total = training.iterations
        let startStep = state.step
        var lossSum = 0.0, lossCount = 0
        func save() throws {
            try checkpoint(net, state: &state, iterator: iterator, started: started,
                           lr: Double(schedule.rate(at: max(0, state.step - 1))))
        }
        while state.step < total {
            let loss = try step(net, batch: &batch, iterator: &iterator, state: &state, cacheDepth: cacheDepth,
                                sgd: sgd, lr: schedule.rate(at: state.step))
            lossSum += Double(loss)
            lossCount += 1
            if state.step % training.evalEvery == 0 || state.step == total {
                try evaluate(net, on: validation, state: &state, meanLoss: lossSum / Double(max(1, lossCount)),
                             started: started, from: startStep)
                lossSum = 0
                lossCount = 0
            } else if state.step % 10 == 0 {
                progress.status(statusText(step: state.step, total: total, loss: Double(loss), val: nil, started: started,
                                           from: startStep), important: false)
            }
            if state.step % training.checkpointEvery == 0 || state.step == total { try save() }
            if let stop = trainer.options.stopAfterSteps, state.step - startStep >= stop, state.step < total {
                try save()
                progress.finishLive()
                throw RunError.interrupted(step: state.step)
            }
        }
    }

    /// One SGD step on the next batch; returns its loss (an error if it is not finite).
    private func step(_ net: Network, batch: inout Batch, iterator: inout BatchIterator, state: inout TrainingState,
                      cacheDepth: Int, sgd: SGD, lr: Float) throws -> Float {
        let stepStarted = DispatchTime.now().uptimeNanoseconds
        iterator.next(into: &batch)
        let loss = try batch.inputs.withUnsafeBufferPointer { x in
            try batch.labels.withUnsafeBufferPointer { y in
                try net.trainingStep(input: x, labels: y, fromLayer: cacheDepth, rng: &state.dropout)
            }
        }
        guard loss.isFinite else { throw NetworkError.nonFiniteLoss(step: state.step, loss: loss) }
        sgd.step(net.layers, learningRate: lr)
        state.stepSeconds += Double(DispatchTime.now().uptimeNanoseconds - stepStarted) / 1e9
        state.step += 1
        return loss
    }

    /// Validation accuracy now, booked in the history with the mean training loss since the last.
    private func evaluate(_ net: Network, on validation: (pixels: [Float], fromLayer: Int), state: inout TrainingState,
                          meanLoss: Double, started: Date, from startStep: Int) throws {
        let validationStarted = Date()
        let val = try validationAccuracy(net, validation)
        state.validationSeconds += Date().timeIntervalSince(validationStarted)
        state.history[HistoryName.trainLoss, default: []].append(meanLoss)
        state.history[HistoryName.trainLossStep, default: []].append(Double(state.step))
        state.history[HistoryName.validationAccuracy, default: []].append(val)
        state.history[HistoryName.validationStep, default: []].append(Double(state.step))
        progress.status(statusText(step: state.step, total: training.iterations, loss: meanLoss, val: val, started: started,
                                   from: startStep), important: true)
    }

    private func validationAccuracy(_ net: Network, _ input: (pixels: [Float], fromLayer: Int)) throws -> Double {
        let set = task.validation
        guard set.count > 0 else { return .nan }
        let logits = try net.predict(input.pixels, batchSize: training.evalBatchSize, fromLayer: input.fromLayer)
        let k = net.outputCount
        // One logit: the sigmoid head's P(class 1) ≥ 0.5; several: the argmax, ties to the lower class.
        let predicted = k == 1 ? logits.map { $0 > 0 ? 1 : 0 }
            : try Probability.argmaxRows(logits.map(Double.init), classCount: k)
        return try Accuracy.top1(labels: set.labels, predictions: predicted, classCount: max(k, 2))
    }

    private func statusText(step: Int, total: Int, loss: Double, val: Double?, started: Date, from: Int) -> String {
        let elapsed = Date().timeIntervalSince(started)
        let done = step - from
        let rate = Double(done * training.batchSize) / max(elapsed, 1e-9)
        let eta = Double(total - step) * elapsed / Double(max(done, 1))
        var text = String(format: "step %d/%d  loss %.4f", step, total, loss)
        if let val { text += String(format: "  val acc %.4f", val) }
        text += String(format: "  %.0f img/s  ETA %@", rate, formatDuration(eta))
        return text
    }

    /// Writes the run's checkpoint: weights, momentum, the state and this attempt's clocks.
    private func checkpoint(_ net: Network, state: inout TrainingState, iterator: BatchIterator, started: Date, lr: Double) throws {
        let writeStarted = Date()
        defer { state.checkpointSeconds += Date().timeIntervalSince(writeStarted) }
        state.history[HistoryName.elapsedSeconds] = [state.previouslyElapsed + Date().timeIntervalSince(started)]
        state.history[HistoryName.stepSeconds] = [state.stepSeconds]
        state.history[HistoryName.validationSeconds] = [state.validationSeconds]
        state.history[HistoryName.checkpointSeconds] = [state.checkpointSeconds]
        let mean = normalizer
        let meta = CheckpointMetadata(
            config: config.canonicalJSON, runID: run.id, treatment: run.label, n: run.n ?? 0, seed: run.seed,
            epoch: iterator.epoch, step: state.step, codeVersion: CodeVersion.current, dataset: canonicalJSON(config.dataset),
            classIDs: task.classIDs, classNames: task.classNames, inputScale: 1.0 / 255.0,
            inputMean: Tensor(shape: mean.mode == .perPixel ? [mean.channels, mean.height, mean.width]
                                        : [mean.mean.count], values: mean.mean),
            architecture: canonicalJSON(description))
        let trainer = TrainerState(step: state.step, epoch: iterator.epoch, lr: lr, rngState: [state.dropout.state],
                                   counters: ["iterator": iterator.state.checkpointCounter], history: state.history)
        try Checkpoint(metadata: meta, layers: net.checkpointLayers(), velocities: net.checkpointVelocities(),
                       trainer: trainer).write(to: checkpointURL)
    }

    private var checkpointURL: URL { trainer.options.layout.checkpoint(run) }
}

extension BatchIteratorState {
    /// The state as the checkpoint stores it (`trainer/@iterator`): epoch, position and the two
    /// generator states, in this order.
    var checkpointCounter: [Int64] {
        [Int64(epoch), Int64(position), Int64(bitPattern: epochShuffleState), Int64(bitPattern: augmentationState)]
    }

    /// Reads `checkpointCounter` back; nil for anything but four values.
    init?(checkpointCounter c: [Int64]) {
        guard c.count == 4 else { return nil }
        self.init(epoch: Int(c[0]), position: Int(c[1]), epochShuffleState: UInt64(bitPattern: c[2]),
                  augmentationState: UInt64(bitPattern: c[3]))
    }
}
