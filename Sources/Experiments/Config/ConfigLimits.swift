import Datasets
import Foundation

/// Limits on every number of a config and on the memory one run needs, checked before
/// anything runs (README "Limits"). An error names the file, the key and the limit.
public enum ConfigLimits {
    public static let threads = 0...1024
    public static let syntheticClasses = 2...1000
    public static let imageSide = 1...1024
    public static let channels = 1...64
    public static let imagesPerClass = 1...1_000_000
    public static let seedCount = 1...1000
    public static let seed = 0...Int(Int32.max)
    public static let iterations = 1...100_000_000
    public static let batchSize = 1...65_536
    public static let width = 1...65_536
    public static let validationPerClass = 0...1_000_000
    public static let cropPadding = 0...64
    public static let shift = 0...1024
    public static let noise = 0.0...1000.0
    public static let learningRate = 1e-12...100.0
    public static let weightDecay = 0.0...1.0
    /// One run may plan for at most this share of the machine's memory.
    public static let memoryShare = 0.8

    /// Checks `config` against the limits; `file` names it in errors.
    public static func check(_ config: ExperimentConfig, file: String) throws {
        var checks: [(String, Double, ClosedRange<Double>)] = [
            ("threads", Double(config.threads), range(threads)),
            ("seeds", Double(config.seeds.count), range(seedCount)),
            ("seeds", Double(config.seeds.max() ?? 0), range(seed)),
        ]
        checks += trainingChecks(config.training) + networkChecks(config.network)
        if let s = config.dataset.synthetic {
            checks += [("dataset.synthetic.classes", Double(s.classes), range(syntheticClasses)),
                       ("dataset.synthetic.train_per_class", Double(s.trainPerClass), range(imagesPerClass)),
                       ("dataset.synthetic.test_per_class", Double(s.testPerClass), range(imagesPerClass)),
                       ("dataset.synthetic.channels", Double(s.channels), range(channels)),
                       ("dataset.synthetic.height", Double(s.height), range(imageSide)),
                       ("dataset.synthetic.width", Double(s.width), range(imageSide)),
                       ("dataset.synthetic.max_shift", Double(s.maxShift), range(shift)),
                       ("dataset.synthetic.noise", s.noise, noise)]
        }
        for (key, cap) in [("cap_per_class.A", config.capPerClass.a), ("cap_per_class.B", config.capPerClass.b)] {
            if let cap { checks.append((key, Double(cap), range(imagesPerClass))) }
        }
        for (key, value, limit) in checks where !limit.contains(value) {
            throw ConfigError(file: file, key: key, reason: "\(format(value)) is outside the limit \(format(limit.lowerBound))…\(format(limit.upperBound))")
        }
        let need = MemoryEstimate(config).bytes
        let have = Double(ProcessInfo.processInfo.physicalMemory)
        if need > have * memoryShare {
            throw ConfigError(file: file, key: "dataset",
                              reason: "one run would need about \(gib(need)) of memory (data, network, batch activations); this machine has \(gib(have)) and a run may use \(Int(memoryShare * 100)) %")
        }
    }

    /// Checks that `jobs` runs side by side fit in memory.
    public static func checkConcurrent(_ config: ExperimentConfig, jobs: Int, file: String) throws {
        let need = MemoryEstimate(config).bytes * Double(jobs)
        let have = Double(ProcessInfo.processInfo.physicalMemory)
        if jobs > 1 && need > have * memoryShare {
            throw ConfigError(file: file, key: "",
                              reason: "--jobs \(jobs) runs side by side would need about \(gib(need)) of memory; this machine has \(gib(have)): use fewer jobs")
        }
    }

    private static func trainingChecks(_ t: TrainingConfig) -> [(String, Double, ClosedRange<Double>)] {
        [("training.iterations", Double(t.iterations), range(iterations)),
         ("training.batch_size", Double(t.batchSize), range(batchSize)),
         ("training.eval_batch_size", Double(t.evalBatchSize), range(batchSize)),
         ("training.eval_every", Double(t.evalEvery), range(iterations)),
         ("training.checkpoint_every", Double(t.checkpointEvery), range(iterations)),
         ("training.validation_per_class", Double(t.validationPerClass), range(validationPerClass)),
         ("training.augmentation.crop_padding", Double(t.augmentation.cropPadding), range(cropPadding)),
         ("training.learning_rate", t.learningRate, learningRate),
         ("training.weight_decay", t.weightDecay, weightDecay)]
    }

    private static func networkChecks(_ n: NetworkConfig) -> [(String, Double, ClosedRange<Double>)] {
        n.conv.map { ("network.conv", Double($0), range(width)) } + n.fc.map { ("network.fc", Double($0), range(width)) }
    }

    static func range(_ r: ClosedRange<Int>) -> ClosedRange<Double> { Double(r.lowerBound)...Double(r.upperBound) }

    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e18 ? String(Int(x)) : String(x)
    }

    static func gib(_ bytes: Double) -> String { String(format: "%.1f GiB", bytes / Double(1 << 30)) }
}

/// A rough upper estimate of one run's memory: the dataset as floats (loaded, normalised and
/// the task's copies), the network's parameters with gradients and momentum, and a batch's
/// activations forward and backward.
public struct MemoryEstimate {
    public let bytes: Double

    public init(_ config: ExperimentConfig) {
        let (images, c, h, w) = Self.dataset(config.dataset)
        let pixels = Double(c * h * w)
        let data = images * pixels * 4 * 3
        let conv = config.network.conv.map(Double.init), fc = config.network.fc.map(Double.init)
        var params = 9 * (Double(c) * conv[0] + conv[0] * conv[1] + conv[1] * conv[2] + conv[2] * conv[3] + conv[3] * conv[4])
        let spatial = Double(h * w)
        params += conv[4] * spatial / 16 / 4 * fc[0] + fc[0] * fc[1] + fc[1] * 1000
        let activations = 2 * spatial * (conv[0] + conv[1] + (conv[2] + conv[3]) / 4 + conv[4] / 16) + fc[0] + fc[1]
        let batch = Double(max(config.training.batchSize, config.training.evalBatchSize))
        bytes = data + params * 4 * 4 + batch * activations * 4 * 3 + Double(1 << 28)
    }

    /// Images, channels, height, width of a dataset (the published sizes for files).
    static func dataset(_ spec: DatasetSpec) -> (Double, Int, Int, Int) {
        switch spec.kind {
        case .synthetic:
            let s = spec.synthetic ?? SyntheticDataset()
            return (Double(s.classes) * (Double(s.trainPerClass) + Double(s.testPerClass)), s.channels, s.height, s.width)
        case .cifar10, .cifar100: return (60_000, 3, 32, 32)
        case .emnist: return (814_255, 1, 28, 28)
        case .fashionMNIST, .mnist, .kmnist: return (70_000, 1, 28, 28)
        }
    }
}
