import Foundation
import Storage
import TestSupport
import Testing
@testable import Experiments

/// A full disk is an error naming the file, never a crash; no temp files are left; leftovers
/// of killed writers are swept at the next start.
@Suite("full disk and temp files", .serialized)
struct DiskFullTests {
    static let smoke = PythonEnvironment.packageRoot.appendingPathComponent("configs/smoke.json").path

    static func tempFiles(under url: URL) -> [String] {
        (FileManager.default.enumerator(atPath: url.path)?.allObjects as? [String] ?? [])
            .filter { TempFileSweep.isToolTempName(($0 as NSString).lastPathComponent) }
    }

    @Test(.enabled(if: SmallDisk.canMount, "mounting a tmpfs needs root (CI runs as root)"))
    func aRunOnAFullDiskFailsWithTheFileAndReasonAndLeavesNoTempFiles() throws {
        let disk = try SmallDisk(kilobytes: 150)
        defer { disk.remove() }
        let result = try TransferBinary.run(["run", Self.smoke, "--run", "baseA", "--split", "similar",
                                             "--results", disk.url.path, "--quiet"])
        #expect(result.status == 1, "exit \(result.status): \(result.output.suffix(600))")
        #expect(result.output.contains("No space left on device"), "\(result.output.suffix(600))")
        #expect(result.output.contains(disk.url.path), "the error names the file")
        #expect(Self.tempFiles(under: disk.url).isEmpty, "\(Self.tempFiles(under: disk.url))")
    }

    @Test(.enabled(if: SmallDisk.canMount, "mounting a tmpfs needs root (CI runs as root)"))
    func aSweepOnAFullDiskReportsFailuresAndLeavesNoTempFiles() throws {
        let disk = try SmallDisk(kilobytes: 300)
        defer { disk.remove() }
        let result = try TransferBinary.run(["sweep", Self.smoke, "--results", disk.url.path])
        #expect(result.status == 1, "exit \(result.status): \(result.output.suffix(600))")
        #expect(!result.output.contains("Backtrace"), "\(result.output.suffix(600))")
        #expect(Self.tempFiles(under: disk.url).isEmpty, "\(Self.tempFiles(under: disk.url))")
    }

    @Test func onlyTheToolsOwnStaleTempFilesAreSwept() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString)")
        let run = dir.appendingPathComponent("similar/runs/baseA-seed0")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = finished.processIdentifier
        let names = [".checkpoint.h5.tmp-\(dead)-9cc1e1", ".record.json.tmp-\(getpid())-77", ".top1.csv.tmp-3F2A-OLD",
                     ".top1.md.tmp-3F2A-NEW", "notes.tmp-1", "checkpoint.h5"]
        for name in names { try Data("x".utf8).write(to: run.appendingPathComponent(name)) }
        let old = Date().addingTimeInterval(-2 * TempFileSweep.staleAfter)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: run.appendingPathComponent(".top1.csv.tmp-3F2A-OLD").path)
        let removed = TempFileSweep.sweep(dir).map(\.lastPathComponent).sorted()
        #expect(removed == [".checkpoint.h5.tmp-\(dead)-9cc1e1", ".top1.csv.tmp-3F2A-OLD"])
        let left = try FileManager.default.contentsOfDirectory(atPath: run.path).sorted()
        #expect(left == [".record.json.tmp-\(getpid())-77", ".top1.md.tmp-3F2A-NEW", "checkpoint.h5", "notes.tmp-1"])
    }
}
