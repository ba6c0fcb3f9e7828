import Foundation
import Testing
import TestSupport

/// A sweep's children die with it; two sweeps on one folder share the work and both succeed.
@Suite("sweep processes", .serialized)
struct SweepProcessTests {
    static let smoke = PythonEnvironment.packageRoot.appendingPathComponent("configs/smoke.json").path

    static func temporaryResults(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    }

    /// Live processes started by the sweep `pid` (they carry TRANSFER_SWEEP_PID=pid).
    static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { candidate in
            guard let environ = FileManager.default.contents(atPath: "/proc/\(candidate)/environ") else { return false }
            let state = (try? String(contentsOfFile: "/proc/\(candidate)/stat", encoding: .utf8)) ?? ""
            let zombie = state.split(separator: ")").last?.split(separator: " ").first == "Z"
            return !zombie && environ.split(separator: 0).contains { $0.elementsEqual("TRANSFER_SWEEP_PID=\(pid)".utf8) }
        }
    }

    /// Starts a sweep in the background, waits until it has a child, returns the process.
    static func startSweepWithChild(results: URL) throws -> Process {
        let sweep = Process()
        sweep.executableURL = try #require(TransferBinary.url)
        sweep.arguments = ["sweep", smoke, "--jobs", "2", "--results", results.path]
        sweep.standardOutput = FileHandle.nullDevice
        sweep.standardError = FileHandle.nullDevice
        // Started with SIGINT/SIGTERM blocked (as a test runner's threads have them): the sweep
        // must still be stoppable and its children too.
        var stops = sigset_t(), previous = sigset_t()
        sigemptyset(&stops)
        sigaddset(&stops, SIGINT)
        sigaddset(&stops, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &stops, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try sweep.run()
        let deadline = Date().addingTimeInterval(60)
        while children(of: sweep.processIdentifier).isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return sweep
    }

    static func waitUntilGone(_ pids: () -> [Int32], seconds: Double) -> [Int32] {
        let deadline = Date().addingTimeInterval(seconds)
        while !pids().isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        return pids()
    }

    @Test(arguments: [SIGTERM, SIGINT, SIGKILL])
    func childrenDieWithTheSweep(signal: Int32) throws {
        let results = Self.temporaryResults("sweep-kill")
        defer { try? FileManager.default.removeItem(at: results) }
        let sweep = try Self.startSweepWithChild(results: results)
        let pid = sweep.processIdentifier
        #expect(!Self.children(of: pid).isEmpty, "the sweep started no child")
        kill(pid, signal)
        sweep.waitUntilExit()
        if signal != SIGKILL { #expect(sweep.terminationStatus == 128 + signal, "exit \(sweep.terminationStatus)") }
        let left = Self.waitUntilGone({ Self.children(of: pid) }, seconds: 10)
        #expect(left.isEmpty, "children outlived the sweep: \(left)")
        left.forEach { kill($0, SIGKILL) }
        // A rerun finishes everything (resuming what was interrupted).
        let again = try TransferBinary.run(["sweep", Self.smoke, "--jobs", "2", "--results", results.path])
        #expect(again.status == 0, "\(again.output.suffix(800))")
    }

    @Test func twoSweepsOnOneFolderBothSucceedAndEveryRunIsTrainedOnce() throws {
        let results = Self.temporaryResults("two-sweeps")
        defer { try? FileManager.default.removeItem(at: results) }
        let outputs = [Pipe(), Pipe()]
        let sweeps = try outputs.map { pipe -> Process in
            let p = Process()
            p.executableURL = try #require(TransferBinary.url)
            p.arguments = ["sweep", Self.smoke, "--jobs", "1", "--results", results.path]
            p.standardOutput = pipe
            p.standardError = pipe
            try p.run()
            return p
        }
        let texts = outputs.map { String(decoding: $0.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
        sweeps.forEach { $0.waitUntilExit() }
        var computed = 0
        for (sweep, text) in zip(sweeps, texts) {
            #expect(sweep.terminationStatus == 0, "\(text.suffix(1200))")
            let line = try #require(text.split(separator: "\n").last { $0.hasPrefix("sweep smoke: computed") }, "\(text)")
            let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            // computed, reused, waited, failed, blocked, of total
            #expect(numbers.count >= 6 && numbers[0] + numbers[1] + numbers[2] + numbers[3] + numbers[4] == numbers[5], "\(line)")
            #expect(numbers[3] == 0 && numbers[4] == 0, "\(line)")
            computed += numbers[0]
        }
        #expect(computed == 34, "together the sweeps trained \(computed) runs, expected 34 (each once)")
    }
}
