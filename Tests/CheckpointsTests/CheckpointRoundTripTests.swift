import Checkpoints
import Foundation
import Storage
import Testing

@Suite("Checkpoint round trip")
struct CheckpointRoundTripTests {
    @Test("write then read gives bit-identical tensors and equal metadata")
    func roundTrip() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("checkpoint.h5")
            let original = sampleCheckpoint()
            try original.write(to: url)
            let read = try Checkpoint.read(from: url, expecting: architecture(sampleShapes))

            #expect(read.metadata == original.metadata)
            #expect(read.metadata.inputMean.isBitIdentical(to: original.metadata.inputMean))
            #expect(read.trainer == original.trainer)
            #expect(read.layers.map(\.name) == ["conv1", "conv2", "fc1", "fc2"])
            #expect(read.velocities.map(\.name) == original.velocities.map(\.name))
            for (a, b) in zip(read.layers, original.layers) {
                #expect(a.weight.isBitIdentical(to: b.weight), "weight of \(a.name)")
                #expect(a.bias.isBitIdentical(to: b.bias), "bias of \(a.name)")
            }
            for (a, b) in zip(read.velocities, original.velocities) {
                #expect(a.weight.isBitIdentical(to: b.weight), "weight velocity of \(a.name)")
                #expect(a.bias.isBitIdentical(to: b.bias), "bias velocity of \(a.name)")
            }
            // The NaN payload survives, so Float == alone would not be enough.
            #expect(read.layers[0].weight.values[21].bitPattern == 0x7FC0_1234)
            #expect(tempFiles(in: dir).isEmpty)
        }
    }

    @Test("layer order is kept even when it is not alphabetical, velocities may be absent")
    func orderAndNoVelocities() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("order.h5")
            var checkpoint = sampleCheckpoint()
            checkpoint.layers = [
                ("fc10", tensor([2, 3], seed: 1), tensor([2], seed: 2)),
                ("conv2", tensor([3, 1, 1, 1], seed: 3), tensor([3], seed: 4)),
                ("a", tensor([1, 1], seed: 5), tensor([1], seed: 6)),
            ]
            checkpoint.velocities = []
            checkpoint.trainer = TrainerState(step: 0, epoch: 0, lr: 0.1)
            try checkpoint.write(to: url)
            let read = try Checkpoint.read(from: url)
            #expect(read.layers.map(\.name) == ["fc10", "conv2", "a"])
            #expect(read.velocities.isEmpty)
            #expect(read == checkpoint)
            #expect(read.trainer == checkpoint.trainer)
        }
    }

    @Test("metadata is Codable")
    func metadataCodable() throws {
        let metadata = sampleCheckpoint().metadata
        let data = try JSONEncoder().encode(metadata)
        #expect(try JSONDecoder().decode(CheckpointMetadata.self, from: data) == metadata)
        #expect(metadata.configSHA256 == SHA256.hex(metadata.config))
    }

    @Test("inspect lists metadata, layers, parameter counts and a verification line")
    func inspect() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("inspect.h5")
            let checkpoint = sampleCheckpoint()
            try checkpoint.write(to: url)
            let text = try Checkpoint.inspect(url)
            #expect(text.contains("AnB-n2-seed1234"))
            #expect(text.contains("conv1  weight [4, 3, 3, 3]  bias [4]  112 parameters"))
            #expect(text.contains("fc2    weight [5, 10]  bias [5]  55 parameters"))
            #expect(text.contains("\(checkpoint.parameterCount) parameters"))
            #expect(text.contains("fletcher32"))
            #expect(!text.contains("gzip"))
            #expect(text.contains("verification: OK, all 20 datasets read back"))
        }
    }

    @Test("verify reports usable / absent without touching the file")
    func verify() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("v.h5")
            #expect(Checkpoint.verify(url) == .absent)
            try sampleCheckpoint(epoch: 7).write(to: url)
            guard case let .usable(metadata) = Checkpoint.verify(url, expecting: architecture(sampleShapes)) else {
                Issue.record("expected usable")
                return
            }
            #expect(metadata.epoch == 7)
            #expect(FileManager.default.fileExists(atPath: url.path))
        }
    }

    @Test("inconsistent values are rejected before anything is written")
    func invalidValues() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("bad.h5")
            var badShape = sampleCheckpoint()
            badShape.layers[1].weight.values.removeLast()
            var badVelocity = sampleCheckpoint()
            badVelocity.velocities[0].weight = tensor([1, 2], seed: 1)
            var reserved = sampleCheckpoint()
            reserved.trainer.counters["lr"] = [1]
            var badSHA = sampleCheckpoint()
            badSHA.metadata.configSHA256 = String(repeating: "0", count: 64)
            for checkpoint in [badShape, badVelocity, reserved, badSHA] {
                #expect(throws: CheckpointError.self) { try checkpoint.write(to: url) }
            }
            #expect(!FileManager.default.fileExists(atPath: url.path))
            #expect(tempFiles(in: dir).isEmpty)
        }
    }
}
