/// A seeded, deterministic synthetic image classification data set.
///
/// Each class has a fixed smooth random prototype (a shared component plus a class-specific
/// one, each a random 4×4 grid per channel upsampled bilinearly). A sample is its class
/// prototype shifted by up to `maxShift` pixels (edge-clamped), with a random contrast in
/// [0.8, 1.2] about 0.5 and Gaussian pixel noise of std `noise`, clamped to [0, 1].
/// Samples are interleaved by class (label of sample i is i mod classes). Names: `class k`.
public struct SyntheticDataset: Sendable, Hashable, Encodable {
    public var seed: UInt64
    public var classes: Int
    public var trainPerClass: Int
    public var testPerClass: Int
    public var channels: Int
    public var height: Int
    public var width: Int
    public var noise: Double
    public var maxShift: Int

    public init(seed: UInt64 = 0, classes: Int = 10, trainPerClass: Int = 100, testPerClass: Int = 20,
                channels: Int = 1, height: Int = 28, width: Int = 28, noise: Double = 0.3, maxShift: Int = 2)
    {
        self.seed = seed
        self.classes = classes
        self.trainPerClass = trainPerClass
        self.testPerClass = testPerClass
        self.channels = channels
        self.height = height
        self.width = width
        self.noise = noise
        self.maxShift = maxShift
    }

    enum CodingKeys: String, CodingKey {
        case seed, classes, trainPerClass = "train_per_class", testPerClass = "test_per_class", channels, height, width
        case noise, maxShift = "max_shift"
    }

    func validate() throws {
        guard classes >= 1, trainPerClass >= 1, testPerClass >= 1, channels >= 1, height >= 1, width >= 1 else {
            throw DatasetError.invalidOption("synthetic data set sizes must be positive (classes \(classes), per class \(trainPerClass)/\(testPerClass), shape \(channels)×\(height)×\(width))")
        }
        guard noise >= 0, noise.isFinite, maxShift >= 0 else {
            throw DatasetError.invalidOption("synthetic noise \(noise) and maxShift \(maxShift) must be non-negative")
        }
    }

    /// The class prototypes: `classes × C×H×W` values in [0, 1].
    public func prototypes() -> [Float] {
        var rng = SplitMix64.derived(seed: seed, stream: 0)
        let shared = smoothField(&rng)
        var out: [Float] = []
        out.reserveCapacity(classes * channels * height * width)
        for _ in 0..<classes {
            let own = smoothField(&rng)
            for k in 0..<own.count {
                out.append(Float(min(1, max(0, 0.5 + 0.12 * shared[k] + 0.2 * own[k]))))
            }
        }
        return out
    }

    /// A C×H×W field: per channel a 4×4 grid of N(0,1) values, bilinearly upsampled.
    func smoothField(_ rng: inout SplitMix64) -> [Double] {
        let g = 4
        var field = [Double](repeating: 0, count: channels * height * width)
        for c in 0..<channels {
            let grid = (0..<(g * g)).map { _ in rng.nextGaussian() }
            for y in 0..<height {
                let fy = height > 1 ? Double(y) / Double(height - 1) * Double(g - 1) : 0
                let y0 = min(Int(fy), g - 2), ty = fy - Double(y0)
                for x in 0..<width {
                    let fx = width > 1 ? Double(x) / Double(width - 1) * Double(g - 1) : 0
                    let x0 = min(Int(fx), g - 2), tx = fx - Double(x0)
                    let v = (1 - ty) * ((1 - tx) * grid[y0 * g + x0] + tx * grid[y0 * g + x0 + 1])
                        + ty * ((1 - tx) * grid[(y0 + 1) * g + x0] + tx * grid[(y0 + 1) * g + x0 + 1])
                    field[(c * height + y) * width + x] = v
                }
            }
        }
        return field
    }

    /// Generates the train and test sets.
    public func load() throws -> (train: ImageSet, test: ImageSet) {
        try validate()
        let protos = prototypes()
        let names = ClassNames.generic(classes)
        func generate(_ perClass: Int, stream: UInt64) -> ImageSet {
            var rng = SplitMix64.derived(seed: seed, stream: stream)
            let n = perClass * classes, size = channels * height * width
            var pixels = [Float](repeating: 0, count: n * size)
            var labels = [Int](repeating: 0, count: n)
            protos.withUnsafeBufferPointer { proto in
                pixels.withUnsafeMutableBufferPointer { px in
                    for i in 0..<n {
                        let label = i % classes
                        labels[i] = label
                        let dy = rng.nextInt(in: -maxShift...maxShift), dx = rng.nextInt(in: -maxShift...maxShift)
                        let contrast = 0.8 + 0.4 * rng.nextDouble()
                        let p = label * size, o = i * size
                        for c in 0..<channels {
                            for y in 0..<height {
                                let sy = min(height - 1, max(0, y - dy))
                                for x in 0..<width {
                                    let sx = min(width - 1, max(0, x - dx))
                                    let base = Double(proto[p + (c * height + sy) * width + sx])
                                    let v = 0.5 + contrast * (base - 0.5) + noise * rng.nextGaussian()
                                    px[o + (c * height + y) * width + x] = Float(min(1, max(0, v)))
                                }
                            }
                        }
                    }
                }
            }
            return ImageSet(unchecked: channels, height, width, pixels, labels, names)
        }
        return (generate(trainPerClass, stream: 1), generate(testPerClass, stream: 2))
    }
}
