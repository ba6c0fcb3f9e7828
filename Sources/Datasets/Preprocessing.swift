/// Which training-set mean is subtracted from the images.
public enum MeanMode: String, Sendable, Codable, CaseIterable {
    /// Nothing is subtracted.
    case none
    /// One mean per channel (C values).
    case perChannel
    /// The mean image (C×H×W values), as in the paper.
    case perPixel
}

/// A mean fitted on a training set, applied identically to train, validation and test.
///
/// `mean` layout: `.perChannel` C values; `.perPixel` C×H×W values (CHW); `.none` empty.
/// Store `mode`, `mean` and the shape in a checkpoint and rebuild with `init(mode:mean:…)`.
public struct MeanNormalizer: Sendable, Hashable, Codable {
    public let mode: MeanMode
    public let channels: Int
    public let height: Int
    public let width: Int
    public let mean: [Float]

    /// Fits the mean of `set` (accumulated in Double).
    public init(fitting set: ImageSet, mode: MeanMode) {
        self.mode = mode
        channels = set.channels
        height = set.height
        width = set.width
        let plane = set.height * set.width, size = set.imageSize, n = set.count
        var sums = [Double](repeating: 0, count: mode == .none ? 0 : size)
        if mode != .none && n > 0 {
            set.pixels.withUnsafeBufferPointer { px in
                sums.withUnsafeMutableBufferPointer { s in
                    for i in 0..<n {
                        let base = i * size
                        for k in 0..<size { s[k] += Double(px[base + k]) }
                    }
                }
            }
        }
        switch mode {
        case .none:
            mean = []
        case .perPixel:
            mean = sums.map { Float($0 / Double(max(n, 1))) }
        case .perChannel:
            mean = (0..<set.channels).map { c in
                Float(sums[(c * plane)..<((c + 1) * plane)].reduce(0, +) / Double(max(n * plane, 1)))
            }
        }
    }

    /// Restores a stored normalizer; the mean's length must fit the mode and shape.
    public init(mode: MeanMode, mean: [Float], channels: Int, height: Int, width: Int) throws {
        let expected = mode == .none ? 0 : (mode == .perChannel ? channels : channels * height * width)
        guard mean.count == expected else {
            throw DatasetError.shapeMismatch("\(mode.rawValue) mean of \(mean.count) values for images \(channels)×\(height)×\(width) (expected \(expected))")
        }
        self.mode = mode
        self.mean = mean
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// Subtracts the mean in place; the set must have the fitted shape.
    public func apply(to set: inout ImageSet) throws {
        guard set.channels == channels, set.height == height, set.width == width else {
            throw DatasetError.shapeMismatch("mean fitted on \(channels)×\(height)×\(width) images, applied to \(set.channels)×\(set.height)×\(set.width)")
        }
        guard mode != .none else { return }
        let size = set.imageSize, plane = height * width, n = set.count
        let perPixel: [Float] = mode == .perPixel
            ? mean
            : (0..<size).map { mean[$0 / plane] }
        perPixel.withUnsafeBufferPointer { m in
            set.pixels.withUnsafeMutableBufferPointer { px in
                for i in 0..<n {
                    let base = i * size
                    for k in 0..<size { px[base + k] -= m[k] }
                }
            }
        }
    }

    /// A copy of `set` with the mean subtracted.
    public func applied(to set: ImageSet) throws -> ImageSet {
        var copy = set
        try apply(to: &copy)
        return copy
    }
}
