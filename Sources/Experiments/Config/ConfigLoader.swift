import Datasets
import Foundation
import NeuralNet
import Records

extension ExperimentConfig {
    /// Reads and validates a config file. Errors name the file, the key and the reason.
    public static func load(_ url: URL) throws -> ExperimentConfig {
        let file = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ConfigError(file: file, key: "", reason: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(data, file: file)
    }

    /// Parses config JSON; `file` names the source in errors.
    public static func parse(_ data: Data, file: String) throws -> ExperimentConfig {
        var root = try StrictObject.parse(data, file: file)
        guard let name = try root.string("name"), !name.isEmpty else {
            throw root.error("name", "required: a non-empty experiment name")
        }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw root.error("name", "use letters, digits, '-', '_' or '.' only (it names the results folder)")
        }
        if let problem = PlainName.problem(name) { throw root.error("name", problem) }
        let dataset = try parseDataset(&root)
        let splits = try parseSplits(&root, dataset: dataset)
        let seeds = try root.ints("seeds") ?? ExperimentConfig.defaultSeeds
        guard !seeds.isEmpty else { throw root.error("seeds", "needs at least one seed") }
        guard Set(seeds).count == seeds.count else { throw root.error("seeds", "seeds must be distinct") }
        guard seeds.allSatisfy({ $0 >= 0 }) else { throw root.error("seeds", "seeds must be ≥ 0") }
        let layers = try root.ints("layers") ?? ExperimentConfig.defaultLayers
        guard !layers.isEmpty else { throw root.error("layers", "needs at least one depth n") }
        if let bad = layers.first(where: { !(1...7).contains($0) }) {
            throw root.error("layers", "n = \(bad) is outside 1…7 (fc8 is always new)")
        }
        let treatments = try parseTreatments(&root)
        let network = try parseNetwork(&root)
        let training = try parseTraining(&root)
        let caps = try parseCaps(&root)
        let threads = try root.int("threads") ?? ExperimentConfig.defaultThreads
        guard threads >= 0 else { throw root.error("threads", "must be ≥ 0 (0 = all cores)") }
        let analysis = try AnalysisConfig.parse(&root)
        try root.finish()
        if training.iterationSweep != nil, training.source?.iterations == nil {
            throw ConfigError(file: file, key: "training.iterations",
                              reason: "several target budgets need training.source.iterations: the source nets' budget, "
                              + "shared by every target budget")
        }
        if training.source != nil, let f = treatments.first(where: { $0.target == .a && !$0.isBase }) {
            throw ConfigError(file: file, key: "training.source",
                              reason: "\(f.rawValue) trains on task A and would be compared with a baseA of a different budget; "
                              + "run the other direction with the split's \"directions\" instead")
        }
        if network.head == .sigmoid {
            for s in splits where s.kind == .dissimilar && ((s.a?.count ?? 0) != 2 || (s.b?.count ?? 0) != 2) {
                throw ConfigError(file: file, key: "network.head",
                                  reason: "a sigmoid head needs tasks of exactly 2 classes (split \(s.name))")
            }
        }
        let config = ExperimentConfig(name: name, dataset: dataset, splits: splits, seeds: seeds,
                                      layers: Array(Set(layers)).sorted(), treatments: treatments, network: network,
                                      training: training, capPerClass: caps, threads: threads, analysis: analysis)
        try ConfigLimits.check(config, file: file)
        return config
    }

    private static func parseDataset(_ root: inout StrictObject) throws -> DatasetSpec {
        guard var o = try root.object("dataset") else { return .fashionMNIST }
        return try parseDataset(object: &o)
    }

    /// A `DatasetSpec` from its JSON object (a config's `dataset`, or the resolved spec a
    /// checkpoint stores): keys left out keep `DatasetSpec()`'s values, unknown keys are errors.
    static func parseDataset(object o: inout StrictObject) throws -> DatasetSpec {
        var spec = DatasetSpec()
        if let k = try o.string("kind") {
            guard let kind = DatasetKind(rawValue: k) else {
                throw o.error("kind", "unknown dataset \"\(k)\" (known: \(DatasetKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            spec.kind = kind
        }
        spec.path = try o.string("path")
        if let s = try o.string("emnist_subset") { spec.emnistSubset = s }
        if let l = try o.string("cifar100_label") {
            guard let label = CIFAR100Dataset.LabelKind(rawValue: l) else { throw o.error("cifar100_label", "use \"fine\" or \"coarse\"") }
            spec.cifar100Label = label
        }
        if var s = try o.object("synthetic") {
            var d = SyntheticDataset()
            if let v = try s.int("seed") { d.seed = UInt64(max(0, v)) }
            if let v = try s.int("classes") { d.classes = v }
            if let v = try s.int("train_per_class") { d.trainPerClass = v }
            if let v = try s.int("test_per_class") { d.testPerClass = v }
            if let v = try s.int("channels") { d.channels = v }
            if let v = try s.int("height") { d.height = v }
            if let v = try s.int("width") { d.width = v }
            if let v = try s.double("noise") { d.noise = v }
            if let v = try s.int("max_shift") { d.maxShift = v }
            try s.finish()
            guard d.classes >= 2, d.trainPerClass > 0, d.testPerClass > 0, d.channels > 0, d.height > 0, d.width > 0 else {
                throw o.error("synthetic", "classes ≥ 2 and positive sizes are required")
            }
            spec.synthetic = d
        } else if spec.kind == .synthetic {
            spec.synthetic = SyntheticDataset()
        }
        try o.finish()
        return spec
    }

    private static func parseSplits(_ root: inout StrictObject, dataset: DatasetSpec) throws -> [SplitConfig] {
        guard let objects = try root.objects("splits") else { return SplitConfig.defaults(for: dataset) }
        guard !objects.isEmpty else { throw root.error("splits", "needs at least one split") }
        var names = Set<String>()
        return try objects.map { obj in
            var o = obj
            guard let name = try o.string("name"), !name.isEmpty,
                  name.allSatisfy({ $0.isLetter || $0.isNumber || "-_".contains($0) }) else {
                throw o.error("name", "required: letters, digits, '-' or '_'")
            }
            if let problem = PlainName.problem(name) { throw o.error("name", problem) }
            guard names.insert(name).inserted else { throw o.error("name", "split \"\(name)\" appears twice") }
            guard let k = try o.string("kind"), let kind = SplitConfig.Kind(rawValue: k) else {
                throw o.error("kind", "required: \"similar\" or \"dissimilar\"")
            }
            var split = SplitConfig(name: name, kind: kind)
            switch kind {
            case .similar:
                if o.isPresent("directions") {
                    throw o.error("directions", "only a dissimilar split has directions (a similar split's halves are random: "
                                  + "every seed already draws a new A and B)")
                }
                split.sizeA = try o.int("size_a")
                if let s = split.sizeA, s < 1 { throw o.error("size_a", "must be ≥ 1") }
            case .dissimilar:
                split.directions = try parseDirections(&o)
                let a = try parseClasses(&o, "a"), b = try parseClasses(&o, "b")
                if let both = b.first(where: a.contains) { throw o.error("b", "class \(both) is in both A and B") }
                split.a = a
                split.b = b
            }
            try o.finish()
            return split
        }
    }

    /// A dissimilar split's class list: names (strings) or class ids (integers), at least one.
    private static func parseClasses(_ o: inout StrictObject, _ key: String) throws -> [ClassSelector] {
        guard let values = try o.array(key), !values.isEmpty else {
            throw o.error(key, "a dissimilar split needs a non-empty class list (names, or integer class ids)")
        }
        return try values.enumerated().map { i, value in
            let path = o.keyPath(key) + "[\(i)]"
            if let name = value as? String {
                if name.hasPrefix("#"), let id = Int(name.dropFirst()) {
                    throw ConfigError(file: o.file, key: path, reason: "write the class id as the integer \(id), not the string \"\(name)\"")
                }
                return .name(name)
            }
            return .id(try StrictObject.int(value, error: ConfigError(
                file: o.file, key: path, reason: "expected a class name or an integer class id, got \(StrictObject.kind(value))")))
        }
    }

    /// `"directions": ["A→B", "B→A"]` (or "A->B", "B->A"): which class list is the source.
    private static func parseDirections(_ o: inout StrictObject) throws -> [SplitDirection]? {
        guard let names = try o.strings("directions") else { return nil }
        guard !names.isEmpty else { throw o.error("directions", "needs at least one direction (\"A→B\", \"B→A\")") }
        var directions: [SplitDirection] = []
        for (i, name) in names.enumerated() {
            guard let d = SplitDirection(parsing: name) else {
                throw ConfigError(file: o.file, key: o.keyPath("directions") + "[\(i)]",
                                  reason: "unknown direction \"\(name)\" (use \"A→B\" or \"B→A\")")
            }
            guard !directions.contains(d) else {
                throw ConfigError(file: o.file, key: o.keyPath("directions") + "[\(i)]", reason: "\(d.rawValue) appears twice")
            }
            directions.append(d)
        }
        return directions.sorted()
    }

    private static func parseTreatments(_ root: inout StrictObject) throws -> [TreatmentFamily] {
        guard let names = try root.strings("treatments") else { return TreatmentFamily.defaults }
        var families: [TreatmentFamily] = []
        for (i, n) in names.enumerated() {
            guard let f = TreatmentFamily(rawValue: n) else {
                throw ConfigError(file: root.file, key: root.keyPath("treatments") + "[\(i)]",
                                  reason: "unknown treatment \"\(n)\" (known: \(TreatmentFamily.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if !families.contains(f) { families.append(f) }
        }
        for f in families {
            if let base = f.requiredBase, !families.contains(base) {
                throw root.error("treatments", "\(f.rawValue) copies layers from \(base.rawValue), which is not planned: add \"\(base.rawValue)\"")
            }
        }
        guard !families.isEmpty else { throw root.error("treatments", "needs at least one treatment") }
        return families.sorted()
    }

    private static func parseNetwork(_ root: inout StrictObject) throws -> NetworkConfig {
        var net = NetworkConfig.default
        guard var o = try root.object("network") else { return net }
        if let c = try o.ints("conv") {
            guard c.count == 5, c.allSatisfy({ $0 > 0 }) else { throw o.error("conv", "needs 5 positive widths (conv1…conv5)") }
            net.conv = c
        }
        if let f = try o.ints("fc") {
            guard f.count == 2, f.allSatisfy({ $0 > 0 }) else { throw o.error("fc", "needs 2 positive widths (fc6, fc7)") }
            net.fc = f
        }
        if let d = try o.double("dropout") {
            guard d >= 0, d < 1 else { throw o.error("dropout", "must be in [0, 1)") }
            net.dropout = d
        }
        if let h = try o.string("head") {
            guard let head = Network.Head(rawValue: h) else { throw o.error("head", "use \"softmax\" or \"sigmoid\"") }
            net.head = head
        }
        try o.finish()
        return net
    }

    private static func parseTraining(_ root: inout StrictObject) throws -> TrainingConfig {
        var t = TrainingConfig.default
        guard var o = try root.object("training") else { return t }
        func positive(_ key: String, _ value: Int?) throws -> Int? {
            if let v = value, v < 1 { throw o.error(key, "must be ≥ 1") }
            return value
        }
        try parseIterations(&o, into: &t)
        if let v = try positive("batch_size", try o.int("batch_size")) { t.batchSize = v }
        let schedule = try parseSchedule(&o)
        if let v = schedule.rate { t.learningRate = v }
        if let v = schedule.decayAt { t.lrDecayAt = v }
        if let v = schedule.gamma { t.lrGamma = v }
        if let v = try o.double("momentum") {
            guard v >= 0, v < 1 else { throw o.error("momentum", "must be in [0, 1)") }
            t.momentum = v
        }
        if let v = try o.double("weight_decay") {
            guard v >= 0 else { throw o.error("weight_decay", "must be ≥ 0") }
            t.weightDecay = v
        }
        if let m = try o.string("mean") {
            guard let mode = MeanMode(rawValue: m) else {
                throw o.error("mean", "use one of \(MeanMode.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))")
            }
            t.mean = mode
        }
        if let v = try o.int("validation_per_class") {
            guard v >= 0 else { throw o.error("validation_per_class", "must be ≥ 0") }
            t.validationPerClass = v
        }
        if let v = try positive("eval_every", try o.int("eval_every")) { t.evalEvery = v }
        if let v = try positive("checkpoint_every", try o.int("checkpoint_every")) { t.checkpointEvery = v }
        if let v = try positive("eval_batch_size", try o.int("eval_batch_size")) { t.evalBatchSize = v }
        if let c = try o.bool("cache_frozen_prefix") { t.cacheFrozenPrefix = c }
        if var src = try o.object("source") { t.source = try parseSource(&src) }
        if var a = try o.object("augmentation") { t.augmentation = try parseAugmentation(&a) }
        try o.finish()
        return t
    }

    /// `training.iterations`: one target budget, or a list of them (the first is `iterations`).
    private static func parseIterations(_ o: inout StrictObject, into t: inout TrainingConfig) throws {
        let iterations = try o.intOrInts("iterations")
        if let v = iterations.single {
            guard v >= 1 else { throw o.error("iterations", "must be ≥ 1") }
            t.iterations = v
        }
        guard let list = iterations.list else { return }
        guard !list.isEmpty else { throw o.error("iterations", "a list of target budgets needs at least one entry") }
        for (i, v) in list.enumerated() where v < 1 {
            throw ConfigError(file: o.file, key: o.keyPath("iterations") + "[\(i)]", reason: "must be ≥ 1")
        }
        guard Set(list).count == list.count else { throw o.error("iterations", "the target budgets must be distinct") }
        t.iterations = list[0]
        t.iterationSweep = list.count > 1 ? list : nil
    }

    /// `training.augmentation`, over `Augmentation.none`.
    private static func parseAugmentation(_ a: inout StrictObject) throws -> Augmentation {
        var augmentation = Augmentation.none
        if let p = try a.int("crop_padding") {
            guard p >= 0 else { throw a.error("crop_padding", "must be ≥ 0") }
            augmentation.cropPadding = p
        }
        if let f = try a.bool("horizontal_flip") { augmentation.horizontalFlip = f }
        try a.finish()
        return augmentation
    }

    /// `training.source`: the source nets' own budget; each key overrides the target protocol's.
    private static func parseSource(_ o: inout StrictObject) throws -> SourceTraining {
        var source = SourceTraining()
        func positive(_ key: String) throws -> Int? {
            guard let v = try o.int(key) else { return nil }
            guard v >= 1 else { throw o.error(key, "must be ≥ 1") }
            return v
        }
        source.iterations = try positive("iterations")
        source.batchSize = try positive("batch_size")
        source.evalEvery = try positive("eval_every")
        source.checkpointEvery = try positive("checkpoint_every")
        (source.learningRate, source.lrDecayAt, source.lrGamma) = try parseSchedule(&o)
        try o.finish()
        return source
    }

    /// The step schedule's keys, shared by `training` and `training.source` (nil when absent).
    private static func parseSchedule(_ o: inout StrictObject) throws -> (rate: Double?, decayAt: [Double]?, gamma: Double?) {
        let rate = try o.double("learning_rate"), decayAt = try o.doubles("lr_decay_at"), gamma = try o.double("lr_gamma")
        if let rate, !(rate > 0) { throw o.error("learning_rate", "must be > 0") }
        if let decayAt, !decayAt.allSatisfy({ $0 > 0 && $0 < 1 }) {
            throw o.error("lr_decay_at", "fractions of the iterations, each in (0, 1)")
        }
        if let gamma, !(gamma > 0 && gamma <= 1) { throw o.error("lr_gamma", "must be in (0, 1]") }
        return (rate, decayAt?.sorted(), gamma)
    }

    private static func parseCaps(_ root: inout StrictObject) throws -> TaskCaps {
        var caps = TaskCaps.default
        guard var o = try root.object("cap_per_class") else { return caps }
        // An absent key keeps the default; an explicit null means "all images".
        if o.isPresent("A") { caps.a = try o.int("A") }
        if o.isPresent("B") {
            if o.isArray("B"), let list = try o.optionalInts("B") {
                guard !list.isEmpty else { throw o.error("B", "a list of target sizes needs at least one entry") }
                for (i, v) in list.enumerated() where (v ?? 1) < 1 {
                    throw ConfigError(file: o.file, key: o.keyPath("B") + "[\(i)]", reason: "must be ≥ 1, or null for all images")
                }
                guard Set(list.map { $0 ?? -1 }).count == list.count else {
                    throw o.error("B", "the target sizes must be distinct (null = all images counts once)")
                }
                caps.b = list[0]
                caps.bSweep = list.count > 1 ? list : nil
            } else {
                caps.b = try o.int("B")
            }
        }
        for (key, value) in [("A", caps.a), ("B", caps.b)] {
            if let v = value, v < 1 { throw o.error(key, "must be ≥ 1, or null for all images") }
        }
        try o.finish()
        return caps
    }
}
