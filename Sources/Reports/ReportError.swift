import Foundation

/// Errors of `ReportWriter`.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// No records of the experiment were given.
    case noRecords(experiment: String)
    /// A split name that cannot be a directory name (empty, ".", "..", or containing "/" or NUL).
    case invalidSplitName(String)
    /// Creating a directory or writing/renaming a file failed.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .noRecords(let experiment):
            return "report: no run records for experiment '\(experiment)'"
        case .invalidSplitName(let name):
            return "report: split name '\(name)' cannot be used as a directory name"
        case .writeFailed(let path, let reason):
            return "report: cannot write \(path): \(reason)"
        }
    }
}
