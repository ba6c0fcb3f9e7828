import Foundation
import Testing
@testable import Datasets

/// A small .gz whose content inflates far past what its IDX header declares is stopped at the
/// declared size, not inflated in full.
@Suite struct GzipBombTests {
    @Test func inflatingStopsAtTheSizeTheHeaderDeclares() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        // Header: 400 images of 28×28 (313,616 payload bytes); content: 64 MiB.
        let header = idxBytes(dims: [400, 28, 28], payload: [])
        let bomb = try Gzip.compress(header + [UInt8](repeating: 0, count: 64 << 20), level: 9)
        #expect(bomb.count < 200_000)
        let path = try dir.write("train-images-idx3-ubyte.gz", bomb)
        do {
            _ = try IDXReader.readImages(path: path)
            Issue.record("a bomb must be rejected")
        } catch let DatasetError.corruptGzip(errorPath, reason) {
            #expect(errorPath == path)
            #expect(reason.contains("inflates past the 313616 bytes its header declares"), "\(reason)")
            // It stopped right after the declared size, not at 64 MiB.
            let stopped = Int(reason.split(separator: " ").last { Int($0.dropLast()) != nil }?.dropLast() ?? "") ?? .max
            #expect(stopped <= max(4 * bomb.count, 313_616 + 1), "\(reason)")
        }
    }

    @Test func aFileOfExactlyTheDeclaredSizeStillReads() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let payload = testBytes(3 * 5 * 5, seed: 9)
        let path = try dir.write("ok.gz", try Gzip.compress(idxBytes(dims: [3, 5, 5], payload: payload)))
        #expect(try IDXReader.readImages(path: path).pixels == payload.map { Float($0) / 255 })
        #expect(IDXReader.declaredFileSize(idxBytes(dims: [3, 5, 5], payload: []), rank: 3) == 16 + 75)
        #expect(IDXReader.declaredFileSize([0, 0, 8], rank: 3) == nil)
    }

    @Test func withoutADeclarationTheOutputIsCappedAtMaxOutput() throws {
        let bomb = try Gzip.compress([UInt8](repeating: 1, count: 4 << 20))
        #expect(throws: DatasetError.self) { try Gzip.decompress(bomb, path: "mem", maxOutput: 1 << 20) }
        #expect(try Gzip.decompress(bomb, path: "mem", maxOutput: 4 << 20).count == 4 << 20)
    }
}
