import CDNNL

/// A oneDNN memory descriptor: dimensions plus a (possibly blocked) layout.
struct MemoryDesc: Equatable, @unchecked Sendable {
    var raw: dnnl_memory_desc_t

    init(raw: dnnl_memory_desc_t) { self.raw = raw }

    /// A descriptor of float32 `dims` in layout `tag` (`dnnl_format_tag_any` lets a primitive choose).
    init(_ dims: [Int], _ tag: dnnl_format_tag_t) throws {
        var md = dnnl_memory_desc_t()
        try check(dnnl_memory_desc_init_by_tag(&md, Int32(dims.count), dnnlDims(dims), dnnl_f32, tag),
                  "memory_desc_init_by_tag(\(dims))")
        raw = md
    }

    /// The plain (row-major, PyTorch) layout for a tensor of `dims`: x, nc, nchw.
    static func plain(_ dims: [Int]) throws -> MemoryDesc {
        let tags: [dnnl_format_tag_t] = [dnnl_a, dnnl_ab, dnnl_abc, dnnl_abcd]
        return try MemoryDesc(dims, tags[dims.count - 1])
    }

    static func any(_ dims: [Int]) throws -> MemoryDesc { try MemoryDesc(dims, dnnl_format_tag_any) }

    /// Bytes a buffer of this layout needs (blocked layouts may pad).
    var byteSize: Int { withUnsafePointer(to: raw) { dnnl_memory_desc_get_size($0) } }

    var dims: [Int] {
        withUnsafeBytes(of: raw.dims) { buf in
            Array(buf.bindMemory(to: Int64.self).prefix(Int(raw.ndims)).map(Int.init))
        }
    }

    static func == (a: MemoryDesc, b: MemoryDesc) -> Bool {
        withUnsafePointer(to: a.raw) { pa in withUnsafePointer(to: b.raw) { pb in dnnl_memory_desc_equal(pa, pb) != 0 } }
    }
}

/// A oneDNN dimension array (`dnnl_dims_t`, 12 entries) from a Swift array; C parameters of
/// that type take it as a pointer.
func dnnlDims(_ values: [Int]) -> [Int64] {
    values.map(Int64.init) + [Int64](repeating: 0, count: 12 - values.count)
}

/// A oneDNN memory object owning a float buffer in some layout.
final class Memory: @unchecked Sendable {
    let handle: dnnl_memory_t
    let desc: MemoryDesc
    /// Number of floats the buffer holds (including blocked-layout padding).
    let capacity: Int

    /// Allocates a zero-filled buffer for `desc`.
    init(_ desc: MemoryDesc) throws {
        var md = desc.raw
        var h: dnnl_memory_t?
        try check(dnnl_memory_create(&h, &md, DNNLContext.shared.engine, cdnnl_memory_allocate()), "memory_create")
        handle = h!
        self.desc = desc
        capacity = desc.byteSize / MemoryLayout<Float>.stride
        pointer.initialize(repeating: 0, count: capacity)
    }

    /// A second view of `other`'s buffer under another descriptor of the same byte size
    /// (e.g. a [O, I] weight seen as [O, C, H, W]); keeps `other` alive.
    init(viewing other: Memory, as desc: MemoryDesc) throws {
        precondition(desc.byteSize <= other.desc.byteSize, "view larger than its buffer")
        var md = desc.raw
        var h: dnnl_memory_t?
        try check(dnnl_memory_create(&h, &md, DNNLContext.shared.engine, UnsafeMutableRawPointer(other.pointer)),
                  "memory_create(view)")
        handle = h!
        self.desc = desc
        capacity = desc.byteSize / MemoryLayout<Float>.stride
        owner = other
    }

    private var owner: Memory?

    deinit { dnnl_memory_destroy(handle) }

    /// The buffer's first float.
    var pointer: UnsafeMutablePointer<Float> {
        var p: UnsafeMutableRawPointer?
        dnnl_memory_get_data_handle(handle, &p)
        return p!.assumingMemoryBound(to: Float.self)
    }

    var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: capacity) }
}
