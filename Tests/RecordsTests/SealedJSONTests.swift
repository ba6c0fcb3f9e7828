import Foundation
import RecordFixtures
import Records
import Storage
import Testing
import TestSupport

/// record.json and metrics.json carry their own SHA-256; damage is caught, old files still read.
@Suite struct SealedJSONTests {
    static let record = ReportFixtures.record(treatment: .AnBPlus, n: 3, seed: 1, top1: 0.8734)

    @Test func aSealedRecordRoundTripsAndStartsWithItsDigest() throws {
        let data = try SealedJSON.encode(Self.record)
        #expect(String(decoding: data.prefix(16), as: UTF8.self) == "{\n  \"sha256\" : \"")
        let unsealed = try SealedJSON.verify(data, path: "record.json")
        #expect(try JSONDecoder().decode(RunRecord.self, from: unsealed) == Self.record)
        #expect(try JSONDecoder().decode(RunRecord.self, from: data) == Self.record)  // plain JSON readers too
        // The digest is SHA-256 of the file without the member (SHA256 is checked against FIPS vectors).
        let text = String(decoding: data, as: UTF8.self)
        let digest = String(text.dropFirst(16).prefix(64))
        let without = text.replacingOccurrences(of: "\"sha256\" : \"\(digest)\",\n  ", with: "")
        #expect(SHA256.hex(without) == digest)
    }

    @Test func everySingleByteChangeIsDetectedOrReadsBackIdentical() throws {
        let data = [UInt8](try SealedJSON.encode(Self.record))
        var detected = 0
        for offset in data.indices {
            var bytes = data
            bytes[offset] ^= 0x04
            do {
                let record = try JSONDecoder().decode(RunRecord.self, from: SealedJSON.verify(Data(bytes), path: "r"))
                #expect(record == Self.record, "byte \(offset) changed the record unnoticed")
            } catch {
                detected += 1
            }
        }
        #expect(detected >= data.count - 24, "\(detected) of \(data.count) detected")
    }

    @Test func aRecordWithoutDigestIsAcceptedAsBefore() throws {
        // A record as the earlier default study committed it (before records carried digests).
        let committed = PythonEnvironment.packageRoot
            .appendingPathComponent("Tests/RecordsTests/Fixtures/record-before-digests.json")
        let record = try RunRecord.load(from: committed)
        #expect(record.treatment == .AnBPlus && record.n == 1 && record.seed == 0)
    }

    @Test func aDamagedRecordOrMetricsFileIsCorrupt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sealed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("record.json")
        let text = String(decoding: try SealedJSON.encode(Self.record), as: UTF8.self)
        try Data(text.replacingOccurrences(of: "0.8734", with: "0.9734").utf8).write(to: url)
        #expect(throws: SealError.self) { try RunRecord.load(from: url) }

    }

    @Test func aRecordOfAnUnknownTreatmentIsAnErrorNamingTheFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sealed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("record.json")
        let text = String(decoding: try JSONEncoder().encode(Self.record), as: UTF8.self)
        try Data(text.replacingOccurrences(of: "\"AnB+\"", with: "\"AnC+\"").utf8).write(to: url)
        let error = try #require(throws: SealError.self) { try RunRecord.load(from: url) }
        #expect(error.path == url.path)
        #expect(error.reason.contains("AnC+"), "\(error.reason)")
    }

    @Test func treatmentsEncodeAsThePapersSpellingAndKeepOneOrder() throws {
        #expect(TreatmentFamily.allCases.map(\.description)
                == ["baseA", "baseB", "BnB", "BnB+", "AnB", "AnB+", "randomNB", "AnA", "AnA+", "BnA", "BnA+"])
        #expect(TreatmentFamily.allCases.sorted() == TreatmentFamily.allCases)
        #expect(TreatmentFamily.allCases.filter(\.isReverse) == [.AnA, .AnAPlus, .BnA, .BnAPlus])
        #expect(TreatmentFamily.allCases.map(\.comparisonBase.rawValue)
                == ["baseA", "baseB", "baseB", "baseB", "baseB", "baseB", "baseB", "baseA", "baseA", "baseA", "baseA"])
        #expect(String(decoding: try JSONEncoder().encode([TreatmentFamily.BnAPlus]), as: UTF8.self) == #"["BnA+"]"#)
        for family in TreatmentFamily.allCases {
            let layers: [Int?] = family.isBase ? [nil] : [1, 7]
            for n in layers {
                #expect(TreatmentFamily.parse(label: family.label(n: n))! == (family, n))
            }
        }
    }
}
