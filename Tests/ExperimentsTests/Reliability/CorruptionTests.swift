import Checkpoints
import Datasets
import Foundation
import Metrics
import Records
import Storage
import TestSupport
import Testing
@testable import Experiments

/// Seeded damage to every kind of file the tool reads: each case must be detected (an error)
/// or provably harmless (what is read equals the undamaged original).
@Suite("reliability: corruption", .enabled(if: Reliability.isOn, Reliability.reason), .serialized)
struct CorruptionTests {
    struct Tally {
        var detected = 0, harmless = 0, missed = 0
        mutating func book(_ outcome: Bool?, _ what: @autoclosure () -> String) {
            switch outcome {
            case nil: detected += 1
            case true?: harmless += 1
            case false?: missed += 1; Issue.record("undetected damage: \(what())")
            }
        }
    }

    /// Writes `bytes` to `url`, reads it with `read`: nil when it fails, else whether it equals `expected`.
    static func probe<T: Equatable>(_ bytes: [UInt8], at url: URL, expected: T, _ read: (URL) throws -> T) throws -> Bool? {
        try Data(bytes).write(to: url)
        do { return try read(url) == expected } catch { return nil }
    }

    @Test func checkpointsRecordsMetricsAndDatasetFiles() throws {
        let dir = try Reliability.temporaryDirectory("corruption")
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try TransferBinary.run(["run", Reliability.smoke, "--run", "baseB", "--split", "similar",
                                           "--results", dir.path, "--quiet"])
        try #require(made.status == 0, "\(made.output)")
        let runDir = dir.appendingPathComponent("smoke/similar/runs/baseB-seed0")
        var random = TestRandom(seed: 1417)
        var tally = Tally()
        let damaged = dir.appendingPathComponent("damaged")

        // Checkpoint: 100 flips anywhere, 100 in the chunk index (B-tree nodes).
        let checkpoint = [UInt8](try Data(contentsOf: runDir.appendingPathComponent("checkpoint.h5")))
        let original = try Checkpoint.read(from: runDir.appendingPathComponent("checkpoint.h5")).contentDigest
        let index = HDF5Bytes.chunkIndexRanges(checkpoint).flatMap { Array($0) }
        try #require(!index.isEmpty)
        for i in 0..<200 {
            let range = i < 100 ? nil : { let o = index[random.int(below: index.count)]; return o..<(o + 1) }()
            let (bytes, offset) = Reliability.flip(checkpoint, &random, in: range)
            tally.book(try Self.probe(bytes, at: damaged, expected: original) { try Checkpoint.read(from: $0).contentDigest },
                       "checkpoint byte \(offset)")
        }
        // record.json and metrics.json: 60 flips each.
        let record = [UInt8](try Data(contentsOf: runDir.appendingPathComponent("record.json")))
        let expectedRecord = try RunRecord.load(from: runDir.appendingPathComponent("record.json"))
        let metrics = [UInt8](try Data(contentsOf: runDir.appendingPathComponent("metrics.json")))
        func report(_ url: URL) throws -> Data {
            try EvaluationReport.decode(json: SealedJSON.verify(try Data(contentsOf: url), path: url.path)).jsonData()
        }
        let expectedMetrics = try report(runDir.appendingPathComponent("metrics.json"))
        for _ in 0..<60 {
            let (r, ro) = Reliability.flip(record, &random)
            tally.book(try Self.probe(r, at: damaged, expected: expectedRecord) { try RunRecord.load(from: $0) }, "record byte \(ro)")
            let (m, mo) = Reliability.flip(metrics, &random)
            tally.book(try Self.probe(m, at: damaged, expected: expectedMetrics, report), "metrics byte \(mo)")
        }
        // A dataset file (gzip: CRC-32 and length in its trailer): 60 flips.
        let labelsPath = "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz"
        var datasetCases = 0
        if let labels = FileManager.default.contents(atPath: labelsPath).map([UInt8].init) {
            let expected = try IDXReader.readLabels(path: labelsPath)
            for _ in 0..<60 {
                let (bytes, offset) = Reliability.flip(labels, &random)
                tally.book(try Self.probe(bytes, at: damaged, expected: expected) { try IDXReader.readLabels(path: $0.path) },
                           "labels byte \(offset)")
                datasetCases += 1
            }
        }
        #expect(tally.missed == 0)
        Reliability.report("corruption", ["cases": tally.detected + tally.harmless + tally.missed, "detected": tally.detected,
                                          "harmless": tally.harmless, "missed": tally.missed, "dataset_cases": datasetCases])
    }
}
