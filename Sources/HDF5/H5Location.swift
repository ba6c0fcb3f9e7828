import CHDF5

/// A file or group: a place that holds groups and datasets.
public class H5Location: H5Object {
    /// Creates a group, with any missing intermediate groups; links are tracked in creation order.
    public func createGroup(_ path: String) throws -> H5Group {
        let id = try id()
        let place = location(of: path)
        let lcpl = try intermediateGroupsLinkList(place)
        defer { H5Pclose(lcpl) }
        let gcpl = try check(H5Pcreate(chdf5_p_group_create()), "H5Pcreate", place)
        defer { H5Pclose(gcpl) }
        try check(H5Pset_link_creation_order(gcpl, UInt32(H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED)),
                  "H5Pset_link_creation_order", place)
        let group = try check(H5Gcreate2(id, path, lcpl, gcpl, chdf5_p_default()), "H5Gcreate2", place)
        return H5Group(id: group, kind: .group, name: resolve(path), fileURL: fileURL, owner: fileObject)
    }

    /// Opens an existing group (`.notFound` if absent).
    public func openGroup(_ path: String) throws -> H5Group {
        let id = try id()
        let place = location(of: path)
        guard try contains(path) else { throw HDF5Error.notFound(path: place) }
        let group = try check(H5Gopen2(id, path, chdf5_p_default()), "H5Gopen2", place)
        return H5Group(id: group, kind: .group, name: resolve(path), fileURL: fileURL, owner: fileObject)
    }

    /// Whether a link exists at `path` (every component is checked, so missing parents are fine).
    public func contains(_ path: String) throws -> Bool {
        let id = try id()
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") where component != "." {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            let exists = try check(H5Lexists(id, prefix, chdf5_p_default()), "H5Lexists", location(of: prefix))
            if exists <= 0 { return false }
        }
        return true
    }

    /// What `path` points to (`.notFound` if absent).
    public func kind(of path: String) throws -> H5ObjectKind {
        let id = try id()
        guard try contains(path) else { throw HDF5Error.notFound(path: location(of: path)) }
        var info = H5O_info_t()
        try check(H5Oget_info_by_name2(id, path, &info, UInt32(H5O_INFO_BASIC), chdf5_p_default()),
                  "H5Oget_info_by_name", location(of: path))
        switch info.type {
        case H5O_TYPE_GROUP: return .group
        case H5O_TYPE_DATASET: return .dataset
        case H5O_TYPE_NAMED_DATATYPE: return .namedDatatype
        default: return .unknown
        }
    }

    /// Names of the links in this group: creation order when tracked, otherwise name order.
    public func children() throws -> [String] {
        let id = try id()
        let group = try check(H5Gopen2(id, ".", chdf5_p_default()), "H5Gopen2", location)
        defer { H5Gclose(group) }
        var info = H5G_info_t()
        try check(H5Gget_info(group, &info), "H5Gget_info", location)
        let gcpl = try check(H5Gget_create_plist(group), "H5Gget_create_plist", location)
        var flags: UInt32 = 0
        let orderStatus = H5Pget_link_creation_order(gcpl, &flags)
        H5Pclose(gcpl)
        let wanted = UInt32(H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED)
        let index = orderStatus >= 0 && flags & wanted == wanted ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME
        var names: [String] = []
        names.reserveCapacity(Int(info.nlinks))
        for position in 0..<info.nlinks {
            let length = try check(H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, position, nil, 0,
                                                      chdf5_p_default()), "H5Lget_name_by_idx", location)
            var buffer = [CChar](repeating: 0, count: length + 1)
            try check(H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, position, &buffer, buffer.count,
                                         chdf5_p_default()), "H5Lget_name_by_idx", location)
            names.append(string(fromCBuffer: buffer))
        }
        return names
    }

    /// Creates and writes a dataset of `shape` (row-major values), creating missing parent groups.
    @discardableResult
    public func createDataset<T: H5Scalar>(_ path: String, shape: [Int], values: [T],
                                           options: H5DatasetOptions = .checked) throws -> H5Dataset {
        let id = try id()
        let place = location(of: path)
        var dims = try validatedDims(shape, count: values.count, path: place)
        let space = dims.isEmpty ? try check(H5Screate(H5S_SCALAR), "H5Screate", place)
            : try check(H5Screate_simple(Int32(dims.count), &dims, nil), "H5Screate_simple", place)
        defer { H5Sclose(space) }
        let dcpl = try check(H5Pcreate(chdf5_p_dataset_create()), "H5Pcreate", place)
        defer { H5Pclose(dcpl) }
        if options.chunked && !shape.isEmpty && !values.isEmpty {
            let elementSize = MemoryLayout<T>.size
            var chunk = options.chunkDims(for: shape, elementSize: elementSize).map { hsize_t($0) }
            try check(H5Pset_chunk(dcpl, Int32(chunk.count), &chunk), "H5Pset_chunk", place)
            if let level = options.deflateLevel {
                try check(H5Pset_deflate(dcpl, UInt32(max(0, min(9, level)))), "H5Pset_deflate", place)
            }
            if options.fletcher32 { try check(H5Pset_fletcher32(dcpl), "H5Pset_fletcher32", place) }
        }
        let lcpl = try intermediateGroupsLinkList(place)
        defer { H5Pclose(lcpl) }
        let datasetID = try check(H5Dcreate2(id, path, T.h5Kind.fileType, space, lcpl, dcpl, chdf5_p_default()),
                                  "H5Dcreate2", place)
        let dataset = H5Dataset(id: datasetID, kind: .dataset, name: resolve(path), fileURL: fileURL,
                                owner: fileObject)
        if !values.isEmpty {
            try values.withUnsafeBufferPointer { buffer in
                _ = try check(H5Dwrite(datasetID, T.h5Kind.memoryType, chdf5_s_all(), chdf5_s_all(),
                                   chdf5_p_default(), buffer.baseAddress), "H5Dwrite", place)
            }
        }
        return dataset
    }

    /// Opens an existing dataset (`.notFound` if absent).
    public func openDataset(_ path: String) throws -> H5Dataset {
        let id = try id()
        let place = location(of: path)
        guard try contains(path) else { throw HDF5Error.notFound(path: place) }
        let datasetID = try check(H5Dopen2(id, path, chdf5_p_default()), "H5Dopen2", place)
        return H5Dataset(id: datasetID, kind: .dataset, name: resolve(path), fileURL: fileURL, owner: fileObject)
    }

    /// Reads a whole dataset: its shape and row-major values (checksums verified).
    public func readDataset<T: H5Scalar>(_ path: String, as type: T.Type = T.self) throws -> (shape: [Int], values: [T]) {
        let dataset = try openDataset(path)
        defer { try? dataset.close() }
        return (try dataset.shape(), try dataset.read(as: T.self))
    }

    /// Removes the link at `path` (the object's space is not reclaimed in the file).
    public func removeLink(_ path: String) throws {
        let id = try id()
        guard try contains(path) else { throw HDF5Error.notFound(path: location(of: path)) }
        try check(H5Ldelete(id, path, chdf5_p_default()), "H5Ldelete", location(of: path))
    }

    /// The file object children should keep alive.
    var fileObject: H5File? { owner ?? (self as? H5File) }

    private func intermediateGroupsLinkList(_ place: String) throws -> hid_t {
        let lcpl = try check(H5Pcreate(chdf5_p_link_create()), "H5Pcreate", place)
        if H5Pset_create_intermediate_group(lcpl, 1) < 0 {
            H5Pclose(lcpl)
            throw ErrorStack.error("H5Pset_create_intermediate_group", place)
        }
        return lcpl
    }
}

/// An open group.
public final class H5Group: H5Location {}
