/// Validation hold-out carved from each class's training images.
public enum HoldOut: Sendable, Hashable, Codable {
    case none
    /// Exactly this many images of every class.
    case count(Int)
    /// `round(fraction × class size)` images of every class.
    case fraction(Double)

    func size(ofClassWith available: Int) -> Int {
        switch self {
        case .none: return 0
        case let .count(n): return n
        case let .fraction(f): return Int((f * Double(available)).rounded())
        }
    }
}

/// How a task's images are selected; every choice is seeded.
public struct TaskOptions: Sendable, Hashable, Codable {
    /// Seeds the hold-out and cap selections (one `SplitMix64` consumed in class order).
    public var seed: UInt64
    public var validation: HoldOut
    /// At most this many training images per class (after the hold-out); nil = all.
    public var trainCapPerClass: Int?

    public init(seed: UInt64 = 0, validation: HoldOut = .none, trainCapPerClass: Int? = nil) {
        self.seed = seed
        self.validation = validation
        self.trainCapPerClass = trainCapPerClass
    }
}

/// One classification task over a subset of a data set's classes (task A or B).
///
/// Named `DatasetTask`, not `Task`, so it does not shadow Swift concurrency's `Task`.
/// Labels are remapped to `0..<K` in the order of `classIDs`; the three sets' `classNames`
/// are the task's names in that order. Training/validation images keep their data-set order.
public struct DatasetTask: Sendable, Equatable {
    /// Data-set class id of each task label.
    public let classIDs: [Int]
    /// Class name of each task label.
    public let classNames: [String]
    public let options: TaskOptions
    public private(set) var train: ImageSet
    public private(set) var validation: ImageSet
    public private(set) var test: ImageSet
    /// Data-set indices (into the source train set) of the training and validation images.
    public let trainSourceIndices: [Int]
    public let validationSourceIndices: [Int]

    /// Number of classes K.
    public var classCount: Int { classIDs.count }

    /// Builds a task from a data set's train and test sets.
    ///
    /// Per class (in `classes` order) the class's training indices are shuffled with the seeded
    /// generator; the first `holdOut` go to validation, the next `cap` (or all) to training.
    /// A cap larger than the class has after the hold-out throws `capTooLarge`.
    public init(train source: ImageSet, test sourceTest: ImageSet, classes: [Int], options: TaskOptions = TaskOptions()) throws {
        try Self.check(source, sourceTest, classes: classes, options: options)
        let names = classes.map { source.classNames[$0] }
        var taskLabel = [Int](repeating: -1, count: source.classCount)
        for (k, c) in classes.enumerated() { taskLabel[c] = k }
        let (trainIdx, valIdx) = try Self.draw(source, classes: classes, options: options)
        let testIdx = sourceTest.labels.indices.filter { taskLabel[sourceTest.labels[$0]] >= 0 }

        func build(_ set: ImageSet, _ indices: [Int]) throws -> ImageSet {
            let sub = try set.subset(indices)
            return try sub.relabeled(sub.labels.map { taskLabel[$0] }, classNames: names)
        }
        self.classIDs = classes
        self.classNames = names
        self.options = options
        self.train = try build(source, trainIdx)
        self.validation = try build(source, valIdx)
        self.test = try build(sourceTest, testIdx)
        self.trainSourceIndices = trainIdx
        self.validationSourceIndices = valIdx
    }

    /// The checks of `init`: classes known and distinct, train and test alike, options in range.
    private static func check(_ source: ImageSet, _ sourceTest: ImageSet, classes: [Int], options: TaskOptions) throws {
        guard !classes.isEmpty else { throw DatasetError.emptyClassList("the task") }
        try checkSameShape(source, sourceTest, what: "train/test")
        var seen = Set<Int>()
        for c in classes {
            guard c >= 0, c < source.classCount else { throw DatasetError.unknownClass("id \(c)", available: source.classNames) }
            guard seen.insert(c).inserted else { throw DatasetError.duplicateClass(source.classNames[c]) }
        }
        guard sourceTest.classNames.count == source.classNames.count else {
            throw DatasetError.shapeMismatch("train has \(source.classCount) classes, test has \(sourceTest.classCount)")
        }
        if let cap = options.trainCapPerClass, cap < 1 {
            throw DatasetError.invalidOption("per-class training cap \(cap) must be at least 1")
        }
        switch options.validation {
        case let .count(n) where n < 0: throw DatasetError.invalidOption("validation hold-out count \(n) is negative")
        case let .fraction(f) where !(f >= 0 && f < 1): throw DatasetError.invalidOption("validation hold-out fraction \(f) must be in [0, 1)")
        default: break
        }
    }

    /// The training and validation indices (sorted) into `source`: per class, in `classes`
    /// order, one seeded shuffle, the first `holdOut` to validation, the next `cap` (or all) to training.
    private static func draw(_ source: ImageSet, classes: [Int], options: TaskOptions) throws -> (train: [Int], validation: [Int]) {
        var rng = SplitMix64(seed: options.seed)
        let byClass = source.indicesByClass()
        var trainIdx: [Int] = [], valIdx: [Int] = []
        for c in classes {
            var idx = byClass[c]
            let hold = options.validation.size(ofClassWith: idx.count)
            guard hold < idx.count else {
                throw DatasetError.holdOutTooLarge(className: source.classNames[c], available: idx.count, requested: hold)
            }
            fisherYatesShuffle(&idx, using: &rng)
            valIdx += idx[..<hold]
            let rest = idx.count - hold
            if let cap = options.trainCapPerClass {
                guard cap <= rest else {
                    throw DatasetError.capTooLarge(className: source.classNames[c], available: rest, cap: cap)
                }
                trainIdx += idx[hold..<(hold + cap)]
            } else {
                trainIdx += idx[hold...]
            }
        }
        return (trainIdx.sorted(), valIdx.sorted())
    }

    /// Builds task A or B of a resolved split.
    public init(train: ImageSet, test: ImageSet, split: ResolvedSplit, side: TaskSide, options: TaskOptions = TaskOptions()) throws {
        try self.init(train: train, test: test, classes: split.classes(side), options: options)
    }

    /// Builds a task from classes given by name or id.
    public init(train: ImageSet, test: ImageSet, classes: [ClassSelector], options: TaskOptions = TaskOptions()) throws {
        let ids = try classes.map { try $0.resolve(in: train.classNames) }
        try self.init(train: train, test: test, classes: ids, options: options)
    }

    /// Subtracts the training mean (fitted on `train`) from all three sets; returns the
    /// normalizer so its mean can be checkpointed.
    @discardableResult
    public mutating func subtractMean(_ mode: MeanMode) throws -> MeanNormalizer {
        let normalizer = MeanNormalizer(fitting: train, mode: mode)
        try normalizer.apply(to: &train)
        try normalizer.apply(to: &validation)
        try normalizer.apply(to: &test)
        return normalizer
    }

    /// Applies a stored normalizer (e.g. from a checkpoint) to all three sets.
    public mutating func apply(_ normalizer: MeanNormalizer) throws {
        try normalizer.apply(to: &train)
        try normalizer.apply(to: &validation)
        try normalizer.apply(to: &test)
    }
}
