import Foundation

/// The one way the tool replaces a file: the bytes go to a new temp file in the target's folder
/// (`.<name>.tmp-<pid>-<random>`, a name `TempFileSweep` recognises), are written in full,
/// fsynced and closed, then renamed over the target, and the folder is fsynced so the rename is
/// durable. Readers see the old file or the new one, never a half-written one; on any error the
/// temp file is removed and an existing target is left untouched. Checkpoints, records,
/// metrics, tables, figures, the HTML report and Slurm scripts are all written through it.
public enum AtomicFile {
    /// A write that failed: the target's path and what went wrong.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let path: String
        public let reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes `bytes` over `url` atomically and durably.
    /// - Parameters:
    ///   - permissions: the file's mode (exactly, regardless of the umask).
    ///   - createDirectory: create missing parent folders (otherwise a missing folder is an error).
    ///   - beforeRename: runs once the temp file is complete and synced (tests inject failures).
    public static func write(_ bytes: [UInt8], to url: URL, permissions: mode_t = 0o644, createDirectory: Bool = true,
                             beforeRename: (URL) throws -> Void = { _ in }) throws {
        let path = url.path
        let directory = url.deletingLastPathComponent()
        try prepare(directory, create: createDirectory, for: path)
        let temp = directory.appendingPathComponent(
            ".\(url.lastPathComponent).tmp-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))")
        do {
            try writeNew(bytes, to: temp, permissions: permissions, reportingAs: path)
            try beforeRename(temp)
            guard rename(temp.path, path) == 0 else {
                throw Failure(path: path, reason: "cannot rename temp file into place: \(lastErrno())")
            }
        } catch {
            unlink(temp.path)
            throw error
        }
        try syncDirectory(directory.path, reportingAs: path)
    }

    /// `write(_:to:)` for UTF-8 text.
    public static func write(_ text: String, to url: URL, permissions: mode_t = 0o644) throws {
        try write(Array(text.utf8), to: url, permissions: permissions)
    }

    /// `write(_:to:)` for `Data`.
    public static func write(_ data: Data, to url: URL, permissions: mode_t = 0o644) throws {
        try write([UInt8](data), to: url, permissions: permissions)
    }

    /// `strerror(errno)`.
    public static func lastErrno() -> String { String(cString: strerror(errno)) }

    private static func prepare(_ directory: URL, create: Bool, for path: String) throws {
        if create {
            do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
                throw Failure(path: path, reason: "cannot create directory \(directory.path): \(error.localizedDescription)")
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(path: path, reason: "directory \(directory.path) does not exist")
        }
    }

    /// Creates `url` (never an existing file) and writes every byte, syncs and closes it.
    private static func writeNew(_ bytes: [UInt8], to url: URL, permissions: mode_t, reportingAs path: String) throws {
        let name = url.lastPathComponent
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw Failure(path: path, reason: "cannot create temp file \(name): \(lastErrno())") }
        var closed = false
        defer { if !closed { close(fd) } }
        guard fchmod(fd, permissions) == 0 else { throw Failure(path: path, reason: "cannot set the mode of temp file \(name): \(lastErrno())") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let reason = n < 0 ? lastErrno() : "wrote nothing"
                throw Failure(path: path, reason: "writing temp file \(name) failed after \(written) of \(bytes.count) bytes: \(reason)")
            }
            written += n
        }
        guard fsync(fd) == 0 else { throw Failure(path: path, reason: "fsync failed: \(lastErrno())") }
        closed = true
        guard close(fd) == 0 else { throw Failure(path: path, reason: "closing temp file \(name): \(lastErrno())") }
    }

    /// Syncs a folder so a rename in it is durable (file systems that cannot sync folders,
    /// EINVAL/ENOTSUP, are accepted).
    private static func syncDirectory(_ directory: String, reportingAs path: String) throws {
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else {
            throw Failure(path: path, reason: "file renamed into place but its directory cannot be opened to sync: \(lastErrno())")
        }
        defer { close(fd) }
        if fsync(fd) != 0 && errno != EINVAL && errno != ENOTSUP {
            throw Failure(path: path, reason: "file renamed into place but directory fsync failed: \(lastErrno())")
        }
    }
}
