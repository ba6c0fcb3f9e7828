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
