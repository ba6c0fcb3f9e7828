/// A parsed IDX array: its dimensions and raw unsigned-byte payload (row-major).
public struct IDXArray: Sendable, Equatable {
    public let dimensions: [Int]
    public let payload: [UInt8]
}

/// Reader of IDX files (the MNIST family): a 4-byte magic `00 00 <type> <rank>`, `rank`
/// big-endian UInt32 dimensions, then the row-major payload. Only type 0x08 (unsigned byte)
/// is supported. Files may be gzip-compressed (detected by the 1f 8b magic, not by name).
public enum IDXReader {
    /// Magic of an idx3 unsigned-byte images file.
    public static let imagesMagic: UInt32 = 0x0000_0803
    /// Magic of an idx1 unsigned-byte labels file.
    public static let labelsMagic: UInt32 = 0x0000_0801

    /// Parses IDX bytes, checking the magic, element type, rank and payload length.
    public static func parse(_ bytes: [UInt8], rank: Int, path: String) throws -> IDXArray {
        let (dims, headerSize) = try parseHeader(bytes, rank: rank, path: path)
        return IDXArray(dimensions: dims, payload: Array(bytes[headerSize...]))
    }

    /// Checks the header and payload length; returns the dimensions and the header size.
    static func parseHeader(_ bytes: [UInt8], rank: Int, path: String) throws -> (dims: [Int], headerSize: Int) {
        let expectedMagic = UInt32(0x0800) | UInt32(rank)
        guard bytes.count >= 4 else {
            throw DatasetError.badHeader(path: path, reason: "file is \(bytes.count) bytes, shorter than the 4-byte magic")
        }
        let magic = readBE32(bytes, 0)
        guard bytes[0] == 0, bytes[1] == 0 else {
            throw DatasetError.badMagic(path: path, expected: expectedMagic, found: magic)
        }
        guard bytes[2] == 0x08 else {
            if [0x09, 0x0B, 0x0C, 0x0D, 0x0E].contains(bytes[2]) {
                throw DatasetError.unsupportedElementType(path: path, code: bytes[2])
            }
            throw DatasetError.badMagic(path: path, expected: expectedMagic, found: magic)
        }
        guard Int(bytes[3]) == rank else {
            throw DatasetError.badHeader(path: path, reason: "\(bytes[3]) dimensions, expected \(rank) (magic \(hex32(magic)), expected \(hex32(expectedMagic)))")
        }
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw DatasetError.badHeader(path: path, reason: "file is \(bytes.count) bytes, shorter than the \(headerSize)-byte header")
        }
        var dims: [Int] = []
        var total = 1
        for d in 0..<rank {
            let v = Int(readBE32(bytes, 4 + 4 * d))
            guard v > 0 else { throw DatasetError.badHeader(path: path, reason: "dimension \(d) is 0") }
            let (p, overflow) = total.multipliedReportingOverflow(by: v)
            guard !overflow, p < (1 << 40) else { throw DatasetError.badHeader(path: path, reason: "dimensions \(dims + [v]) are too large") }
            total = p
            dims.append(v)
        }
        let actual = bytes.count - headerSize
        guard actual == total else {
            throw DatasetError.payloadSizeMismatch(path: path, expected: total, actual: actual)
        }
        return (dims, headerSize)
    }

    /// Reads an idx3 images file: returns (count, height, width, pixels scaled to [0, 1]).
    /// With `transpose`, each image is stored column-major (EMNIST) and is turned upright.
    public static func readImages(path: String, transpose: Bool = false, hint: String? = nil) throws
        -> (count: Int, height: Int, width: Int, pixels: [Float])
    {
        let bytes = try readPossiblyGzippedFile(path, hint: hint, declaredSize: { declaredFileSize($0, rank: 3) })
        let (dims, offset) = try parseHeader(bytes, rank: 3, path: path)
        let (n, rows, cols) = (dims[0], dims[1], dims[2])
        let pixels = scaleBytes(bytes, offset: offset, count: n, rows: rows, cols: cols, transpose: transpose)
        return transpose ? (n, cols, rows, pixels) : (n, rows, cols, pixels)
    }

    /// Reads an idx1 labels file.
    public static func readLabels(path: String, hint: String? = nil) throws -> [Int] {
        let bytes = try readPossiblyGzippedFile(path, hint: hint, declaredSize: { declaredFileSize($0, rank: 1) })
        return try parse(bytes, rank: 1, path: path).payload.map { Int($0) }
    }

    /// Reads a matching images/labels pair into an `ImageSet` (1 channel).
    ///
    /// `labelOffset` is subtracted from every label (EMNIST letters: 1). Labels must fall in
    /// `0..<classNames.count` when names are given; with nil names, `class k` names are made
    /// for `0...max label`.
    public static func read(imagesPath: String, labelsPath: String, classNames: [String]?,
                            transpose: Bool = false, labelOffset: Int = 0, hint: String? = nil) throws -> ImageSet
    {
        let images = try readImages(path: imagesPath, transpose: transpose, hint: hint)
        var labels = try readLabels(path: labelsPath, hint: hint)
        guard images.count == labels.count else {
            throw DatasetError.countMismatch(imagesPath: imagesPath, images: images.count, labelsPath: labelsPath, labels: labels.count)
        }
        if labelOffset != 0 { labels = labels.map { $0 - labelOffset } }
        let names = classNames ?? ClassNames.generic((labels.max() ?? -1) + 1)
        if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= names.count }) {
            throw DatasetError.labelOutOfRange(path: labelsPath, index: bad, label: labels[bad] + labelOffset, classCount: names.count)
        }
        return ImageSet(unchecked: 1, images.height, images.width, images.pixels, labels, names)
    }

    /// The whole file size an IDX header of `rank` declares (header plus payload), or nil when
    /// `prefix` is too short or not such a header (the full parse then reports what is wrong).
    static func declaredFileSize(_ prefix: [UInt8], rank: Int) -> Int? {
        let headerSize = 4 + 4 * rank
        guard prefix.count >= headerSize, prefix[0] == 0, prefix[1] == 0, Int(prefix[3]) == rank else { return nil }
        var total = 1
        for d in 0..<rank {
            let (p, overflow) = total.multipliedReportingOverflow(by: Int(readBE32(prefix, 4 + 4 * d)))
            guard !overflow, p < (1 << 40) else { return nil }
            total = p
        }
        return headerSize + total
    }

    static func readBE32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }
}

/// The exact Float of each byte value divided by 255.
let byteScaleTable: [Float] = (0..<256).map { Float($0) / 255 }

/// Bytes → Floats in [0, 1] (x / 255), optionally transposing each `rows × cols` image.
/// The payload starts at `offset` and holds `count × rows × cols` bytes.
func scaleBytes(_ bytes: [UInt8], offset: Int, count: Int, rows: Int, cols: Int, transpose: Bool) -> [Float] {
    var out = [Float](repeating: 0, count: count * rows * cols)
    byteScaleTable.withUnsafeBufferPointer { table in
        bytes.withUnsafeBufferPointer { whole in
            let src = UnsafeBufferPointer(rebasing: whole[offset..<(offset + count * rows * cols)])
            out.withUnsafeMutableBufferPointer { dst in
                if !transpose {
                    for i in 0..<src.count { dst[i] = table[Int(src[i])] }
                } else {
                    let size = rows * cols
                    for n in 0..<count {
                        let s = n * size
                        // stored[r][c] is upright[c][r]: output is cols × rows.
                        for r in 0..<rows {
                            for c in 0..<cols { dst[s + c * rows + r] = table[Int(src[s + r * cols + c])] }
                        }
                    }
                }
            }
        }
    }
    return out
}
