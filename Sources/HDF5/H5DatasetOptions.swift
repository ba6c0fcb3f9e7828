/// Storage options for a new dataset. Chunking, compression and the checksum apply to datasets
/// with rank ≥ 1 and at least one element; empty and scalar datasets are stored contiguously.
public struct H5DatasetOptions: Sendable, Equatable {
    /// Store in chunks (required for filters).
    public var chunked: Bool
    /// gzip/deflate level 0...9, or nil for no compression.
    public var deflateLevel: Int?
    /// Append a fletcher32 checksum to every chunk (verified on every read).
    public var fletcher32: Bool
    /// Explicit chunk shape; nil picks one of at most `maxChunkBytes`.
    public var chunkShape: [Int]?
    /// Upper bound on an automatically chosen chunk's size in bytes.
    public var maxChunkBytes: Int

    public init(chunked: Bool = true, deflateLevel: Int? = 4, fletcher32: Bool = true,
                chunkShape: [Int]? = nil, maxChunkBytes: Int = 1 << 20) {
        self.chunked = chunked
        self.deflateLevel = deflateLevel
        self.fletcher32 = fletcher32
        self.chunkShape = chunkShape
        self.maxChunkBytes = maxChunkBytes
    }

    /// Chunked, deflate level 4, fletcher32: the default.
    public static let checked = H5DatasetOptions()
    /// Contiguous, no filters.
    public static let contiguous = H5DatasetOptions(chunked: false, deflateLevel: nil, fletcher32: false)

    /// Chunk dims for `shape`: the explicit shape, or the whole dataset with its largest
    /// dimension halved until a chunk holds at most `maxChunkBytes`.
    func chunkDims(for shape: [Int], elementSize: Int) -> [Int] {
        if let chunkShape, chunkShape.count == shape.count {
            return zip(chunkShape, shape).map { max(1, min($0, $1)) }
        }
        var dims = shape
        while dims.reduce(elementSize, *) > maxChunkBytes,
              let largest = dims.indices.max(by: { dims[$0] < dims[$1] }), dims[largest] > 1 {
            dims[largest] = (dims[largest] + 1) / 2
        }
        return dims
    }
}

/// A filter applied to a dataset's chunks.
public enum H5Filter: Sendable, Equatable, CustomStringConvertible {
    case deflate(level: Int)
    case fletcher32
    case shuffle
    case other(id: Int, name: String)

    public var description: String {
        switch self {
        case let .deflate(level): "gzip(\(level))"
        case .fletcher32: "fletcher32"
        case .shuffle: "shuffle"
        case let .other(id, name): "\(name) (\(id))"
        }
    }
}

/// Where one chunk of a dataset is stored in the file.
public struct H5ChunkLocation: Sendable, Equatable {
    /// Logical coordinates of the chunk's first element.
    public var logicalOffset: [Int]
    /// Byte offset of the (filtered) chunk in the file.
    public var fileOffset: UInt64
    /// Stored (filtered) size in bytes, checksum included.
    public var byteCount: UInt64
    /// Bit i set = filter i was skipped for this chunk.
    public var filterMask: UInt32
}

/// What kind of object a link points to.
public enum H5ObjectKind: Sendable, Equatable {
    case group, dataset, namedDatatype, unknown
}
