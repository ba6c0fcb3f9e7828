import Datasets
import Foundation

/// A dataset loaded once per process, with the mean both tasks subtract (the whole training
/// set's, so that transferred features see the same input statistics on A and B).
public final class LoadedData: @unchecked Sendable {
    public let spec: DatasetSpec
    public let train: ImageSet
    public let test: ImageSet
    public let normalizer: MeanNormalizer

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: LoadedData] = [:]

    /// Loads (or returns the already loaded) dataset of `spec` with mean mode `mean`.
    public static func load(_ spec: DatasetSpec, mean: MeanMode) throws -> LoadedData {
        let key = "\(spec)|\(mean.rawValue)"
        lock.lock()
        defer { lock.unlock() }
        if let d = cache[key] { return d }
        let (train, test) = try spec.load()
        let d = LoadedData(spec: spec, train: train, test: test, normalizer: MeanNormalizer(fitting: train, mode: mean))
        cache[key] = d
        return d
    }

    /// Forgets the loaded dataset of `spec` and `mean` (a process that trains one run frees the
    /// whole dataset once its task is cut out: ~220 MB for Fashion-MNIST).
    public static func evict(_ spec: DatasetSpec, mean: MeanMode) {
        lock.lock()
        defer { lock.unlock() }
        cache["\(spec)|\(mean.rawValue)"] = nil
    }

    init(spec: DatasetSpec, train: ImageSet, test: ImageSet, normalizer: MeanNormalizer) {
        self.spec = spec
        self.train = train
        self.test = test
        self.normalizer = normalizer
    }

    /// The task a run trains and tests on (its target side) of its resolved split: validation
    /// hold-out, per-class cap, mean subtracted. The subsample depends on (seed, oriented split,
    /// side) only, so every run on the same target task sees the same images.
    public func task(for run: RunSpec, split: ResolvedSplit, side: TaskSide? = nil) throws -> DatasetTask {
        let side = side ?? run.family.target
        let options = TaskOptions(seed: run.stream(.subsample(side)),
                                  validation: .count(run.training.validationPerClass),
                                  trainCapPerClass: run.caps.cap(side))
        var task = try DatasetTask(train: train, test: test, split: split, side: side, options: options)
        try task.apply(normalizer)
        return task
    }
}
