@testable import Checkpoints
import Foundation
import Storage
import HDF5
import Testing
import TestSupport

/// SHA-256 digests catch what fletcher32 cannot: damage outside the chunk bytes (the chunk
/// index, attributes) that libhdf5 reads back "successfully" but wrongly.
@Suite("Checkpoint content digests")
struct CheckpointDigestTests {
    @Test("byte flips in the chunk index are detected or provably harmless (200 seeded flips)")
    func chunkIndexFlips() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("checkpoint.h5")
            let original = sampleCheckpoint()
            try original.write(to: url)
            let pristine = [UInt8](try Data(contentsOf: url))
            let offsets = HDF5Bytes.chunkIndexRanges(pristine).flatMap { Array($0) }
            #expect(HDF5Bytes.chunkIndexRanges(pristine).count >= 19, "one chunk index per non-empty dataset")
            var random = TestRandom(seed: 38)
            var detected = 0, harmless = 0
            let damaged = dir.appendingPathComponent("damaged.h5")
            for _ in 0..<200 {
                let offset = offsets[random.int(below: offsets.count)]
                let mask = UInt8(1 << random.int(below: 8))
                var bytes = pristine
                bytes[offset] ^= mask
                try Data(bytes).write(to: damaged)
                try resealCheckpoint(damaged)  // past the file seal: the dataset digests must catch it
                switch Result(catching: { try Checkpoint.read(from: damaged) }) {
                case .failure: detected += 1
                case .success(let read):
                    // Bitwise equality (the sample holds NaNs): the content text covers every value.
                    #expect(read.contentDigest == original.contentDigest,
                            "flip at byte \(offset) (mask \(mask)) read back different values unnoticed")
                    harmless += 1
                }
            }
            #expect(detected > 0)
            print("chunk-index flips: \(detected) detected, \(harmless) harmless")
        }
    }

    @Test("a changed attribute value fails the content digest")
    func attributeChange() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("checkpoint.h5")
            try sampleCheckpoint().write(to: url)
            try editCheckpoint(url) { try $0.openGroup("trainer").setAttribute("step", Int64(999)) }
            let error = try #require(throws: CheckpointError.self) { try Checkpoint.read(from: url) }
            #expect("\(error)".contains("content_sha256"), "\(error)")
            guard case .corrupt = Checkpoint.verify(url) else { Issue.record("verify must say corrupt"); return }
        }
    }

    @Test("a dataset rewritten with other values fails its own digest, naming it")
    func datasetChange() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("checkpoint.h5")
            try sampleCheckpoint().write(to: url)
            try editCheckpoint(url) { file in
                let group = try file.openGroup("weights/conv1")
                let digest = try group.openDataset("bias").stringAttribute(CheckpointDigest.datasetAttribute)
                try group.removeLink("bias")
                let dataset = try group.createDataset("bias", shape: [4], values: [Float](repeating: 0, count: 4))
                try dataset.setAttribute(CheckpointDigest.datasetAttribute, digest)
            }
            let error = try #require(throws: CheckpointError.self) { try Checkpoint.read(from: url) }
            #expect("\(error)".contains("/weights/conv1/bias does not match its SHA-256 digest"), "\(error)")
            #expect(throws: CheckpointError.self) { try Checkpoint.inspect(url) }
        }
    }

    @Test("files written before digests are still read; inspect says they have none")
    func legacyFileWithoutDigests() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("checkpoint.h5")
            let original = sampleCheckpoint()
            try original.write(to: url)
            #expect(try Checkpoint.inspect(url).contains("digests: OK"))
            try editCheckpoint(url) { file in
                try file.deleteAttribute(CheckpointDigest.contentAttribute)
                try file.openDataset("weights/fc1/weight").deleteAttribute(CheckpointDigest.datasetAttribute)
            }
            #expect(try Checkpoint.read(from: url).contentText == original.contentText)
            #expect(try Checkpoint.inspect(url).contains("digests: none"))
        }
    }

    @Test("a file with a content digest must have every dataset digest")
    func missingDatasetDigest() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("checkpoint.h5")
            try sampleCheckpoint().write(to: url)
            try editCheckpoint(url) { try $0.openDataset("weights/fc1/weight").deleteAttribute(CheckpointDigest.datasetAttribute) }
            let error = try #require(throws: CheckpointError.self) { try Checkpoint.read(from: url) }
            #expect("\(error)".contains("has no @sha256"), "\(error)")
        }
    }

    @Test("the digest is SHA-256 of the values' bytes")
    func digestOfBytes() {
        #expect(CheckpointDigest.of([Float]()) == SHA256.hex(""))
        // 1.0f is 00 00 80 3f little-endian.
        #expect(CheckpointDigest.of([Float(1)]) == SHA256.hex(bytes: [0x00, 0x00, 0x80, 0x3f]))
    }
}
