import Foundation
import Testing
@testable import Datasets

/// Runs `body`, requires a DatasetError, returns its message.
func errorMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        Issue.record("expected an error")
        return nil
    } catch let e as DatasetError {
        return e.description
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

@Suite("Bad input is reported with the file and reason")
struct BadInputTests {
    @Test func missingFile() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let msg = errorMessage { _ = try IDXDataset(kind: .mnist, directory: dir.url.path).load() }
        #expect(msg?.contains(dir.path("train-images-idx3-ubyte")) == true)
        #expect(msg?.contains("not found") == true)
        let fm = errorMessage { _ = try IDXDataset(kind: .fashionMNIST, directory: IDXDataset.defaultFashionMNISTDirectory + "-absent").load() }
        #expect(fm?.contains("make deps") == true)
        let c10 = errorMessage { _ = try CIFAR10Dataset(directory: dir.url.path).load() }
        #expect(c10?.contains(dir.path("data_batch_1.bin")) == true)
    }

    @Test func wrongMagic() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let p = try dir.write("img", [0x12, 0x34, 0x08, 0x03] + be32(1) + be32(1) + be32(1) + [0])
        let msg = errorMessage { _ = try IDXReader.readImages(path: p) }
        #expect(msg?.contains(p) == true)
        #expect(msg?.contains("magic") == true && msg?.contains("0x12340803") == true && msg?.contains("0x00000803") == true)
        // A labels file given where images are expected: rank 1 ≠ 3.
        let l = try dir.write("labels", idxBytes(dims: [2], payload: [1, 2]))
        let msg2 = errorMessage { _ = try IDXReader.readImages(path: l) }
        #expect(msg2?.contains(l) == true && msg2?.contains("dimensions") == true)
    }

    @Test func unsupportedElementType() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let p = try dir.write("float-images", idxBytes(type: 0x0D, dims: [1, 1, 1], payload: [0, 0, 0, 0]))
        let msg = errorMessage { _ = try IDXReader.readImages(path: p) }
        #expect(msg?.contains(p) == true)
        #expect(msg?.contains("unsupported element type 0x0D (float)") == true)
    }

    @Test("truncated payload, raw and gzipped", arguments: [false, true])
    func truncatedPayload(gzip: Bool) throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let bytes = idxBytes(dims: [3, 2, 2], payload: testBytes(10, seed: 1))  // 12 expected
        let p = try dir.write("short", gzip ? try Gzip.compress(bytes) : bytes)
        let msg = errorMessage { _ = try IDXReader.readImages(path: p) }
        #expect(msg?.contains(p) == true)
        #expect(msg?.contains("truncated") == true && msg?.contains("expected 12 bytes, found 10") == true)
    }

    @Test func truncatedGzipStream() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let gz = try Gzip.compress(idxBytes(dims: [50, 10, 10], payload: testBytes(5000, seed: 2)))
        let p = try dir.write("cut.gz", Array(gz[..<(gz.count / 2)]))
        let msg = errorMessage { _ = try IDXReader.readImages(path: p) }
        #expect(msg?.contains(p) == true && msg?.contains("gzip") == true)
        // Corrupt deflate data.
        var bad = gz
        for i in 20..<60 { bad[i] ^= 0xA5 }
        let q = try dir.write("corrupt.gz", bad)
        let msg2 = errorMessage { _ = try IDXReader.readImages(path: q) }
        #expect(msg2?.contains(q) == true && msg2?.contains("gzip") == true)
    }

    @Test func countMismatch() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let i = try dir.write("imgs", idxBytes(dims: [3, 1, 1], payload: [1, 2, 3]))
        let l = try dir.write("labs", idxBytes(dims: [2], payload: [0, 1]))
        let msg = errorMessage { _ = try IDXReader.read(imagesPath: i, labelsPath: l, classNames: nil) }
        #expect(msg?.contains(i) == true && msg?.contains(l) == true)
        #expect(msg?.contains("3 images") == true && msg?.contains("2 labels") == true)
    }

    @Test func labelOutOfRange() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let i = try dir.write("imgs", idxBytes(dims: [1, 1, 1], payload: [1]))
        let l = try dir.write("labs", idxBytes(dims: [1], payload: [10]))
        let msg = errorMessage { _ = try IDXReader.read(imagesPath: i, labelsPath: l, classNames: ClassNames.fashionMNIST) }
        #expect(msg?.contains(l) == true && msg?.contains("label 10") == true)
    }

    @Test func cifarWrongSize() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let (file, _) = cifarRecords([[1], [2]], seed: 1)
        for k in 1...5 { _ = try dir.write("data_batch_\(k).bin", file) }
        let p = try dir.write("test_batch.bin", file + [0, 0, 0])
        let msg = errorMessage { _ = try CIFAR10Dataset(directory: dir.url.path).load() }
        #expect(msg?.contains(p) == true && msg?.contains("not a multiple of the record size 3073") == true)
        let q = try dir.write("train.bin", Array(file[..<5000]))
        _ = try dir.write("test.bin", file)
        let msg100 = errorMessage { _ = try CIFAR100Dataset(directory: dir.url.path).load() }
        #expect(msg100?.contains(q) == true && msg100?.contains("3074") == true)
    }

    @Test func cifarLabelRange() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let (file, _) = cifarRecords([[1], [12]], seed: 1)
        for k in 1...5 { _ = try dir.write("data_batch_\(k).bin", file) }
        let p = try dir.write("test_batch.bin", file)
        let msg = errorMessage { _ = try CIFAR10Dataset(directory: dir.url.path).load() }
        #expect(msg?.contains(dir.path("data_batch_1.bin")) == true && msg?.contains("label 12") == true)
        _ = p
    }
}
