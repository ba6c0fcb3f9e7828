import Foundation
import Testing
import TestSupport

/// The test harness itself: a missing dependency skips locally and fails under CI; the venv
/// setup script fails loudly.
@Suite struct TestHarnessTests {
    static let missing = Dependency(name: "a tool nobody has", hint: "none") { false }
    static let present = Dependency(name: "a tool everybody has", hint: "none") { true }

    @Test func aMissingDependencySkipsLocallyAndRunsToFailUnderCI() {
        #expect(!Self.missing.shouldRun(in: [:]))
        #expect(!Self.missing.shouldRun(in: ["CI": "false"]))
        #expect(Self.missing.shouldRun(in: ["CI": "true"]))
        #expect(Self.present.shouldRun(in: [:]))
        #expect(throws: MissingDependency.self) { try Self.missing.require() }
        #expect(throws: Never.self) { try Self.present.require() }
        #expect(Self.missing.reason == "needs a tool nobody has (none)")
    }

    @Test func pythonEnvScriptExitsNonZeroWithTheReasonWhenItCannotBuildTheVenv() throws {
        let script = PythonEnvironment.packageRoot.appendingPathComponent("scripts/python-env.sh").path
        let venv = FileManager.default.temporaryDirectory.appendingPathComponent("no-venv-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: venv) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, venv.path]
        process.environment = ["PATH": "/nonexistent"]  // no python3 to build it with
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(message.contains("python-env: cannot create"), "\(message)")
    }
}

/// The README's first command must leave the clone clean: `make quick` writes only where git ignores.
@Suite struct QuickOutputTests {
    @Test(.requires(.tool("make", at: ["/usr/bin/make"])), .requires(.tool("git", at: ["/usr/bin/git"])))
    func makeQuickWritesOnlyToAnIgnoredFolder() throws {
        let root = PythonEnvironment.packageRoot
        let make = try Self.run("/usr/bin/make", ["-n", "-s", "quick", "SWIFT=true"], in: root)
        let line = try #require(make.split(separator: "\n").first { $0.contains("sweep configs/quick.json") }, "\(make)")
        let words = line.split(separator: " ").map(String.init)
        let results = try #require(words.firstIndex(of: "--results").map { words[$0 + 1] }, "no --results in \(line)")
        let probe = "\(results)/quick/similar/top1.csv"
        let ignored = try Self.run("/usr/bin/git", ["check-ignore", "-q", probe], in: root, status: true)
        #expect(ignored == "0", "\(probe) is not ignored by git: make quick would dirty the tree")
    }

    /// Runs a tool; returns its stdout (or, with `status`, its exit status as text).
    static func run(_ tool: String, _ arguments: [String], in directory: URL, status: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return status ? String(process.terminationStatus) : text
    }
}
