import Foundation
import Testing
import TestSupport

/// The reliability battery (`make reliability`): long, seeded, run only when RELIABILITY=1.
/// Each part writes one line of figures to `$RELIABILITY_OUT/<part>.txt`; the script sums them.
enum Reliability {
    static var isOn: Bool { ProcessInfo.processInfo.environment["RELIABILITY"] == "1" }
    static let reason: Comment = "the reliability battery runs with `make reliability` (RELIABILITY=1)"
    static let smoke = PythonEnvironment.packageRoot.appendingPathComponent("configs/smoke.json").path

    /// Records a part's figures, e.g. `report("fuzz", ["inputs": 10000, "crashes": 0])`.
    static func report(_ part: String, _ figures: KeyValuePairs<String, Int>) {
        let line = figures.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        print("reliability \(part): \(line)")
        guard let out = ProcessInfo.processInfo.environment["RELIABILITY_OUT"] else { return }
        try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try? Data((line + "\n").utf8).write(to: URL(fileURLWithPath: out).appendingPathComponent("\(part).txt"))
    }

    static func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reliability-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// One byte changed: xor with a random non-zero mask.
    static func flip(_ bytes: [UInt8], _ random: inout TestRandom, in range: Range<Int>? = nil) -> ([UInt8], Int) {
        var out = bytes
        let r = range ?? 0..<bytes.count
        guard !r.isEmpty else { return (out, 0) }
        let offset = r.lowerBound + random.int(below: r.count)
        out[offset] ^= UInt8(1 + random.int(below: 255))
        return (out, offset)
    }
}
