import Foundation
import NeuralNet

/// The machine a run computed on: results depend on the ISA oneDNN dispatches to (reduction
/// order), so every record names it beside the thread count.
enum MachineInfo {
    /// The CPU model ("AMD EPYC …") from `/proc/cpuinfo`, or "unknown".
    static let cpuModel: String = {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let value = line.split(separator: ":", maxSplits: 1).last {
                return value.trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown"
    }()

    /// The instruction set oneDNN uses ("avx2", "avx512_core", …).
    static var isa: String { DNNLInfo.effectiveISA }
}
