import Foundation
import Testing
import TestSupport

/// The real tool rejects out-of-limit options and unsafe names before doing anything.
@Suite("command-line limits", .serialized)
struct CommandLineLimitsTests {
    static let smoke = PythonEnvironment.packageRoot.appendingPathComponent("configs/smoke.json").path

    @Test func hugeThreadAndJobCountsFailWithTheOptionAndLimit() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("limits-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (args, message) in [
            (["run", Self.smoke, "--run", "baseA", "--split", "similar", "--threads", "2147483648"], "--threads 2147483648 is outside the limit 1…1024"),
            (["sweep", Self.smoke, "--jobs", "0"], "--jobs 0 is outside the limit 1…256"),
            (["eval", "x.h5", "--threads=-3"], "--threads -3 is outside the limit 1…1024"),
        ] {
            let result = try TransferBinary.run(args + (args[0] == "eval" ? [] : ["--results", dir.path]))
            #expect(result.status != 0 && result.status < 128, "\(args): exit \(result.status)")
            #expect(result.output.contains(message), "\(args): \(result.output)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path), "nothing may be written")
    }

    @Test func cleanWithADotDotNameDeletesNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dotdot-\(UUID().uuidString)")
        let results = dir.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("evil.json")
        try Data(#"{"name": ".."}"#.utf8).write(to: config)
        let result = try TransferBinary.run(["clean", config.path, "--results", results.path])
        #expect(result.status != 0)
        #expect(result.output.contains("evil.json: name:"), "\(result.output)")
        #expect(FileManager.default.fileExists(atPath: results.path) && FileManager.default.fileExists(atPath: config.path))
    }
}
