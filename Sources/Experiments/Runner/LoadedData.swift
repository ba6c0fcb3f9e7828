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

    init(spec: DatasetSpec, train: ImageSet, test: ImageSet, normalizer: MeanNormalizer) {
        self.spec = spec
        self.train = train
        self.test = test
        self.normalizer = normalizer
    }

    /// Task `side` of a resolved split for one seed: validation hold-out, per-class cap, mean
    /// subtracted. The subsample depends on (seed, split, side) only, so every run on the same
    /// target task sees the same images.
    public func task(config: ExperimentConfig, split: ResolvedSplit, seed: Int, side: TaskSide) throws -> DatasetTask {
        let options = TaskOptions(seed: SplitMix64.derived(seed: UInt64(seed), stream: side == .a ? 0xA : 0xB).state,
                                  validation: .count(config.training.validationPerClass),
                                  trainCapPerClass: config.capPerClass.cap(side))
        var task = try DatasetTask(train: train, test: test, split: split, side: side, options: options)
        try task.apply(normalizer)
        return task
    }
}
