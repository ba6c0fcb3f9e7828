/// What happens to the last, smaller batch of an epoch.
public enum PartialBatch: String, Sendable, Codable, CaseIterable {
    /// Skip it: every batch is full.
    case drop
    /// Yield it with `count < capacity`.
    case keep
}

/// A reusable mini-batch buffer. `inputs` holds `capacity × C×H×W` Floats (NCHW) and `labels`
/// `capacity` Int32s; only the first `count` images/labels are valid. `indices` are the
/// samples' positions in the source `ImageSet`.
public struct Batch: Sendable {
    public let capacity: Int
    public let channels: Int
    public let height: Int
    public let width: Int
    public internal(set) var count: Int = 0
    public internal(set) var inputs: [Float]
    public internal(set) var labels: [Int32]
    public internal(set) var indices: [Int]

    public init(capacity: Int, channels: Int, height: Int, width: Int) {
        self.capacity = max(capacity, 0)
        self.channels = channels
        self.height = height
        self.width = width
        inputs = [Float](repeating: 0, count: self.capacity * channels * height * width)
        labels = [Int32](repeating: 0, count: self.capacity)
        indices = [Int](repeating: 0, count: self.capacity)
    }

    /// Floats per image.
    public var imageSize: Int { channels * height * width }
}

/// Everything needed to resume a `BatchIterator` exactly (store it in a checkpoint).
public struct BatchIteratorState: Sendable, Hashable, Codable {
    /// Epochs completed before the current one (0-based current epoch).
    public var epoch: Int
    /// Samples of the current epoch's permutation already served.
    public var position: Int
    /// Shuffle generator state at the start of the current epoch (its permutation is redrawn from it).
    public var epochShuffleState: UInt64
    /// Augmentation generator state.
    public var augmentationState: UInt64

    public init(epoch: Int, position: Int, epochShuffleState: UInt64, augmentationState: UInt64) {
        self.epoch = epoch
        self.position = position
        self.epochShuffleState = epochShuffleState
        self.augmentationState = augmentationState
    }
}

/// Seeded mini-batches over an `ImageSet`: each epoch a fresh Fisher–Yates permutation
/// (or data order with `shuffle: false`); batches are copied into a caller-owned `Batch`
/// buffer (no per-batch allocation).
///
/// Training uses the infinite stream `next(into:)` (epochs roll over); evaluation uses
/// `nextInEpoch(into:)` or `BatchSequence`. `state`/`restore(_:)` capture and resume exactly.
public struct BatchIterator: Sendable {
    public let images: ImageSet
    public let batchSize: Int
    public let shuffle: Bool
    public let partialBatch: PartialBatch
    public let augmentation: Augmentation
    /// Current epoch (0-based).
    public private(set) var epoch: Int = 0
    /// Samples of the current epoch already served.
    public private(set) var position: Int = 0
    /// The current epoch's sample order.
    public private(set) var order: [Int]
    private var shuffleRNG: SplitMix64
    private var epochShuffleState: UInt64
    private var augmentRNG: SplitMix64

    public init(images: ImageSet, batchSize: Int, seed: UInt64, shuffle: Bool = true,
                partialBatch: PartialBatch = .keep, augmentation: Augmentation = .none) throws
    {
        guard batchSize >= 1 else { throw DatasetError.invalidOption("batch size \(batchSize) must be at least 1") }
        guard images.count >= 1 else { throw DatasetError.invalidOption("cannot batch an empty image set") }
        if partialBatch == .drop && images.count < batchSize {
            throw DatasetError.invalidOption("batch size \(batchSize) exceeds the \(images.count) images and partial batches are dropped")
        }
        guard augmentation.cropPadding >= 0 else {
            throw DatasetError.invalidOption("crop padding \(augmentation.cropPadding) is negative")
        }
        self.images = images
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.partialBatch = partialBatch
        self.augmentation = augmentation
        shuffleRNG = SplitMix64.derived(seed: seed, stream: .shuffle)
        augmentRNG = SplitMix64.derived(seed: seed, stream: .augmentation)
        epochShuffleState = shuffleRNG.state
        order = []
        drawOrder()
    }

    /// A buffer sized for this iterator's batches.
    public func makeBatch() -> Batch {
        Batch(capacity: batchSize, channels: images.channels, height: images.height, width: images.width)
    }

    /// Batches per epoch under the partial-batch policy.
    public var batchesPerEpoch: Int {
        partialBatch == .drop ? images.count / batchSize : (images.count + batchSize - 1) / batchSize
    }

    /// True when the current epoch has no (policy-allowed) batch left.
    var epochExhausted: Bool {
        let remaining = images.count - position
        return remaining == 0 || (partialBatch == .drop && remaining < batchSize)
    }

    /// Fills `batch` with the next batch of the current epoch and returns true; at the end of
    /// the epoch returns false (batch.count = 0) and moves to the next epoch.
    public mutating func nextInEpoch(into batch: inout Batch) -> Bool {
        if epochExhausted {
            startNextEpoch()
            batch.count = 0
            return false
        }
        fill(&batch)
        return true
    }

    /// The infinite stream: fills `batch` with the next batch, starting a new epoch (fresh
    /// permutation) when the current one is exhausted. Returns the number of images.
    @discardableResult
    public mutating func next(into batch: inout Batch) -> Int {
        if epochExhausted { startNextEpoch() }
        fill(&batch)
        return batch.count
    }

    /// The exact position in the stream.
    public var state: BatchIteratorState {
        BatchIteratorState(epoch: epoch, position: position, epochShuffleState: epochShuffleState,
                           augmentationState: augmentRNG.state)
    }

    /// Resumes from a captured state (same images, batch size, seed options).
    public mutating func restore(_ state: BatchIteratorState) throws {
        guard state.epoch >= 0, state.position >= 0, state.position <= images.count else {
            throw DatasetError.invalidOption("iterator state epoch \(state.epoch) position \(state.position) does not fit \(images.count) images")
        }
        shuffleRNG.state = state.epochShuffleState
        epochShuffleState = state.epochShuffleState
        drawOrder()
        epoch = state.epoch
        position = state.position
        augmentRNG.state = state.augmentationState
    }

    private mutating func startNextEpoch() {
        epoch += 1
        position = 0
        epochShuffleState = shuffleRNG.state
        drawOrder()
    }

    private mutating func drawOrder() {
        order = Array(0..<images.count)
        if shuffle { fisherYatesShuffle(&order, using: &shuffleRNG) }
    }

    /// The next `n` samples of the order into `batch`: their indices, labels and images.
    private mutating func fill(_ batch: inout Batch) {
        let n = min(batchSize, batch.capacity, images.count - position)
        for k in 0..<n {
            let i = order[position + k]
            batch.indices[k] = i
            batch.labels[k] = Int32(truncatingIfNeeded: images.labels[i])
        }
        copyImages(count: n, into: &batch)
        batch.count = n
        position += n
    }

    /// Copies the next `n` images of the order into the batch, cropped and flipped with the
    /// augmentation generator when augmentation is on (three draws or fewer per image, in order).
    private mutating func copyImages(count n: Int, into batch: inout Batch) {
        let size = images.imageSize, start = position, order = order
        let (c, h, w) = (images.channels, images.height, images.width)
        let aug = augmentation
        var rng = augmentRNG
        images.pixels.withUnsafeBufferPointer { px in
            batch.inputs.withUnsafeMutableBufferPointer { dst in
                guard let src = px.baseAddress, let out = dst.baseAddress else { return }
                for k in 0..<n {
                    let image = src + order[start + k] * size, slot = out + k * size
                    guard aug.isEnabled else {
                        slot.update(from: image, count: size)
                        continue
                    }
                    let p = aug.cropPadding
                    let oy = p > 0 ? rng.nextInt(below: 2 * p + 1) : 0
                    let ox = p > 0 ? rng.nextInt(below: 2 * p + 1) : 0
                    let flip = aug.horizontalFlip ? rng.nextBool() : false
                    Augmentation.transform(image, into: slot, channels: c, height: h, width: w, padding: p,
                                           offsetY: oy, offsetX: ox, flip: flip)
                }
            }
        }
        augmentRNG = rng
    }
}

/// One pass over an `ImageSet` in data order (evaluation), yielding batches that share one
/// buffer: do not keep a yielded batch past the next iteration (that would force a copy).
/// The last batch may be partial.
public struct BatchSequence: Sequence, Sendable {
    public let images: ImageSet
    public let batchSize: Int

    public init(images: ImageSet, batchSize: Int) {
        self.images = images
        self.batchSize = Swift.max(1, batchSize)
    }

    public struct Iterator: IteratorProtocol, Sendable {
        var inner: BatchIterator?
        var batch: Batch

        public mutating func next() -> Batch? {
            guard var it = inner else { return nil }
            inner = nil
            guard it.nextInEpoch(into: &batch) else { return nil }
            inner = it
            return batch
        }
    }

    public func makeIterator() -> Iterator {
        let inner = try? BatchIterator(images: images, batchSize: batchSize, seed: 0, shuffle: false)
        return Iterator(inner: inner, batch: inner?.makeBatch() ?? Batch(capacity: 0, channels: 1, height: 1, width: 1))
    }
}
