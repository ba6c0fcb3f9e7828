import Checkpoints
import Foundation
import Storage
import TestSupport
import Testing
@testable import Experiments

/// Seeded kill -9 of a sweep and its children at random moments (loading, training,
/// checkpointing, evaluating, writing tables), then a rerun: the final tables and every
/// network's weights must be bit-identical to an uninterrupted sweep.
@Suite("reliability: kill -9 trials", .enabled(if: Reliability.isOn, Reliability.reason), .serialized)
struct KillTrialTests {
    static let only = "similar/*"

    /// top1.csv without its timing column, and each run's weights digest.
    static func outcome(_ results: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        let csv = try String(contentsOf: results.appendingPathComponent("smoke/similar/top1.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let seconds = rows[0].firstIndex(of: "seconds") ?? rows[0].count
        out["top1.csv"] = rows.map { $0.enumerated().filter { $0.offset != seconds }.map { String($0.element) }
            .joined(separator: ",") }.joined(separator: "\n")
        let runs = results.appendingPathComponent("smoke/similar/runs")
        for name in try FileManager.default.contentsOfDirectory(atPath: runs.path) {
            out[name] = try Checkpoint.read(from: runs.appendingPathComponent("\(name)/checkpoint.h5")).weightsDigest
        }
        return out
    }

    static func sweep(_ results: URL) throws -> Process {
        let p = Process()
        p.executableURL = try #require(TransferBinary.url)
        p.arguments = ["sweep", Reliability.smoke, "--only", only, "--jobs", "2", "--results", results.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Every process started by the sweep `pid`.
    static func children(of pid: Int32) -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap(Int32.init).filter {
            FileManager.default.contents(atPath: "/proc/\($0)/environ")?.split(separator: 0)
                .contains { $0.elementsEqual("TRANSFER_SWEEP_PID=\(pid)".utf8) } ?? false
        }
    }

    @Test func killedSweepsResumeToIdenticalResults() throws {
        let reference = try Reliability.temporaryDirectory("kill-reference")
        defer { try? FileManager.default.removeItem(at: reference) }
        let started = Date()
        let full = try Self.sweep(reference)
        full.waitUntilExit()
        try #require(full.terminationStatus == 0)
        let duration = Date().timeIntervalSince(started)
        let expected = try Self.outcome(reference)
        var random = TestRandom(seed: 9)
        var mismatches = 0, trials = 0, kills = 0
        for trial in 0..<20 {
            let results = try Reliability.temporaryDirectory("kill-\(trial)")
            defer { try? FileManager.default.removeItem(at: results) }
            // One or two kills per trial, at seeded moments over the whole sweep.
            for _ in 0...(trial % 2) {
                let p = try Self.sweep(results)
                Thread.sleep(forTimeInterval: random.uniform(in: 0.05...max(0.1, duration * 0.95)))
                let victims = [p.processIdentifier] + Self.children(of: p.processIdentifier)
                victims.forEach { kill($0, SIGKILL) }  // the sweep and its children together
                p.waitUntilExit()
                kills += 1
            }
            let resume = try Self.sweep(results)
            resume.waitUntilExit()
            trials += 1
            let got = (try? Self.outcome(results)) ?? [:]
            if resume.terminationStatus != 0 || got != expected {
                mismatches += 1
                Issue.record("trial \(trial): exit \(resume.terminationStatus), differing: \(expected.keys.filter { got[$0] != expected[$0] }.sorted())")
            }
        }
        Reliability.report("kill-trials", ["trials": trials, "kills": kills, "mismatches": mismatches])
    }

    @Test func concurrentSweepsShareTheWork() throws {
        var bothOK = 0
        for trial in 0..<2 {
            let results = try Reliability.temporaryDirectory("concurrent-\(trial)")
            defer { try? FileManager.default.removeItem(at: results) }
            let sweeps = try [Self.sweep(results), Self.sweep(results)]
            sweeps.forEach { $0.waitUntilExit() }
            if sweeps.allSatisfy({ $0.terminationStatus == 0 }) { bothOK += 1 } else {
                Issue.record("trial \(trial): exit \(sweeps.map(\.terminationStatus))")
            }
        }
        Reliability.report("concurrent", ["trials": 2, "both_exit_0": bothOK, "failures": 2 - bothOK])
    }

    @Test func fullDisk() throws {
        guard SmallDisk.canMount else {
            Reliability.report("disk-full", ["cases": 0, "skipped_no_mount": 1])
            return
        }
        var clean = 0
        for (i, size) in [120, 200, 400, 800].enumerated() {
            let disk = try SmallDisk(kilobytes: size)
            defer { disk.remove() }
            let result = try TransferBinary.run(["sweep", Reliability.smoke, "--only", Self.only, "--results", disk.url.path])
            let leftovers = (FileManager.default.enumerator(atPath: disk.url.path)?.allObjects as? [String] ?? [])
                .filter { TempFileSweep.isToolTempName(($0 as NSString).lastPathComponent) }
            if result.status < 128 && !result.output.contains("Backtrace") && leftovers.isEmpty { clean += 1 } else {
                Issue.record("disk case \(i) (\(size) KiB): exit \(result.status), leftovers \(leftovers)")
            }
        }
        Reliability.report("disk-full", ["cases": 4, "clean": clean, "failures": 4 - clean])
    }
}
