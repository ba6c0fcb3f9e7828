import Checkpoints
import Datasets
import Foundation
import NeuralNet

/// The compute part of one run, on the compute thread: build the network, copy/freeze the
/// prefix, resume, (cache frozen features,) train for the iteration budget with periodic
/// validation and checkpoints, and predict the test set.
struct RunSession {
    struct Outcome {
        var testLogits: [Float]
        var trainingSeconds: Double
        /// Seconds inside training steps (forward, backward, update) over all attempts.
        var stepSeconds: Double
        /// Seconds of this attempt's training loop (part of `trainingSeconds`).
        var attemptLoopSeconds: Double
    }

    let trainer: RunTrainer
    let task: DatasetTask
    let description: NetworkDescription
    let data: LoadedData
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
        var step = 0
        var dropoutRNG = SplitMix64(seed: run.stream(.dropout(label: run.label)))
        var history: [String: [Double]] = ["train_loss": [], "train_loss_step": [], "val_accuracy": [], "val_step": []]
        var iteratorState: BatchIteratorState?
        if let resume {
            try net.load(resume, layers: net.layers.map(\.name), withVelocities: true)
            step = resume.trainer.step
            dropoutRNG.state = resume.trainer.rngState.first ?? dropoutRNG.state
            history.merge(resume.trainer.history) { $1 }
            if let c = resume.trainer.counters["iterator"], c.count == 4 {
                iteratorState = BatchIteratorState(epoch: Int(c[0]), position: Int(c[1]),
                                                   epochShuffleState: UInt64(bitPattern: c[2]),
                                                   augmentationState: UInt64(bitPattern: c[3]))
            }
            progress.line("resuming from the checkpoint at step \(step)")
        }

        // Frozen prefix: computed once (no augmentation), then every step starts above it.
        // (Nothing to cache when a resumed run has no steps left.)
        var cacheDepth = frozen > 0 && training.cacheFrozenPrefix && !training.augmentation.isOn && step < training.iterations
            ? net.cacheableDepth(frozenLayers: frozen) : 0
        if cacheDepth > 0 {
            let bytes = task.train.count * net.featureShape(afterLayer: cacheDepth).reduce(1, *) * MemoryLayout<Float>.size
            if bytes > Self.featureCacheLimit {
                progress.line("not caching the frozen prefix: its features would take \(bytes >> 20) MiB "
                              + "(limit \(Self.featureCacheLimit >> 20) MiB); running through it every step")
                cacheDepth = 0
            }
        }
        var trainSet = task.train
        if cacheDepth > 0 {
            let t0 = Date()
            let features = try net.features(task.train.pixels, afterLayer: cacheDepth, batchSize: training.batchSize)
            let shape = net.featureShape(afterLayer: cacheDepth)
            trainSet = try ImageSet(channels: shape[0], height: shape.count == 3 ? shape[1] : 1,
                                    width: shape.count == 3 ? shape[2] : 1, pixels: features,
                                    labels: task.train.labels, classNames: task.classNames)
            progress.line(String(format: "cached the frozen prefix (layers 1–%d) for %d images in %.1f s",
                                 cacheDepth, trainSet.count, Date().timeIntervalSince(t0)))
        }
        let augmentation = Augmentation(cropPadding: training.augmentation.cropPadding,
                                        horizontalFlip: training.augmentation.horizontalFlip)
        var iterator = try BatchIterator(images: trainSet, batchSize: training.batchSize, seed: run.stream(.batchOrder(run.family.target)),
                                         partialBatch: .drop, augmentation: augmentation)
        if let iteratorState { try iterator.restore(iteratorState) }
        var batch = iterator.makeBatch()
        let sgd = SGD(momentum: Float(training.momentum), weightDecay: Float(training.weightDecay))
        let schedule = training.schedule
        let total = training.iterations
        let started = Date()
        let startStep = step
        var lossSum = 0.0, lossCount = 0

        let previouslyElapsed = history["elapsed_seconds"]?.last ?? 0
        var stepSeconds = history["step_seconds"]?.last ?? 0
        func save() throws {
            history["elapsed_seconds"] = [previouslyElapsed + Date().timeIntervalSince(started)]
            history["step_seconds"] = [stepSeconds]
            try checkpoint(net, step: step, epoch: iterator.epoch, dropout: dropoutRNG, iterator: iterator.state,
                           history: history, lr: Double(schedule.rate(at: max(0, step - 1))))
        }

        while step < total {
            let lr = schedule.rate(at: step)
            let stepStarted = DispatchTime.now().uptimeNanoseconds
            iterator.next(into: &batch)
            let loss = try batch.inputs.withUnsafeBufferPointer { x in
                try batch.labels.withUnsafeBufferPointer { y in
                    try net.trainingStep(input: x, labels: y, fromLayer: cacheDepth, rng: &dropoutRNG)
                }
            }
            guard loss.isFinite else { throw NetworkError.nonFiniteLoss(step: step, loss: loss) }
            sgd.step(net.layers, learningRate: lr)
            stepSeconds += Double(DispatchTime.now().uptimeNanoseconds - stepStarted) / 1e9
            step += 1
            lossSum += Double(loss)
            lossCount += 1
            let atEval = step % training.evalEvery == 0 || step == total
            if atEval {
                let val = try validationAccuracy(net)
                let mean = lossSum / Double(max(1, lossCount))
                history["train_loss", default: []].append(mean)
                history["train_loss_step", default: []].append(Double(step))
                history["val_accuracy", default: []].append(val)
                history["val_step", default: []].append(Double(step))
                lossSum = 0
                lossCount = 0
                progress.status(statusText(step: step, total: total, loss: mean, val: val, started: started, from: startStep),
                                important: true)
            } else if step % 10 == 0 {
                progress.status(statusText(step: step, total: total, loss: Double(loss), val: nil, started: started,
                                           from: startStep), important: false)
            }
            if step % training.checkpointEvery == 0 || step == total { try save() }
            if let stop = trainer.options.stopAfterSteps, step - startStep >= stop, step < total {
                try save()
                progress.finishLive()
                throw RunError.interrupted(step: step)
            }
        }
        progress.finishLive()
        let seconds = previouslyElapsed + Date().timeIntervalSince(started)
        let logits = try net.predict(task.test.pixels, batchSize: training.evalBatchSize)
        return Outcome(testLogits: logits, trainingSeconds: seconds, stepSeconds: stepSeconds,
                       attemptLoopSeconds: seconds - previouslyElapsed)
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

    private func validationAccuracy(_ net: Network) throws -> Double {
        let set = task.validation
        guard set.count > 0 else { return .nan }
        let logits = try net.predict(set.pixels, batchSize: training.evalBatchSize)
        let k = net.outputCount
        var correct = 0
        for i in 0..<set.count {
            let predicted: Int
            if k == 1 {
                predicted = logits[i] > 0 ? 1 : 0
            } else {
                var best = 0
                for j in 1..<k where logits[i * k + j] > logits[i * k + best] { best = j }
                predicted = best
            }
            if predicted == set.labels[i] { correct += 1 }
        }
        return Double(correct) / Double(set.count)
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

    private func checkpoint(_ net: Network, step: Int, epoch: Int, dropout: SplitMix64, iterator: BatchIteratorState,
                            history: [String: [Double]], lr: Double) throws {
        let mean = data.normalizer
        let meta = CheckpointMetadata(
            config: config.canonicalJSON, runID: run.id, treatment: run.label, n: run.n ?? 0, seed: run.seed,
            epoch: epoch, step: step, codeVersion: CodeVersion.current, dataset: canonicalJSON(data.spec),
            classIDs: task.classIDs, classNames: task.classNames, inputScale: 1.0 / 255.0,
            inputMean: Tensor(shape: mean.mode == .perPixel ? [mean.channels, mean.height, mean.width]
                                        : [mean.mean.count], values: mean.mean),
            architecture: canonicalJSON(description))
        let trainer = TrainerState(step: step, epoch: epoch, lr: lr, rngState: [dropout.state],
                                   counters: ["iterator": [Int64(iterator.epoch), Int64(iterator.position),
                                                           Int64(bitPattern: iterator.epochShuffleState),
                                                           Int64(bitPattern: iterator.augmentationState)]],
                                   history: history)
        try Checkpoint(metadata: meta, layers: net.checkpointLayers(), velocities: net.checkpointVelocities(),
                       trainer: trainer).write(to: checkpointURL)
    }

    private var checkpointURL: URL { trainer.options.layout.checkpoint(run) }
}
