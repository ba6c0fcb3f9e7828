import CDNNL

/// The process's oneDNN CPU engine and its in-order stream.
///
/// oneDNN objects are used from the compute thread only (see `ComputeThread`); the engine
/// is created once on first use and lives for the process.
final class DNNLContext: @unchecked Sendable {
    static let shared: DNNLContext = {
        do { return try DNNLContext() } catch { fatalError("cannot create the oneDNN CPU engine: \(error)") }
    }()

    let engine: dnnl_engine_t
    let stream: dnnl_stream_t

    private init() throws {
        var engine: dnnl_engine_t?
        try check(dnnl_engine_create(&engine, dnnl_cpu, 0), "engine_create")
        var stream: dnnl_stream_t?
        try check(dnnl_stream_create(&stream, engine, dnnl_stream_default_flags.rawValue), "stream_create")
        self.engine = engine!
        self.stream = stream!
    }
}

/// Facts about the oneDNN build and the CPU it runs on.
public enum DNNLInfo {
    /// The instruction set oneDNN's JIT kernels use on this CPU (e.g. "avx512_core").
    public static var effectiveISA: String {
        switch dnnl_get_effective_cpu_isa() {
        case dnnl_cpu_isa_sse41: return "sse41"
        case dnnl_cpu_isa_avx: return "avx"
        case dnnl_cpu_isa_avx2: return "avx2"
        case dnnl_cpu_isa_avx2_vnni: return "avx2_vnni"
        case dnnl_cpu_isa_avx512_core: return "avx512_core"
        case dnnl_cpu_isa_avx512_core_vnni: return "avx512_core_vnni"
        case dnnl_cpu_isa_avx512_core_bf16: return "avx512_core_bf16"
        case dnnl_cpu_isa_avx512_core_amx: return "avx512_core_amx"
        case let isa: return "isa 0x" + String(isa.rawValue, radix: 16)
        }
    }

    /// oneDNN's version, e.g. "2.6.3".
    public static var version: String {
        guard let v = dnnl_version()?.pointee else { return "unknown" }
        return "\(v.major).\(v.minor).\(v.patch)"
    }
}
