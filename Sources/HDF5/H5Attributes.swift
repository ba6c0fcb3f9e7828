import CHDF5

/// How a string attribute is stored; both are UTF-8.
public enum H5StringStorage: Sendable {
    /// Variable-length string (h5py reads it as `str`).
    case variableLength
    /// Fixed-length, NUL-padded string of exactly the UTF-8 byte count (at least 1).
    case fixedLength
}

/// Attributes on files, groups and datasets: strings, numeric scalars and 1-D numeric arrays.
/// Setting an attribute that exists replaces it.
extension H5Object {
    /// Whether the attribute exists.
    public func hasAttribute(_ name: String) throws -> Bool {
        let id = try id()
        return try check(H5Aexists(id, name), "H5Aexists", attributeLocation(name)) > 0
    }

    /// The names of all attributes, in name order.
    public func attributeNames() throws -> [String] {
        let id = try id()
        var info = H5O_info_t()
        try check(H5Oget_info2(id, &info, UInt32(H5O_INFO_NUM_ATTRS)), "H5Oget_info", location)
        var names: [String] = []
        for index in 0..<info.num_attrs {
            let length = try check(H5Aget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0,
                                                      chdf5_p_default()), "H5Aget_name_by_idx", location)
            var buffer = [CChar](repeating: 0, count: length + 1)
            try check(H5Aget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer, buffer.count,
                                         chdf5_p_default()), "H5Aget_name_by_idx", location)
            names.append(string(fromCBuffer: buffer))
        }
        return names
    }

    /// Deletes an attribute (error if absent).
    public func deleteAttribute(_ name: String) throws {
        let id = try id()
        guard try hasAttribute(name) else { throw HDF5Error.notFound(path: attributeLocation(name)) }
        try check(H5Adelete(id, name), "H5Adelete", attributeLocation(name))
    }

    // MARK: Writing

    /// Stores a UTF-8 string attribute (no NUL characters).
    public func setAttribute(_ name: String, _ value: String, storage: H5StringStorage = .variableLength) throws {
        let place = attributeLocation(name)
        guard !value.utf8.contains(0) else {
            throw HDF5Error.invalidArgument(path: place, reason: "string contains a NUL character")
        }
        let type = try stringType(storage == .variableLength ? chdf5_variable() : max(1, value.utf8.count), place)
        defer { H5Tclose(type) }
        let space = try check(H5Screate(H5S_SCALAR), "H5Screate", place)
        defer { H5Sclose(space) }
        let attribute = try createAttribute(name, type: type, space: space)
        defer { H5Aclose(attribute) }
        switch storage {
        case .variableLength:
            try value.withCString { chars in
                var pointer: UnsafePointer<CChar>? = chars
                try check(H5Awrite(attribute, type, &pointer), "H5Awrite", place)
            }
        case .fixedLength:
            var bytes = Array(value.utf8)
            if bytes.isEmpty { bytes = [0] }
            try check(H5Awrite(attribute, type, bytes), "H5Awrite", place)
        }
    }

    /// Stores a numeric scalar attribute.
    public func setAttribute<T: H5Scalar>(_ name: String, _ value: T) throws {
        try writeNumericAttribute(name, [value], scalar: true)
    }

    /// Stores a 1-D numeric array attribute (may be empty).
    public func setAttribute<T: H5Scalar>(_ name: String, _ values: [T]) throws {
        try writeNumericAttribute(name, values, scalar: false)
    }

    // MARK: Reading

    /// Reads a string attribute (variable or fixed length).
    public func stringAttribute(_ name: String) throws -> String {
        try withAttribute(name) { attribute, fileType, space, place in
            let found = H5ElementType(type: fileType)
            guard case let .string(variable) = found else {
                throw HDF5Error.typeMismatch(path: place, expected: "string", found: found.description)
            }
            guard H5Sget_simple_extent_npoints(space) == 1 else {
                throw HDF5Error.invalidShape(path: place, reason: "expected a single string")
            }
            if variable {
                let memoryType = try stringType(chdf5_variable(), place)
                defer { H5Tclose(memoryType) }
                var pointer: UnsafeMutablePointer<CChar>? = nil
                try check(H5Aread(attribute, memoryType, &pointer), "H5Aread", place)
                defer { if pointer != nil { H5Dvlen_reclaim(memoryType, space, chdf5_p_default(), &pointer) } }
                return pointer.map { String(cString: $0) } ?? ""
            }
            let size = H5Tget_size(fileType)
            guard size > 0 else { throw ErrorStack.error("H5Tget_size", place) }
            let memoryType = try check(H5Tcopy(fileType), "H5Tcopy", place)
            defer { H5Tclose(memoryType) }
            var bytes = [UInt8](repeating: 0, count: size)
            try check(H5Aread(attribute, memoryType, &bytes), "H5Aread", place)
            if let end = bytes.firstIndex(of: 0) { bytes.removeSubrange(end...) }
            if H5Tget_strpad(fileType) == H5T_STR_SPACEPAD { while bytes.last == 0x20 { bytes.removeLast() } }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Reads a numeric attribute holding exactly one value (scalar or 1-element array).
    public func attribute<T: H5Scalar>(_ name: String, as type: T.Type = T.self) throws -> T {
        let values: [T] = try arrayAttribute(name)
        guard values.count == 1, let value = values.first else {
            throw HDF5Error.invalidShape(path: attributeLocation(name), reason: "expected one value, found \(values.count)")
        }
        return value
    }

    /// Reads a numeric attribute as a flat array (any rank).
    public func arrayAttribute<T: H5Scalar>(_ name: String, as type: T.Type = T.self) throws -> [T] {
        try withAttribute(name) { attribute, fileType, space, place in
            let found = H5ElementType(type: fileType)
            guard found.isCompatible(with: T.h5Kind) else {
                throw HDF5Error.typeMismatch(path: place, expected: T.h5Kind.name, found: found.description)
            }
            let count = try check(H5Sget_simple_extent_npoints(space), "H5Sget_simple_extent_npoints", place)
            var values = [T](repeating: .zero, count: Int(count))
            if count > 0 {
                try values.withUnsafeMutableBufferPointer { buffer in
                    _ = try check(H5Aread(attribute, T.h5Kind.memoryType, buffer.baseAddress), "H5Aread", place)
                }
            }
            return values
        }
    }

    // MARK: Helpers

    func attributeLocation(_ name: String) -> String { "\(location)@\(name)" }

    /// Opens an attribute with its file type and dataspace for `body` (closing all three after);
    /// `place` names it in errors.
    private func withAttribute<R>(_ name: String,
                                  _ body: (_ attribute: hid_t, _ fileType: hid_t, _ space: hid_t, _ place: String) throws -> R) throws -> R {
        let place = attributeLocation(name)
        let attribute = try openAttribute(name)
        defer { H5Aclose(attribute) }
        let fileType = try check(H5Aget_type(attribute), "H5Aget_type", place)
        defer { H5Tclose(fileType) }
        let space = try check(H5Aget_space(attribute), "H5Aget_space", place)
        defer { H5Sclose(space) }
        return try body(attribute, fileType, space, place)
    }

    private func writeNumericAttribute<T: H5Scalar>(_ name: String, _ values: [T], scalar: Bool) throws {
        let place = attributeLocation(name)
        let space: hid_t
        if scalar {
            space = try check(H5Screate(H5S_SCALAR), "H5Screate", place)
        } else {
            var dims = [hsize_t(values.count)]
            space = try check(H5Screate_simple(1, &dims, nil), "H5Screate_simple", place)
        }
        defer { H5Sclose(space) }
        let attribute = try createAttribute(name, type: T.h5Kind.fileType, space: space)
        defer { H5Aclose(attribute) }
        if !values.isEmpty {
            try values.withUnsafeBufferPointer { buffer in
                _ = try check(H5Awrite(attribute, T.h5Kind.memoryType, buffer.baseAddress), "H5Awrite", place)
            }
        }
    }

    /// Creates (replacing any existing) attribute; the caller closes the returned id.
    private func createAttribute(_ name: String, type: hid_t, space: hid_t) throws -> hid_t {
        let id = try id()
        if try hasAttribute(name) {
            try check(H5Adelete(id, name), "H5Adelete", attributeLocation(name))
        }
        return try check(H5Acreate2(id, name, type, space, chdf5_p_default(), chdf5_p_default()),
                         "H5Acreate2", attributeLocation(name))
    }

    /// Opens an attribute (`.notFound` if absent); the caller closes the returned id.
    private func openAttribute(_ name: String) throws -> hid_t {
        let id = try id()
        guard try hasAttribute(name) else { throw HDF5Error.notFound(path: attributeLocation(name)) }
        return try check(H5Aopen(id, name, chdf5_p_default()), "H5Aopen", attributeLocation(name))
    }

    /// A UTF-8 C-string type of `size` bytes (or variable length); the caller closes it.
    private func stringType(_ size: Int, _ place: String) throws -> hid_t {
        let type = try check(H5Tcopy(chdf5_c_s1()), "H5Tcopy", place)
        do {
            try check(H5Tset_size(type, size), "H5Tset_size", place)
            try check(H5Tset_cset(type, H5T_CSET_UTF8), "H5Tset_cset", place)
            if size != chdf5_variable() { try check(H5Tset_strpad(type, H5T_STR_NULLPAD), "H5Tset_strpad", place) }
        } catch {
            H5Tclose(type)
            throw error
        }
        return type
    }
}
