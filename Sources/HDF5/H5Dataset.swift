import CHDF5

/// An open dataset: shape, element type, storage details and reading.
public final class H5Dataset: H5Object {
    /// The dataset's dimensions ([] for a scalar).
    public func shape() throws -> [Int] {
        let id = try id()
        let space = try check(H5Dget_space(id), "H5Dget_space", location)
        defer { H5Sclose(space) }
        let rank = try check(H5Sget_simple_extent_ndims(space), "H5Sget_simple_extent_ndims", location)
        var dims = [hsize_t](repeating: 0, count: Int(rank))
        if rank > 0 { try check(H5Sget_simple_extent_dims(space, &dims, nil), "H5Sget_simple_extent_dims", location) }
        return dims.map { Int($0) }
    }

    /// The stored element type.
    public func elementType() throws -> H5ElementType {
        let id = try id()
        let type = try check(H5Dget_type(id), "H5Dget_type", location)
        defer { H5Tclose(type) }
        return H5ElementType(type: type)
    }

    /// Reads every element (row-major), converting to `T` (same class: float or integer).
    /// Filters are undone and fletcher32 checksums verified; a mismatch throws `.checksumMismatch`.
    public func read<T: H5Scalar>(as type: T.Type = T.self) throws -> [T] {
        let id = try id()
        let found = try elementType()
        guard found.isCompatible(with: T.h5Kind) else {
            throw HDF5Error.typeMismatch(path: location, expected: T.h5Kind.name, found: found.description)
        }
        let count = try shape().reduce(1, *)
        var values = [T](repeating: .zero, count: count)
        if count > 0 {
            try values.withUnsafeMutableBufferPointer { buffer in
                _ = try check(H5Dread(id, T.h5Kind.memoryType, chdf5_s_all(), chdf5_s_all(), chdf5_p_default(),
                                  buffer.baseAddress), "H5Dread", location)
            }
        }
        return values
    }

    /// The filter pipeline, in write order.
    public func filters() throws -> [H5Filter] {
        let id = try id()
        let dcpl = try check(H5Dget_create_plist(id), "H5Dget_create_plist", location)
        defer { H5Pclose(dcpl) }
        let count = try check(H5Pget_nfilters(dcpl), "H5Pget_nfilters", location)
        var filters: [H5Filter] = []
        for index in 0..<UInt32(count) {
            var flags: UInt32 = 0
            var valueCount = 8
            var values = [UInt32](repeating: 0, count: valueCount)
            var name = [CChar](repeating: 0, count: 128)
            var config: UInt32 = 0
            let filter = try check(H5Pget_filter2(dcpl, index, &flags, &valueCount, &values, name.count, &name, &config),
                                   "H5Pget_filter2", location)
            switch filter {
            case H5Z_FILTER_DEFLATE: filters.append(.deflate(level: Int(valueCount > 0 ? values[0] : 0)))
            case H5Z_FILTER_FLETCHER32: filters.append(.fletcher32)
            case H5Z_FILTER_SHUFFLE: filters.append(.shuffle)
            default: filters.append(.other(id: Int(filter), name: string(fromCBuffer: name)))
            }
        }
        return filters
    }

    /// The chunk shape, or nil when the dataset is not chunked.
    public func chunkShape() throws -> [Int]? {
        let id = try id()
        let dcpl = try check(H5Dget_create_plist(id), "H5Dget_create_plist", location)
        defer { H5Pclose(dcpl) }
        guard H5Pget_layout(dcpl) == H5D_CHUNKED else { return nil }
        var dims = [hsize_t](repeating: 0, count: 32)
        let rank = try check(H5Pget_chunk(dcpl, Int32(dims.count), &dims), "H5Pget_chunk", location)
        return dims.prefix(Int(rank)).map { Int($0) }
    }

    /// Where each written chunk lives in the file (empty for unchunked datasets).
    public func chunkLocations() throws -> [H5ChunkLocation] {
        let id = try id()
        guard let chunk = try chunkShape() else { return [] }
        let space = try check(H5Dget_space(id), "H5Dget_space", location)
        defer { H5Sclose(space) }
        var count: hsize_t = 0
        try check(H5Dget_num_chunks(id, space, &count), "H5Dget_num_chunks", location)
        var locations: [H5ChunkLocation] = []
        for index in 0..<count {
            var offset = [hsize_t](repeating: 0, count: chunk.count)
            var mask: UInt32 = 0
            var address: haddr_t = 0
            var size: hsize_t = 0
            try check(H5Dget_chunk_info(id, space, index, &offset, &mask, &address, &size),
                      "H5Dget_chunk_info", location)
            guard address != chdf5_haddr_undef() else { continue }
            locations.append(H5ChunkLocation(logicalOffset: offset.map { Int($0) }, fileOffset: UInt64(address),
                                              byteCount: UInt64(size), filterMask: mask))
        }
        return locations
    }
}
