import Checkpoints
import Foundation
import HDF5
import Testing

@Suite("Damaged and foreign checkpoint files")
struct CheckpointCorruptionTests {
    /// Writes the sample checkpoint to `name` in `dir`.
    private func written(_ dir: URL, _ name: String = "checkpoint.h5") throws -> URL {
        let url = dir.appendingPathComponent(name)
        try sampleCheckpoint().write(to: url)
        return url
    }

    @Test("a file cut in half is reported corrupt, naming the file")
    func truncated() throws {
        try withTemporaryDirectory { dir in
            let url = try written(dir)
            let data = try Data(contentsOf: url)
            try data.prefix(data.count / 2).write(to: url)
            let error = try #require(throws: CheckpointError.self) { try Checkpoint.read(from: url) }
            guard case let .corrupt(path, reason) = error else {
                Issue.record("expected .corrupt, got \(error)")
                return
            }
            #expect(path == url.path)
            #expect(!reason.isEmpty)
            #expect(error.description.contains(url.path))
            #expect(Checkpoint.verify(url) == .corrupt(error))
            #expect(FileManager.default.fileExists(atPath: url.path), "verify must not delete")
        }
    }

    @Test("a flipped byte inside a weight chunk fails the fletcher32 checksum")
    func flippedByte() throws {
        try withTemporaryDirectory { dir in
            let url = try written(dir)
            let chunk: H5ChunkLocation = try {
                let file = try H5File.open(url)
                defer { try? file.close() }
                let chunks = try file.openDataset("weights/fc1/weight").chunkLocations()
                #expect(chunks.count == 1)
                return try #require(chunks.first)
            }()
            #expect(chunk.byteCount > 8)
            var bytes = [UInt8](try Data(contentsOf: url))
            // Chunk addresses are relative to the HDF5 base address (after the 512-byte user block).
            let base = H5File.superblockOffset(bytes) ?? 0
            let target = base + Int(chunk.fileOffset + chunk.byteCount / 2)
            bytes[target] ^= 0x10
            try Data(bytes).write(to: url)
            try resealCheckpoint(url)  // past the file seal, to the chunk checksum

            // The HDF5 layer reports the checksum failure itself ...
            let file = try H5File.open(url)
            let low = try #require(throws: HDF5Error.self) { try file.readDataset("weights/fc1/weight", as: Float.self) }
            guard case let .checksumMismatch(path, stack) = low else {
                Issue.record("expected .checksumMismatch, got \(low)")
                return
            }
            #expect(path.hasSuffix("/weights/fc1/weight"))
            #expect(stack.contains { $0.contains("fletcher32") })
            // ... other datasets are still readable ...
            #expect(try file.readDataset("weights/fc2/weight", as: Float.self).values.count == 50)
            try file.close()

            // ... and the checkpoint reader names the file, the dataset and the reason.
            let error = try #require(throws: CheckpointError.self) { try Checkpoint.read(from: url) }
            guard case let .corrupt(filePath, reason) = error else {
                Issue.record("expected .corrupt, got \(error)")
                return
            }
            #expect(filePath == url.path)
            #expect(reason.contains("checksum"))
            #expect(reason.contains("/weights/fc1/weight"))
            #expect(throws: CheckpointError.self) { try Checkpoint.inspect(url) }
        }
    }

    @Test("a file that is not HDF5", arguments: ["plain text, not HDF5\n", ""])
    func notHDF5(contents: String) throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("bogus.h5")
            try Data(contents.utf8).write(to: url)
            #expect(throws: CheckpointError.notHDF5(path: url.path)) { try Checkpoint.read(from: url) }
            #expect(Checkpoint.verify(url) == .corrupt(.notHDF5(path: url.path)))
        }
    }

    @Test("an absent file")
    func absent() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("none.h5")
            #expect(throws: CheckpointError.missing(path: url.path)) { try Checkpoint.read(from: url) }
            #expect(Checkpoint.verify(url) == .absent)
        }
    }

    @Test("another format version is refused, saying found and supported")
    func wrongVersion() throws {
        try withTemporaryDirectory { dir in
            let url = try written(dir)
            try editCheckpoint(url) { try $0.setAttribute("format_version", Int64(2)) }
            let error = try #require(throws: CheckpointError.self) { try Checkpoint.read(from: url) }
            #expect(error == .wrongVersion(path: url.path, found: 2, supported: 1))
            #expect(error.description.contains("version 2 found"))
            #expect(error.description.contains("version 1 is supported"))
            #expect(error.description.contains(url.path))
        }
    }

    @Test("an HDF5 file that is not a checkpoint")
    func wrongFormat() throws {
        try withTemporaryDirectory { dir in
            let plain = dir.appendingPathComponent("plain.h5")
            try H5File.create(plain).close()
            #expect(throws: CheckpointError.wrongFormat(path: plain.path, found: "no format attribute")) {
                try Checkpoint.read(from: plain)
            }
            let other = try written(dir, "other.h5")
            try editCheckpoint(other) { try $0.setAttribute("format", "something-else") }
            #expect(throws: CheckpointError.wrongFormat(path: other.path, found: "something-else")) {
                try Checkpoint.read(from: other)
            }
        }
    }

    @Test("shapes differing from the expected architecture name the layer and both shapes")
    func architectureMismatch() throws {
        try withTemporaryDirectory { dir in
            let url = try written(dir)
            var shapes = sampleShapes
            shapes[1].weight = [6, 2, 3, 3]
            let error = try #require(throws: CheckpointError.self) {
                try Checkpoint.read(from: url, expecting: architecture(shapes))
            }
            guard case let .architectureMismatch(path, details) = error else {
                Issue.record("expected .architectureMismatch, got \(error)")
                return
            }
            #expect(path == url.path)
            #expect(details == "layer conv2: weight shape [6, 4, 3, 3] in file, expected [6, 2, 3, 3]")

            let fewer = Array(sampleShapes.prefix(3))
            let namesError = try #require(throws: CheckpointError.self) {
                try Checkpoint.read(from: url, expecting: architecture(fewer))
            }
            #expect(namesError.description.contains("fc2"))
            guard case .corrupt = Checkpoint.verify(url, expecting: architecture(shapes)) else {
                Issue.record("verify should refuse a mismatching architecture")
                return
            }
        }
    }

    @Test("a missing bias dataset is named")
    func missingDataset() throws {
        try withTemporaryDirectory { dir in
            let url = try written(dir)
            try editCheckpoint(url) { try $0.removeLink("weights/conv2/bias") }
            #expect(throws: CheckpointError.missingEntry(path: url.path, entry: "/weights/conv2/bias")) {
                try Checkpoint.read(from: url)
            }
        }
    }

    @Test("a path that is a directory")
    func directoryPath() throws {
        try withTemporaryDirectory { dir in
            let error = try #require(throws: CheckpointError.self) { try Checkpoint.read(from: dir) }
            guard case .io(dir.path, _) = error else {
                Issue.record("expected .io, got \(error)")
                return
            }
        }
    }
}
