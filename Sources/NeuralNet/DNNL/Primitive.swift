import CDNNL

/// A created oneDNN primitive with its descriptor and its bound execution arguments.
///
/// Arguments are bound once (`bind`), so executing in the training loop allocates nothing.
final class Primitive: @unchecked Sendable {
    let pd: dnnl_primitive_desc_t
    let primitive: dnnl_primitive_t
    let name: String
    private var args: [dnnl_exec_arg_t] = []
    /// The bound memories, kept alive as long as their handles are bound.
    private var bound: [Memory] = []
    private var scratchpad: Memory?

    /// Creates a primitive from an operation descriptor (2.6 API: `dnnl_*_desc_t`). `context`
    /// (e.g. the layer and its tensor shapes) is what a failure names besides `name`.
    convenience init<OpDesc>(_ name: String, op: OpDesc, attr: PrimitiveAttributes? = nil,
                             hint: Primitive? = nil, context: String? = nil) throws {
        var opDesc = op
        var pd: dnnl_primitive_desc_t?
        let attrs = try attr ?? PrimitiveAttributes()
        try withUnsafePointer(to: &opDesc) { p in
            try check(dnnl_primitive_desc_create(&pd, UnsafeRawPointer(p), attrs.handle,
                                                 DNNLContext.shared.engine, hint?.pd),
                      "primitive_desc_create(\(name)\(context.map { ": " + $0 } ?? ""))")
        }
        try self.init(name: name, descriptor: pd!)
    }

    /// A reorder from one layout to another (same dims).
    convenience init(reorderFrom src: MemoryDesc, to dst: MemoryDesc, name: String) throws {
        var s = src.raw, d = dst.raw
        var pd: dnnl_primitive_desc_t?
        let attrs = try PrimitiveAttributes()
        let engine = DNNLContext.shared.engine
        try check(dnnl_reorder_primitive_desc_create(&pd, &s, engine, &d, engine, attrs.handle),
                  "reorder_primitive_desc_create(\(name))")
        try self.init(name: name, descriptor: pd!)
    }

    /// Creates the primitive of a descriptor (taking ownership) and its scratchpad.
    private init(name: String, descriptor: dnnl_primitive_desc_t) throws {
        var prim: dnnl_primitive_t?
        let status = dnnl_primitive_create(&prim, descriptor)
        guard status == dnnl_success, let prim else {
            dnnl_primitive_desc_destroy(descriptor)
            throw DNNLError(call: "primitive_create(\(name))", status: Int(status.rawValue))
        }
        pd = descriptor
        primitive = prim
        self.name = name
        let scratch = query(dnnl_query_scratchpad_md)
        if scratch.byteSize > 0 { scratchpad = try Memory(scratch) }
    }

    deinit {
        dnnl_primitive_destroy(primitive)
        dnnl_primitive_desc_destroy(pd)
    }

    /// The memory descriptor this primitive expects for `what` (e.g. `dnnl_query_src_md`).
    func query(_ what: dnnl_query_t, _ index: Int32 = 0) -> MemoryDesc {
        guard let p = dnnl_primitive_desc_query_md(pd, what, index) else { return MemoryDesc(raw: dnnl_memory_desc_t()) }
        return MemoryDesc(raw: p.pointee)
    }

    /// Binds the memories the primitive reads and writes, keyed by `DNNL_ARG_*`.
    func bind(_ arguments: [(Int32, Memory)]) {
        args = arguments.map { dnnl_exec_arg_t(arg: $0.0, memory: $0.1.handle) }
        bound = arguments.map(\.1)
        if let scratchpad { args.append(dnnl_exec_arg_t(arg: DNNL_ARG_SCRATCHPAD, memory: scratchpad.handle)) }
    }

    /// Runs the primitive on its bound arguments and waits for it.
    func execute() throws {
        let stream = DNNLContext.shared.stream
        try Profiler.shared.measure(name) {
            let status = args.withUnsafeBufferPointer { a in
                dnnl_primitive_execute(primitive, stream, Int32(a.count), a.baseAddress)
            }
            try check(status, "execute(\(name))")
            try check(dnnl_stream_wait(stream), "stream_wait(\(name))")
        }
    }
}

/// Primitive attributes: an optional fused ReLU post-op.
final class PrimitiveAttributes {
    let handle: dnnl_primitive_attr_t

    init(fusedReLU: Bool = false) throws {
        var attr: dnnl_primitive_attr_t?
        try check(dnnl_primitive_attr_create(&attr), "primitive_attr_create")
        handle = attr!
        try check(dnnl_primitive_attr_set_scratchpad_mode(handle, dnnl_scratchpad_mode_user), "set_scratchpad_mode")
        if fusedReLU {
            var ops: dnnl_post_ops_t?
            try check(dnnl_post_ops_create(&ops), "post_ops_create")
            defer { dnnl_post_ops_destroy(ops) }
            try check(dnnl_post_ops_append_eltwise(ops, 1, dnnl_eltwise_relu, 0, 0), "post_ops_append_eltwise")
            try check(dnnl_primitive_attr_set_post_ops(handle, ops), "primitive_attr_set_post_ops")
        }
    }

    deinit { dnnl_primitive_attr_destroy(handle) }
}
