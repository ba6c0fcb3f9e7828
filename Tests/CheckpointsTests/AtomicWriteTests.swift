@testable import Checkpoints
import Foundation
import Testing

@Suite("Atomic checkpoint writes")
struct AtomicWriteTests {
    @Test("overwriting replaces the file and leaves no temp file")
    func overwrite() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("checkpoint.h5")
            try sampleCheckpoint(epoch: 1).write(to: url)
            try sampleCheckpoint(epoch: 2).write(to: url)
            #expect(try Checkpoint.read(from: url).metadata.epoch == 2)
            #expect(tempFiles(in: dir).isEmpty)
        }
    }

    @Test("a failure after the temp file is complete removes it and keeps the previous checkpoint")
    func failureBeforeRename() throws {
        struct Injected: Error {}
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("checkpoint.h5")
            try sampleCheckpoint(epoch: 1).write(to: url)
            let before = try Data(contentsOf: url)
            var sawTemp: [String] = []
            #expect(throws: Injected.self) {
                try sampleCheckpoint(epoch: 2).write(to: url) { temp in
                    sawTemp = tempFiles(in: dir)
                    #expect(temp.lastPathComponent.hasPrefix(".checkpoint.h5.tmp-\(getpid())-"))
                    #expect(temp.deletingLastPathComponent().path == dir.path)
                    throw Injected()
                }
            }
            #expect(sawTemp.count == 1, "the temp file existed while writing")
            #expect(tempFiles(in: dir).isEmpty)
            #expect(try Data(contentsOf: url) == before)
            #expect(try Checkpoint.read(from: url).metadata.epoch == 1)
        }
    }

    @Test("a target path that is a directory: rename fails, temp removed")
    func targetIsDirectory() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("checkpoint.h5")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
            let error = try #require(throws: CheckpointError.self) { try sampleCheckpoint().write(to: url) }
            guard case .io(url.path, let reason) = error else {
                Issue.record("expected .io naming the target, got \(error)")
                return
            }
            #expect(reason.contains("rename"))
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue)
            #expect(tempFiles(in: dir).isEmpty)
        }
    }

    @Test("a nonexistent directory: error naming the file, nothing created")
    func missingDirectory() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("no/such/dir/checkpoint.h5")
            let error = try #require(throws: CheckpointError.self) { try sampleCheckpoint().write(to: url) }
            guard case .io(url.path, let reason) = error else {
                Issue.record("expected .io naming the target, got \(error)")
                return
            }
            #expect(reason.contains("does not exist"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        }
    }

    @Test("a read-only directory leaves the previous checkpoint intact",
          .enabled(if: geteuid() != 0, "root ignores directory permissions; the failure-injection test covers a failed write"))
    func readOnlyDirectory() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("checkpoint.h5")
            try sampleCheckpoint(epoch: 1).write(to: url)
            let before = try Data(contentsOf: url)
            chmod(dir.path, 0o555)
            defer { chmod(dir.path, 0o755) }
            #expect(throws: CheckpointError.self) { try sampleCheckpoint(epoch: 2).write(to: url) }
            #expect(try Data(contentsOf: url) == before)
            #expect(tempFiles(in: dir).isEmpty)
        }
    }
}
