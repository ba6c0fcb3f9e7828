import Foundation

/// Quoting for the bash scripts and `#SBATCH` lines the writer generates.
enum SlurmShell {
    /// `text` as one bash word: single-quoted, embedded quotes as '\''.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A value for an `#SBATCH --key=value` line: double-quoted when it holds blanks.
    static func directiveValue(_ text: String) -> String {
        text.contains(where: { $0 == " " || $0 == "\t" }) ? "\"" + text + "\"" : text
    }

    /// True when `text` may go into one line of a script, the manifest or an `#SBATCH` value.
    static func isSingleLine(_ text: String) -> Bool {
        !text.contains(where: { $0.isNewline || $0 == "\t" || $0 == "\0" })
    }

    /// `name` reduced to characters safe in a job name: others become "_".
    static func jobNameComponent(_ name: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+")
        let mapped = String(name.map { allowed.contains($0) ? $0 : "_" })
        return mapped.isEmpty ? "experiment" : mapped
    }
}
