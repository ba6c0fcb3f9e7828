import CPUPeak

/// The machine's measured single-precision FMA throughput: the physical limit of any convolution
/// or GEMM. `transfer bench` states its speed as a share of it, so results compare across CPUs.
public struct FMAPeak: Codable, Sendable {
    /// "avx512" (16 lanes) or "avx2" (8 lanes).
    public let isa: String
    public let threads: Int
    /// Best of `repeats` timings of every thread running FMA chains at once.
    public let gflops: Double

    enum CodingKeys: String, CodingKey { case isa, threads, gflops }

    /// Measures `threads` threads at once (each ≈ 0.2 s of work on a 3 GHz core), best of
    /// `repeats`. Nil when the CPU has neither AVX2+FMA nor AVX-512.
    public static func measure(threads: Int, repeats: Int = 3, iterations: Int = 20_000_000) -> FMAPeak? {
        let lanes = Int(cpu_peak_fma_lanes())
        guard lanes > 0, threads >= 1 else { return nil }
        var best = 0.0
        for _ in 0..<repeats {
            let seconds = cpu_peak_fma_seconds(Int32(threads), iterations, Int32(lanes))
            guard seconds > 0 else { return nil }
            best = max(best, Double(threads * iterations * 24 * lanes) / seconds / 1e9)
        }
        return FMAPeak(isa: lanes == 16 ? "avx512" : "avx2", threads: threads, gflops: best)
    }
}
