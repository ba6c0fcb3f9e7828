/// Why a checkpoint could not be read or written. Every case names the file.
public enum CheckpointError: Error, CustomStringConvertible, Sendable, Equatable {
    /// No file at the path.
    case missing(path: String)
    /// The file exists but is not an HDF5 file.
    case notHDF5(path: String)
    /// The file is damaged: truncated, a checksum mismatch, inconsistent contents.
    case corrupt(path: String, reason: String)
    /// An HDF5 file that is not a checkpoint (format attribute absent or different).
    case wrongFormat(path: String, found: String)
    /// A checkpoint of a format version this code does not read.
    case wrongVersion(path: String, found: Int, supported: Int)
    /// Layer names or shapes differ from what the caller expects.
    case architectureMismatch(path: String, details: String)
    /// A required attribute, group or dataset is absent (`entry` is its in-file path).
    case missingEntry(path: String, entry: String)
    /// The checkpoint value to write is inconsistent (nothing was written).
    case invalid(path: String, reason: String)
    /// The operating system or HDF5 failed to create, write, sync or rename the file.
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case let .missing(path): "checkpoint \(path): no such file"
        case let .notHDF5(path): "checkpoint \(path): not an HDF5 file"
        case let .corrupt(path, reason): "checkpoint \(path) is corrupt: \(reason)"
        case let .wrongFormat(path, found):
            "checkpoint \(path): not a \(Checkpoint.formatName) file (format: \(found))"
        case let .wrongVersion(path, found, supported):
            "checkpoint \(path): format version \(found) found, only version \(supported) is supported"
        case let .architectureMismatch(path, details): "checkpoint \(path): architecture mismatch: \(details)"
        case let .missingEntry(path, entry): "checkpoint \(path): missing \(entry)"
        case let .invalid(path, reason): "checkpoint \(path) not written: \(reason)"
        case let .io(path, reason): "checkpoint \(path): I/O error: \(reason)"
        }
    }

    /// The file the error is about.
    public var path: String {
        switch self {
        case let .missing(path), let .notHDF5(path), let .corrupt(path, _), let .wrongFormat(path, _),
             let .wrongVersion(path, _, _), let .architectureMismatch(path, _), let .missingEntry(path, _),
             let .invalid(path, _), let .io(path, _):
            path
        }
    }
}
