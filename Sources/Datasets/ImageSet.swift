/// A set of labelled images in memory.
///
/// Layout: `pixels` is NCHW row-major, `count × channels × height × width` Floats (readers of
/// uint8 data scale to [0, 1]). `labels[i]` is the class id of image `i`, an index into
/// `classNames`.
public struct ImageSet: Sendable, Equatable {
    public let channels: Int
    public let height: Int
    public let width: Int
    /// NCHW row-major pixel values.
    public var pixels: [Float]
    /// Class id per image, in `0..<classNames.count`.
    public var labels: [Int]
    /// Name of each class id.
    public var classNames: [String]

    /// Validates that `pixels` holds `labels.count` images of the given shape and labels are in range.
    public init(channels: Int, height: Int, width: Int, pixels: [Float], labels: [Int], classNames: [String]) throws {
        guard channels > 0, height > 0, width > 0 else {
            throw DatasetError.shapeMismatch("image shape \(channels)×\(height)×\(width) must be positive")
        }
        guard pixels.count == labels.count * channels * height * width else {
            throw DatasetError.shapeMismatch("\(pixels.count) pixels do not hold \(labels.count) images of \(channels)×\(height)×\(width)")
        }
        if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= classNames.count }) {
            throw DatasetError.shapeMismatch("label \(labels[bad]) of image \(bad) is outside 0..<\(classNames.count)")
        }
        self.init(unchecked: channels, height, width, pixels, labels, classNames)
    }

    init(unchecked channels: Int, _ height: Int, _ width: Int, _ pixels: [Float], _ labels: [Int], _ classNames: [String]) {
        self.channels = channels
        self.height = height
        self.width = width
        self.pixels = pixels
        self.labels = labels
        self.classNames = classNames
    }

    /// Number of images N.
    public var count: Int { labels.count }
    /// Floats per image, C·H·W.
    public var imageSize: Int { channels * height * width }
    /// Number of classes (length of `classNames`).
    public var classCount: Int { classNames.count }

    /// The pixels of image `i` (CHW).
    public func image(_ i: Int) -> ArraySlice<Float> {
        pixels[(i * imageSize)..<((i + 1) * imageSize)]
    }

    /// Images per class id (length `classCount`).
    public func classCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for l in labels where l >= 0 && l < classCount { counts[l] += 1 }
        return counts
    }

    /// Indices of the images of each class id, ascending (length `classCount`).
    public func indicesByClass() -> [[Int]] {
        var result = [[Int]](repeating: [], count: classCount)
        for (i, l) in labels.enumerated() where l >= 0 && l < classCount { result[l].append(i) }
        return result
    }

    /// The images at `indices`, in that order, with the same class names.
    public func subset(_ indices: [Int]) throws -> ImageSet {
        if let bad = indices.first(where: { $0 < 0 || $0 >= count }) {
            throw DatasetError.invalidOption("subset index \(bad) outside 0..<\(count)")
        }
        let size = imageSize
        var out = [Float](repeating: 0, count: indices.count * size)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                for (k, i) in indices.enumerated() {
                    (d + k * size).update(from: s + i * size, count: size)
                }
            }
        }
        return ImageSet(unchecked: channels, height, width, out, indices.map { labels[$0] }, classNames)
    }

    /// This set with labels replaced (e.g. remapped to a task's 0..<K) and new class names.
    public func relabeled(_ newLabels: [Int], classNames newNames: [String]) throws -> ImageSet {
        guard newLabels.count == count else {
            throw DatasetError.shapeMismatch("\(newLabels.count) labels for \(count) images")
        }
        return try ImageSet(channels: channels, height: height, width: width, pixels: pixels, labels: newLabels, classNames: newNames)
    }
}
