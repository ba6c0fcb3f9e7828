import Foundation
import Testing
import TestSupport
@testable import Datasets
@testable import Experiments

/// Seeded fuzzing of the config decoder and the IDX / CIFAR readers: every input is either
/// accepted or rejected with the module's own error; a crash ends the test process (a failure).
@Suite("reliability: fuzz", .enabled(if: Reliability.isOn, Reliability.reason), .serialized)
struct FuzzTests {
    /// Mutations of the shipped configs: byte flips, cut-offs, spliced numbers and keys.
    static func mutate(_ text: [UInt8], _ random: inout TestRandom) -> [UInt8] {
        var bytes = text
        if bytes.isEmpty { return Array("{".utf8) }
        let numbers = ["0", "-1", "1e14", "2147483648", "1e300", "-0", "0.5", "null", "\"x\"", "[]", "{}", "true",
                       "1000000000", "\"..\"", "\"a/b\"", "\"\\u0000\""]
        switch random.int(below: 4) {
        case 0: bytes = Reliability.flip(bytes, &random).0
        case 1: bytes = Array(bytes.prefix(random.int(below: bytes.count)))
        case 2:  // replace a number or string value
            let starts = bytes.indices.filter { bytes[$0] == UInt8(ascii: ":") }
            guard let at = starts.isEmpty ? nil : starts[random.int(below: starts.count)] else { break }
            var end = at + 1
            while end < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[end]) { end += 1 }
            bytes.replaceSubrange((at + 1)..<end, with: Array((" " + numbers[random.int(below: numbers.count)]).utf8))
        default:  // duplicate a slice
            let a = random.int(below: bytes.count), b = min(bytes.count, a + random.int(below: 40))
            bytes.insert(contentsOf: bytes[a..<b], at: random.int(below: bytes.count))
        }
        return bytes
    }

    @Test func configDecoder() throws {
        let dir = PythonEnvironment.packageRoot.appendingPathComponent("configs")
        let sources = try ["smoke.json", "quick.json", "default.json"].map { [UInt8](try Data(contentsOf: dir.appendingPathComponent($0))) }
        var random = TestRandom(seed: 2014)
        var accepted: [Data] = [], rejected = 0, foreign = 0
        for i in 0..<6000 {
            var bytes = sources[i % sources.count]
            for _ in 0...random.int(below: 3) { bytes = Self.mutate(bytes, &random) }
            do {
                let config = try ExperimentConfig.parse(Data(bytes), file: "fuzz.json")
                _ = ExperimentPlan(config).runs.count  // planning must not trap either
                accepted.append(Data(bytes))
            } catch is ConfigError { rejected += 1 } catch { foreign += 1 }
        }
        #expect(foreign == 0, "errors other than ConfigError: \(foreign)")
        let swept = try sweepAccepted(accepted, random: &random)
        Reliability.report("fuzz-config", ["inputs": 6000, "accepted": accepted.count, "rejected": rejected,
                                           "other_errors": foreign, "sweeps": swept.count, "sweep_crashes": swept.crashes])
    }

    /// `sweep` on a seeded sample of accepted configs (at most 4 s each): no crash, no trap.
    func sweepAccepted(_ configs: [Data], random: inout TestRandom) throws -> (count: Int, crashes: Int) {
        let dir = try Reliability.temporaryDirectory("fuzz-sweep")
        defer { try? FileManager.default.removeItem(at: dir) }
        var crashes = 0
        let sample = configs.isEmpty ? [] : (0..<min(20, configs.count)).map { _ in configs[random.int(below: configs.count)] }
        for (i, config) in sample.enumerated() {
            let file = dir.appendingPathComponent("c\(i).json")
            try config.write(to: file)
            let p = Process()
            p.executableURL = try #require(TransferBinary.url)
            p.arguments = ["sweep", file.path, "--results", dir.appendingPathComponent("r\(i)").path]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            let deadline = Date().addingTimeInterval(4)
            while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if p.isRunning { p.terminate(); p.waitUntilExit(); continue }  // SIGTERM: its children stop with it
            if p.terminationReason == .uncaughtSignal || p.terminationStatus >= 128 {
                crashes += 1
                Issue.record("sweep crashed (status \(p.terminationStatus)) on config \(String(decoding: config, as: UTF8.self))")
            }
        }
        return (sample.count, crashes)
    }

    @Test func idxAndCIFARReaders() throws {
        let dir = try Reliability.temporaryDirectory("fuzz-readers")
        defer { try? FileManager.default.removeItem(at: dir) }
        var random = TestRandom(seed: 7)
        let pixels = (0..<(4 * 6 * 6)).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        let idx: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 4, 0, 0, 0, 6, 0, 0, 0, 6] + pixels
        let cifar = (0..<3).flatMap { r in [UInt8(r)] + (0..<3072).map { UInt8(truncatingIfNeeded: $0 &+ r) } }
        let sources = [idx, try Gzip.compress(idx), cifar]
        var inputs = 0, rejected = 0, foreign = 0
        let file = dir.appendingPathComponent("input")
        for i in 0..<4500 {
            let source = i % 3
            var bytes = sources[source]
            for _ in 0...random.int(below: 2) {
                if bytes.isEmpty { break }
                bytes = random.int(below: 5) == 0 ? Array(bytes.prefix(random.int(below: bytes.count)))
                    : Reliability.flip(bytes, &random).0
            }
            try Data(bytes).write(to: file)
            inputs += 1
            do {
                if source < 2 { _ = try IDXReader.readImages(path: file.path) } else {
                    _ = try readCIFARRecords(paths: [file.path], labelBytes: 1, labelIndex: 0, classNames: ClassNames.cifar10)
                }
            } catch is DatasetError { rejected += 1 } catch { foreign += 1 }
        }
        #expect(foreign == 0)
        Reliability.report("fuzz-readers", ["inputs": inputs, "rejected": rejected, "other_errors": foreign])
    }
}
