@testable import Checkpoints
import HDF5
import Foundation

/// A fresh directory under the system temp dir, removed after `body`.
func withTemporaryDirectory<R>(_ body: (URL) throws -> R) throws -> R {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("checkpoints-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer {
        chmod(url.path, 0o755)
        try? FileManager.default.removeItem(at: url)
    }
    return try body(url)
}

/// Names in `directory` that look like leftover temp files of the atomic writer.
func tempFiles(in directory: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.contains(".tmp-") }
}

/// Deterministic values with awkward floats mixed in (-0, subnormal, huge, a NaN with payload).
func sampleValues(_ count: Int, seed: UInt32, specials: Bool = true) -> [Float] {
    var state = seed &* 2_654_435_761 &+ 1
    var values = (0..<count).map { _ -> Float in
        state = state &* 1_664_525 &+ 1_013_904_223
        return Float(Int32(bitPattern: (state >> 8) << 8)) / Float(Int32.max)
    }
    let awkward: [Float] = [-0.0, Float.leastNonzeroMagnitude, 3.0e38, Float(bitPattern: 0x7FC0_1234)]
    for (i, special) in awkward.enumerated() where specials && i * 7 < count { values[i * 7] = special }
    return values
}

func tensor(_ shape: [Int], seed: UInt32) -> Tensor {
    Tensor(shape: shape, values: sampleValues(shape.reduce(1, *), seed: seed))
}

/// Layer shapes of the sample network: two conv layers then two fully-connected ones.
let sampleShapes: [(name: String, weight: [Int], bias: [Int])] = [
    ("conv1", [4, 3, 3, 3], [4]),
    ("conv2", [6, 4, 3, 3], [6]),
    ("fc1", [10, 24], [10]),
    ("fc2", [5, 10], [5]),
]

/// A complete checkpoint with velocities, trainer state, counters and history.
func sampleCheckpoint(epoch: Int = 3, seed: Int = 1234) -> Checkpoint {
    let layers = sampleShapes.enumerated().map { i, s in
        (name: s.name, weight: tensor(s.weight, seed: UInt32(10 * i + 1)), bias: tensor(s.bias, seed: UInt32(10 * i + 2)))
    }
    let velocities = sampleShapes.enumerated().map { i, s in
        (name: s.name, weight: tensor(s.weight, seed: UInt32(100 + i)), bias: tensor(s.bias, seed: UInt32(200 + i)))
    }
    let metadata = CheckpointMetadata(
        config: #"{"lr":0.01,"momentum":0.9,"treatment":"AnB","n":2}"#,
        runID: "AnB-n2-seed\(seed)", treatment: "AnB", n: 2, seed: seed, epoch: epoch, step: epoch * 100,
        codeVersion: "0.1.0-test", created: "2025-01-31T12:34:56Z", dataset: "cifar10-half-A",
        classIDs: [0, 2, 4, 6, 8], classNames: ["airplane", "bird", "deer", "frog", "ship \"quoted\" ✓"],
        inputScale: 1.0 / 255.0, inputMean: Tensor(shape: [3, 4, 4], values: sampleValues(48, seed: 77, specials: false)),
        architecture: #"{"layers":["conv1","conv2","fc1","fc2"]}"#)
    let trainer = TrainerState(
        step: epoch * 100, epoch: epoch, lr: 0.005,
        rngState: [0, 1, UInt64.max, 0x8000_0000_0000_0001, 0xDEAD_BEEF_CAFE_F00D],
        counters: ["batches_seen": [300, -1, Int64.min], "shuffle_epoch": [3]],
        history: ["train_loss": [2.3, 1.7, 1.25], "val_accuracy": [0.1, 0.42, 0.615], "empty": []])
    return Checkpoint(metadata: metadata, layers: layers, velocities: velocities, trainer: trainer)
}

func architecture(_ shapes: [(name: String, weight: [Int], bias: [Int])]) -> ExpectedArchitecture {
    ExpectedArchitecture(shapes.map { ($0.name, $0.weight, $0.bias) })
}

/// Edits a written checkpoint through libhdf5, then renews its file seal, so a test reaches the
/// checks behind the seal (format, version, digests, fletcher32).
func editCheckpoint(_ url: URL, _ body: (H5File) throws -> Void) throws {
    do {
        let file = try H5File.open(url, mode: .readWrite)
        try body(file)
        try file.close()
    }
    try CheckpointSeal.reseal(url)
}

/// Renews the seal after raw byte edits.
func resealCheckpoint(_ url: URL) throws { try CheckpointSeal.reseal(url) }
