import Foundation
import Testing
import Slurm

/// Small helpers shared by the Slurm tests: temporary folders, executable stand-ins, commands.
enum SlurmTestSupport {
    /// A fresh empty directory under the system temporary directory.
    static func temporaryDirectory(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes an executable bash script.
    @discardableResult
    static func writeExecutable(_ url: URL, _ body: String) throws -> URL {
        try Data(("#!/bin/bash\n" + body).utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url
    }

    /// Runs a command with stdout and stderr going to one temporary file (so daemons it starts
    /// cannot hold a pipe open); returns the exit status and the combined output.
    static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("slurm-test-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output)
    }

    /// The lines of a text file, or none if it does not exist.
    static func lines(_ url: URL) -> [String] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// A small DAG: two bases in wave 0, two transfer runs in wave 1, one in wave 2.
    static let sampleRuns: [SlurmRunSpec] = [
        SlurmRunSpec(id: "baseA", label: "baseA", split: "similar", seed: 0),
        SlurmRunSpec(id: "baseB", label: "baseB", split: "similar", seed: 1),
        SlurmRunSpec(id: "AnB3", label: "AnB+3", split: "similar", seed: 0, dependencies: ["baseA", "baseB"]),
        SlurmRunSpec(id: "BnB3", label: "BnB3", split: "similar", seed: 1, dependencies: ["baseB", "done-elsewhere"]),
        SlurmRunSpec(id: "late", label: "late", split: "dissimilar", seed: 7, dependencies: ["AnB3"]),
    ]
}
