import Foundation
import Testing
@testable import NeuralNet

@Suite("FMA peak probe")
struct FMAPeakTests {
    /// The probe names the ISA the CPU reports (this test asserts no speed: only that the kernel
    /// for this CPU's widest FMA unit ran and produced a finite, positive rate).
    @Test("measures with the CPU's widest FMA unit")
    func probe() throws {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let flags = Set(cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }?
            .split(separator: " ").map(String.init) ?? [])
        let peak = FMAPeak.measure(threads: 1, repeats: 1, iterations: 100_000)
        if flags.contains("avx512f") {
            #expect(peak?.isa == "avx512")
        } else if flags.contains("avx2") && flags.contains("fma") {
            #expect(peak?.isa == "avx2")
        } else {
            #expect(peak == nil)
        }
        if let peak { #expect(peak.gflops.isFinite && peak.gflops > 0 && peak.threads == 1) }
    }
}
