import Foundation
import Synchronization

/// The Python interpreter tests use as an independent reader/reference (h5py, numpy,
/// scikit-learn). `make pydeps` creates `.venv` at the package root; `TRANSFER_PYTHON`
/// overrides it; the system python3 is used when it has the modules. Returns nil when none
/// has them (tests gate on `Dependency.python`, which skips — or fails under CI).
public enum PythonEnvironment {
    /// The package root (the folder holding Package.swift), found from this source file.
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// The interpreter to use, if one with the needed modules is installed.
    public static func interpreter(requiring modules: [String]) -> URL? {
        let env = ProcessInfo.processInfo.environment
        let key = modules.joined(separator: ",")
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let candidates: [String?] = [env["TRANSFER_PYTHON"], packageRoot.appendingPathComponent(".venv/bin/python").path,
                                     "/usr/bin/python3", "/usr/local/bin/python3"]
        var found: URL?
        for case let path? in candidates where FileManager.default.isExecutableFile(atPath: path) {
            let url = URL(fileURLWithPath: path)
            let check = "import " + modules.joined(separator: ", ")
            if let result = try? run(url, arguments: ["-c", check]), result.status == 0 { found = url; break }
        }
        cache.withLock { $0[key] = .some(found) }
        return found
    }

    /// Interpreters found per module list (a probe starts a process; tests ask often).
    private static let cache = Mutex<[String: URL?]>([:])

    /// Runs a Python script with arguments; returns exit status, stdout and stderr.
    public static func run(_ python: URL, script: String, arguments: [String] = []) throws
        -> (status: Int32, stdout: String, stderr: String) {
        try run(python, arguments: ["-c", script] + arguments)
    }

    /// Runs any executable with arguments; returns exit status, stdout and stderr.
    public static func run(_ executable: URL, arguments: [String]) throws
        -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self),
                String(decoding: errData, as: UTF8.self))
    }
}
