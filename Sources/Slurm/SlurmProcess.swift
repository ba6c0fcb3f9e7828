import Foundation

/// Runs a command through Foundation `Process`, capturing stdout and stderr, with a timeout.
enum SlurmProcess {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Collects one pipe's bytes on a background thread.
    private final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func set(_ value: Data) { lock.withLock { data = value } }
        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    }

    /// The first executable named `name` in the colon-separated `searchPath`, or nil.
    static func find(_ name: String, searchPath: String) -> URL? {
        if name.contains("/") {
            return FileManager.default.isExecutableFile(atPath: name) ? URL(fileURLWithPath: name) : nil
        }
        for directory in searchPath.split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Runs `executable` with `arguments`; terminates it after `timeout` seconds.
    static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String],
        currentDirectory: URL? = nil, timeout: Double
    ) throws(SlurmError) -> Result {
        let commandLine = ([executable.lastPathComponent] + arguments).joined(separator: " ")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw .commandFailed(command: commandLine, status: -1, stderr: error.localizedDescription)
        }
        let out = Collector()
        let err = Collector()
        let readers = DispatchGroup()
        for (pipe, collector) in [(stdoutPipe, out), (stderrPipe, err)] {
            readers.enter()
            DispatchQueue.global().async {
                collector.set(pipe.fileHandleForReading.readDataToEndOfFile())
                readers.leave()
            }
        }
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = exited.wait(timeout: .now() + 5)
            throw .timedOut(command: commandLine, seconds: timeout)
        }
        // A grandchild that kept the pipes open must not hang us: give the readers a bound too.
        _ = readers.wait(timeout: .now() + 10)
        return Result(status: process.terminationStatus, stdout: out.text, stderr: err.text)
    }
}
