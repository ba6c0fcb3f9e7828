import Foundation
@testable import Datasets

/// A fresh temporary folder, removed by `cleanup()`.
struct TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("datasets-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let p = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }
    func cleanup() { try? FileManager.default.removeItem(at: url) }
}

func be32(_ v: Int) -> [UInt8] {
    [UInt8((v >> 24) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
}

/// IDX bytes: magic 00 00 <type> <rank>, big-endian dims, payload.
func idxBytes(type: UInt8 = 0x08, dims: [Int], payload: [UInt8]) -> [UInt8] {
    [0, 0, type, UInt8(dims.count)] + dims.flatMap(be32) + payload
}

/// Deterministic pseudo-random bytes for test payloads.
func testBytes(_ n: Int, seed: UInt64) -> [UInt8] {
    var g = SplitMix64(seed: seed)
    return (0..<n).map { _ in UInt8(truncatingIfNeeded: g.next()) }
}

/// Writes the four MNIST-style files into `dir` (gzip or raw) with `nTrain`/`nTest` images of h×w.
struct SmallIDX {
    let trainImages: [UInt8], trainLabels: [UInt8], testImages: [UInt8], testLabels: [UInt8]
    let h: Int, w: Int

    init(nTrain: Int, nTest: Int, h: Int, w: Int, classes: Int, seed: UInt64) {
        self.h = h
        self.w = w
        trainImages = testBytes(nTrain * h * w, seed: seed)
        testImages = testBytes(nTest * h * w, seed: seed + 1)
        trainLabels = (0..<nTrain).map { UInt8($0 % classes) }
        testLabels = (0..<nTest).map { UInt8(($0 * 7 + 3) % classes) }
    }

    func write(to dir: TempDir, prefix: String = "", testPart: String = "t10k", gzip: Bool) throws {
        let files: [(String, [UInt8])] = [
            ("train-images-idx3-ubyte", idxBytes(dims: [trainLabels.count, h, w], payload: trainImages)),
            ("train-labels-idx1-ubyte", idxBytes(dims: [trainLabels.count], payload: trainLabels)),
            ("\(testPart)-images-idx3-ubyte", idxBytes(dims: [testLabels.count, h, w], payload: testImages)),
            ("\(testPart)-labels-idx1-ubyte", idxBytes(dims: [testLabels.count], payload: testLabels)),
        ]
        for (name, bytes) in files {
            _ = try dir.write(prefix + name + (gzip ? ".gz" : ""), gzip ? try Gzip.compress(bytes) : bytes)
        }
    }
}

/// CIFAR records: `labels.count` label bytes, then 3072 pixel bytes each.
func cifarRecords(_ labels: [[UInt8]], seed: UInt64) -> (file: [UInt8], pixels: [[UInt8]]) {
    var file: [UInt8] = []
    var pixels: [[UInt8]] = []
    for (i, l) in labels.enumerated() {
        let px = testBytes(3072, seed: seed &+ UInt64(i) &* 1000)
        file += l + px
        pixels.append(px)
    }
    return (file, pixels)
}

/// A small hand-made image set: `perClass[k]` images of class k, pixel value encodes (index, position).
func makeSet(perClass: [Int], c: Int = 1, h: Int = 2, w: Int = 2) -> ImageSet {
    var labels: [Int] = []
    for (k, n) in perClass.enumerated() { labels += Array(repeating: k, count: n) }
    // interleave a little so classes are not contiguous
    var g = SplitMix64(seed: 99)
    fisherYatesShuffle(&labels, using: &g)
    let size = c * h * w
    let pixels = (0..<(labels.count * size)).map { Float($0 / size) + Float($0 % size) / 100 }
    return try! ImageSet(channels: c, height: h, width: w, pixels: pixels, labels: labels,
                         classNames: (0..<perClass.count).map { "c\($0)" })
}
