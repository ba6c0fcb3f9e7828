/// Where things are in an HDF5 file's bytes, for tests that damage them on purpose.
public enum HDF5Bytes {
    /// Byte ranges of the v1 B-tree nodes indexing raw-data chunks ("TREE", node type 1):
    /// header, keys (chunk size, filter mask, offsets) and child addresses.
    public static func chunkIndexRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var i = 0
        while i + 24 < bytes.count {
            if bytes[i] == 0x54, bytes[i + 1] == 0x52, bytes[i + 2] == 0x45, bytes[i + 3] == 0x45, bytes[i + 4] == 1 {
                let entries = Int(bytes[i + 6]) | Int(bytes[i + 7]) << 8
                // Keys are 8 + 8·(rank + 1) bytes; rank ≤ 4 here, so 48 bytes bound each key.
                let end = min(bytes.count, i + 24 + entries * (48 + 8) + 48)
                ranges.append(i + 4 ..< end)
                i = end
            } else {
                i += 1
            }
        }
        return ranges
    }
}
