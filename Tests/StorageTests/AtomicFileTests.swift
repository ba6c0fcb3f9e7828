import Foundation
import Storage
import Testing

/// The one atomic write every file of the tool goes through.
@Suite("AtomicFile and RunLock")
struct AtomicFileTests {
    static func withDirectory(_ body: (URL) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(dir)
    }

    static func names(_ dir: URL) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() }

    @Test func writesCreatesFoldersAndReplacesLeavingNoTempFile() throws {
        try Self.withDirectory { dir in
            let url = dir.appendingPathComponent("a/b/table.md")
            try AtomicFile.write("first\n", to: url)
            try AtomicFile.write("second\n", to: url)
            #expect(try String(contentsOf: url, encoding: .utf8) == "second\n")
            #expect(try Self.names(url.deletingLastPathComponent()) == ["table.md"])
        }
    }

    @Test func theModeIsExactRegardlessOfTheUmask() throws {
        try Self.withDirectory { dir in
            let url = dir.appendingPathComponent("wave-0.sbatch")
            try AtomicFile.write("#!/bin/sh\n", to: url, permissions: 0o755)
            let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
            #expect(mode == 0o755)
        }
    }

    @Test func aFailureBeforeTheRenameKeepsTheOldFileAndRemovesTheTempFile() throws {
        struct Injected: Error {}
        try Self.withDirectory { dir in
            let url = dir.appendingPathComponent("record.json")
            try AtomicFile.write("old", to: url)
            var temp: URL?
            #expect(throws: Injected.self) {
                try AtomicFile.write(Array("new".utf8), to: url) { t in
                    temp = t
                    #expect(try String(contentsOf: t, encoding: .utf8) == "new")
                    throw Injected()
                }
            }
            let name = try #require(temp?.lastPathComponent)
            #expect(name.hasPrefix(".record.json.tmp-\(getpid())-"))
            #expect(TempFileSweep.isToolTempName(name))
            #expect(try Self.names(dir) == ["record.json"])
            #expect(try String(contentsOf: url, encoding: .utf8) == "old")
        }
    }

    @Test func errorsNameTheTargetAndTheReason() throws {
        try Self.withDirectory { dir in
            let folder = dir.appendingPathComponent("checkpoint.h5")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            let renamed = try #require(throws: AtomicFile.Failure.self) { try AtomicFile.write("x", to: folder) }
            #expect(renamed.path == folder.path && renamed.reason.contains("rename"))
            #expect(try Self.names(dir) == ["checkpoint.h5"])
            let missing = dir.appendingPathComponent("none/checkpoint.h5")
            let absent = try #require(throws: AtomicFile.Failure.self) {
                try AtomicFile.write([1, 2], to: missing, createDirectory: false)
            }
            #expect(absent.path == missing.path && absent.reason.contains("does not exist"))
        }
    }

    @Test func aRunLockIsExclusiveAndReleasedWithItsOwner() throws {
        try Self.withDirectory { dir in
            let url = dir.appendingPathComponent("run.lock")
            #expect(!RunLock.isHeld(url))
            var lock: RunLock? = try RunLock(url)
            #expect(RunLock.isHeld(url))
            #expect(throws: RunLock.Failure.self) { _ = try RunLock(url) }
            withExtendedLifetime(lock) {}
            lock = nil
            #expect(!RunLock.isHeld(url))
        }
    }
}
