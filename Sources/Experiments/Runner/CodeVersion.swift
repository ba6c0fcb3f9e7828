import Foundation

/// The code version recorded with every result: `TRANSFER_CODE_VERSION` if set, else
/// `git describe --always --dirty` of the working directory, else "unknown".
public enum CodeVersion {
    public static let current: String = {
        if let v = ProcessInfo.processInfo.environment["TRANSFER_CODE_VERSION"], !v.isEmpty { return v }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "describe", "--always", "--dirty", "--abbrev=12"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return "unknown" }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let s = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return p.terminationStatus == 0 && !s.isEmpty ? s : "unknown"
    }()
}
