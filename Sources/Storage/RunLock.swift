import Foundation

/// An exclusive claim on one run's folder, held by one process at a time (`flock`), so that
/// two sweeps (local or Slurm) on one results folder never train the same run at once.
/// The kernel releases it when the process dies: a crashed claim never blocks a retry.
public final class RunLock {
    private let fd: Int32
    public let url: URL

    public enum Failure: Error, CustomStringConvertible {
        case busy(String)
        case io(String, String)
        public var description: String {
            switch self {
            case .busy(let path): return "another process is training this run (lock \(path) is held)"
            case let .io(path, why): return "cannot lock \(path): \(why)"
            }
        }
    }

    /// Takes the lock or throws `.busy` at once (never waits).
    public init(_ url: URL) throws {
        self.url = url
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        fd = open(url.path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure.io(url.path, String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let why = String(cString: strerror(errno))
            close(fd)
            throw busy ? Failure.busy(url.path) : Failure.io(url.path, why)
        }
        let owner = "pid \(getpid()) on \(ProcessInfo.processInfo.hostName)\n"
        _ = ftruncate(fd, 0)
        _ = owner.withCString { write(fd, $0, strlen($0)) }
    }

    /// Whether some process holds the lock right now.
    public static func isHeld(_ url: URL) -> Bool {
        let fd = open(url.path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        // A shared probe conflicts with the holder's exclusive lock but not with other probes.
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return true
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
