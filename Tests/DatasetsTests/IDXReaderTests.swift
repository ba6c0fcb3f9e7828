import Foundation
import Testing
import TestSupport
@testable import Datasets

@Suite("IDX reader")
struct IDXReaderTests {
    @Test("small IDX files read back exactly", arguments: [true, false])
    func roundTrip(gzip: Bool) throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let data = SmallIDX(nTrain: 12, nTest: 5, h: 3, w: 4, classes: 10, seed: 1)
        try data.write(to: dir, gzip: gzip)
        let (train, test) = try IDXDataset(kind: .mnist, directory: dir.url.path).load()
        #expect(train.count == 12 && test.count == 5)
        #expect(train.channels == 1 && train.height == 3 && train.width == 4)
        #expect(train.pixels == data.trainImages.map { Float($0) / 255 })
        #expect(test.pixels == data.testImages.map { Float($0) / 255 })
        #expect(train.labels == data.trainLabels.map(Int.init))
        #expect(test.labels == data.testLabels.map(Int.init))
        #expect(train.classNames == ClassNames.digits)
    }

    @Test("gzip detected by magic, not by name")
    func gzipByMagic() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let payload = testBytes(2 * 2 * 2, seed: 5)
        let gz = try dir.write("plain-name", try Gzip.compress(idxBytes(dims: [2, 2, 2], payload: payload)))
        let raw = try dir.write("named.gz", idxBytes(dims: [2, 2, 2], payload: payload))
        #expect(try IDXReader.readImages(path: gz).pixels == payload.map { Float($0) / 255 })
        #expect(try IDXReader.readImages(path: raw).pixels == payload.map { Float($0) / 255 })
    }

    @Test("gzip round trip through zlib here")
    func gzipRoundTrip() throws {
        let input = testBytes(300_000, seed: 3) + [UInt8](repeating: 7, count: 200_000)
        #expect(try Gzip.decompress(try Gzip.compress(input), path: "mem") == input)
    }

    static let gzipPaths = ["/usr/bin/gzip", "/bin/gzip"]

    @Test("gzip written by the system gzip tool inflates", .requires(.tool("gzip", at: gzipPaths)))
    func gzipInterop() throws {
        let input = testBytes(300_000, seed: 3) + [UInt8](repeating: 7, count: 200_000)
        let tool = try Dependency.toolPath("gzip", at: Self.gzipPaths)
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = try dir.write("blob", input)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = ["-9", path]
        try p.run()
        p.waitUntilExit()
        #expect(try readPossiblyGzippedFile(path + ".gz") == input)
        // Two concatenated gzip members decode as one stream.
        let twice = try Gzip.compress(Array(input[..<1000])) + (try Gzip.compress(Array(input[1000..<5000])))
        #expect(try Gzip.decompress(twice, path: "mem") == Array(input[..<5000]))
    }

    @Test("EMNIST images are transposed upright and letters labels shift to 0-based")
    func emnistTranspose() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        // 1 image 2×3 stored transposed: stored rows=2, cols=3 means upright 3×2.
        let stored: [UInt8] = [1, 2, 3, 4, 5, 6]
        for part in ["train", "test"] {
            _ = try dir.write("emnist-letters-\(part)-images-idx3-ubyte", idxBytes(dims: [1, 2, 3], payload: stored))
            _ = try dir.write("emnist-letters-\(part)-labels-idx1-ubyte.gz", try Gzip.compress(idxBytes(dims: [1], payload: [26])))
        }
        let (train, _) = try IDXDataset(kind: .emnist, directory: dir.url.path, subset: "letters").load()
        #expect(train.height == 3 && train.width == 2)
        // upright[y][x] = stored[x][y]
        #expect(train.pixels == [1, 4, 2, 5, 3, 6].map { Float($0) / 255 })
        #expect(train.labels == [25])
        #expect(train.classNames.count == 26 && train.classNames[25] == "Z/z")
        #expect(ClassNames.emnist(subset: "balanced")?.count == 47)
        #expect(ClassNames.emnist(subset: "byclass")?.count == 62)
    }

    @Test("KMNIST and Fashion-MNIST class names")
    func names() {
        #expect(IDXDataset(kind: .kmnist).classNames() == ["o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"])
        #expect(IDXDataset(kind: .fashionMNIST).classNames()?[9] == "Ankle boot")
        #expect(IDXDataset(kind: .fashionMNIST).directory == "/usr/share/datasets/fashion-mnist")
    }
}
