import Foundation

/// A tiny tmpfs mounted for a test, to fill up on purpose (needs root and mount permission).
public final class SmallDisk {
    public let url: URL

    /// Mounts a tmpfs of `kilobytes` at a fresh folder.
    public init(kilobytes: Int) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("small-disk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let result = try Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", url.path])
        guard result == 0 else {
            try? FileManager.default.removeItem(at: url)
            throw MissingDependency(description: "mount -t tmpfs failed (exit \(result))")
        }
    }

    /// Unmounts and removes the folder.
    public func remove() {
        _ = try? Self.run("/bin/umount", [url.path])
        try? FileManager.default.removeItem(at: url)
    }

    /// Whether this process may mount a tmpfs (root, and a trial mount works).
    public static let canMount: Bool = {
        guard geteuid() == 0, let disk = try? SmallDisk(kilobytes: 16) else { return false }
        disk.remove()
        return true
    }()

    /// Mounting a small tmpfs (skipped with this reason where it is not allowed).
    public static let dependency = Dependency(name: "permission to mount a tmpfs", hint: "run the tests as root") { canMount }

    private static func run(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
