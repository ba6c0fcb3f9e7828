import Foundation

/// Leftover temp files of the tool's atomic writes (`AtomicFile`: `.<name>.tmp-<pid>-<random>`;
/// older versions also wrote `.<name>.tmp-<uuid>` for tables), left by a kill or a full disk. Only those names, only inside the given folder, and only when their writer is gone
/// (its pid is not alive) — or, for names without a pid, when older than `staleAfter`.
public enum TempFileSweep {
    public static let staleAfter: TimeInterval = 600

    /// Whether `name` is one of the tool's temp-file names.
    public static func isToolTempName(_ name: String) -> Bool {
        name.hasPrefix(".") && name.count > 1 && name.contains(".tmp-")
    }

    /// The writer's pid encoded in a temp name, if any.
    static func writerPID(_ name: String) -> pid_t? {
        guard let range = name.range(of: ".tmp-", options: .backwards) else { return nil }
        let digits = name[range.upperBound...].prefix { $0 != "-" }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let pid = pid_t(digits), pid > 0 else { return nil }
        return pid
    }

    /// Removes stale temp files under `directory` (recursively); returns what it removed.
    @discardableResult
    public static func sweep(_ directory: URL, now: Date = Date()) -> [URL] {
        guard let items = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey, .contentModificationDateKey],
                                                         options: []) else { return [] }
        var removed: [URL] = []
        for case let url as URL in items where isToolTempName(url.lastPathComponent) {
            guard let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .contentModificationDateKey]),
                  values.isRegularFile == true, isStale(url.lastPathComponent, modified: values.contentModificationDate, now: now)
            else { continue }
            if (try? FileManager.default.removeItem(at: url)) != nil { removed.append(url) }
        }
        return removed
    }

    private static func isStale(_ name: String, modified: Date?, now: Date) -> Bool {
        if let pid = writerPID(name) {
            return pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
        }
        return now.timeIntervalSince(modified ?? now) > staleAfter
    }
}
