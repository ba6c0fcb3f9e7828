/// Training-time augmentation: random crop with zero padding and random horizontal flip.
/// Off by default; the iterator draws its choices from a seeded generator.
public struct Augmentation: Sendable, Hashable, Encodable {
    /// Zero padding p on every side before a random H×W crop (offsets 0…2p); 0 = no crop.
    public var cropPadding: Int
    /// Flip left-right with probability 1/2.
    public var horizontalFlip: Bool

    public init(cropPadding: Int = 0, horizontalFlip: Bool = false) {
        self.cropPadding = cropPadding
        self.horizontalFlip = horizontalFlip
    }

    /// As configs write it (`training.augmentation`).
    enum CodingKeys: String, CodingKey { case cropPadding = "crop_padding", horizontalFlip = "horizontal_flip" }

    public static let none = Augmentation()
    public var isEnabled: Bool { cropPadding > 0 || horizontalFlip }

    /// Writes one transformed CHW image: crop at (offsetY, offsetX) ∈ [0, 2p]² of the zero-padded
    /// image, then an optional flip of the crop: `dst[c][y][x] = src[c][y+offsetY-p][x'+offsetX-p]` with
    /// `x' = flip ? W-1-x : x`, zero outside the source.
    public static func transform(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>,
                                 channels: Int, height: Int, width: Int,
                                 padding: Int, offsetY: Int, offsetX: Int, flip: Bool)
    {
        let dy = offsetY - padding, dx = offsetX - padding
        for c in 0..<channels {
            let plane = c * height * width
            for y in 0..<height {
                let sy = y + dy
                let row = dst + plane + y * width
                guard sy >= 0, sy < height else {
                    row.update(repeating: 0, count: width)
                    continue
                }
                let srow = src + plane + sy * width
                for x in 0..<width {
                    let sx = (flip ? width - 1 - x : x) + dx
                    row[x] = (sx >= 0 && sx < width) ? srow[sx] : 0
                }
            }
        }
    }

    /// Array convenience of `transform` (tests, one-off use).
    public static func transformed(_ image: [Float], channels: Int, height: Int, width: Int,
                                   padding: Int, offsetY: Int, offsetX: Int, flip: Bool) -> [Float]
    {
        var out = [Float](repeating: 0, count: channels * height * width)
        guard image.count == out.count, !out.isEmpty else { return out }
        image.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { d in
                guard let src = s.baseAddress, let dst = d.baseAddress else { return }
                transform(src, into: dst, channels: channels, height: height, width: width,
                          padding: padding, offsetY: offsetY, offsetX: offsetX, flip: flip)
            }
        }
        return out
    }
}
