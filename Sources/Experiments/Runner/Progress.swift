import Foundation

/// Progress of one run: a live `\r` line when stdout is a terminal, plain lines otherwise,
/// and always plain lines in the run's `train.log` (appended: every attempt of a run keeps its lines).
final class RunProgress {
    private let log: FileHandle?
    private let echo: Bool
    private let live: Bool
    private let label: String

    init(label: String, logURL: URL, echo: Bool) {
        self.label = label
        self.echo = echo
        live = echo && isatty(STDOUT_FILENO) == 1
        if !FileManager.default.fileExists(atPath: logURL.path) {
            FileManager.default.createFile(atPath: logURL.path, contents: nil)
        }
        log = try? FileHandle(forWritingTo: logURL)
        _ = try? log?.seekToEnd()
    }

    deinit { try? log?.close() }

    /// A line for the log (and stdout when echoing).
    func line(_ text: String) {
        let stamped = "\(Self.timestamp()) \(text)\n"
        log?.write(Data(stamped.utf8))
        guard echo else { return }
        if live { print("\r\u{1B}[2K", terminator: "") }
        print("[\(label)] \(text)")
        flushStandardOutput()
    }

    /// A status update: redraws the live line on a terminal; otherwise a plain line only when
    /// `important` (so logs stay readable).
    func status(_ text: String, important: Bool) {
        if important { log?.write(Data("\(Self.timestamp()) \(text)\n".utf8)) }
        guard echo else { return }
        if live {
            print("\r\u{1B}[2K[\(label)] \(text)", terminator: "")
            flushStandardOutput()
        } else if important {
            print("[\(label)] \(text)")
            flushStandardOutput()
        }
    }

    func finishLive() {
        if live { print("") }
    }

    static func timestamp() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }
}

/// "1m05s", "2h03m", "12s".
func formatDuration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "?" }
    let s = Int(seconds.rounded())
    if s >= 3600 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
    if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
    return "\(s)s"
}

/// Flushes C stdio's stdout (after `print`) so progress reaches a pipe or terminal at once.
func flushStandardOutput() { fflush(nil) }
