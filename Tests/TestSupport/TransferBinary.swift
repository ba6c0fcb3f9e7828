import Foundation

/// The built `transfer` executable, for end-to-end tests that run the real tool:
/// `TRANSFER_BIN` if set (the Makefile sets it), else the newest of .build/{release,debug}/transfer.
public enum TransferBinary {
    public static var url: URL? {
        if let p = ProcessInfo.processInfo.environment["TRANSFER_BIN"], FileManager.default.isExecutableFile(atPath: p) {
            return URL(fileURLWithPath: p)
        }
        let candidates = ["release", "debug"].map {
            PythonEnvironment.packageRoot.appendingPathComponent(".build/\($0)/transfer")
        }.filter { FileManager.default.isExecutableFile(atPath: $0.path) }
        return candidates.max { modified($0) < modified($1) }
    }

    private static func modified(_ url: URL) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// Runs the tool with `arguments` in `directory`; returns exit status and combined output.
    @discardableResult
    public static func run(_ arguments: [String], in directory: URL? = nil,
                           environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        guard let url else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "no transfer binary: run `swift build` first or set TRANSFER_BIN"]) }
        let p = Process()
        p.executableURL = url
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        p.environment = env
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
