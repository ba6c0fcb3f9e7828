import CHDF5

/// An error from the HDF5 layer. `path` is "<file>:<object>" (or just the file) so messages
/// always say where; `stack` holds libhdf5's own error-stack messages, outermost call first.
public enum HDF5Error: Error, CustomStringConvertible, Sendable, Equatable {
    /// A libhdf5 call failed.
    case library(operation: String, path: String, stack: [String])
    /// A chunk failed its fletcher32 checksum while being read.
    case checksumMismatch(path: String, stack: [String])
    /// The named object or attribute does not exist.
    case notFound(path: String)
    /// The stored element type is not the one asked for.
    case typeMismatch(path: String, expected: String, found: String)
    /// A shape and a value count disagree, or a shape is invalid.
    case invalidShape(path: String, reason: String)
    /// An argument cannot be stored (e.g. a string containing NUL).
    case invalidArgument(path: String, reason: String)
    /// The object (or its file) was already closed.
    case closed(path: String)

    public var description: String {
        switch self {
        case let .library(operation, path, stack):
            return "HDF5 \(operation) failed for \(path)" + Self.render(stack)
        case let .checksumMismatch(path, stack):
            return "HDF5 checksum (fletcher32) mismatch reading \(path)" + Self.render(stack)
        case let .notFound(path):
            return "HDF5 object not found: \(path)"
        case let .typeMismatch(path, expected, found):
            return "HDF5 type mismatch for \(path): expected \(expected), found \(found)"
        case let .invalidShape(path, reason):
            return "HDF5 invalid shape for \(path): \(reason)"
        case let .invalidArgument(path, reason):
            return "HDF5 invalid argument for \(path): \(reason)"
        case let .closed(path):
            return "HDF5 object already closed: \(path)"
        }
    }

    /// The libhdf5 error-stack messages carried by this error (empty for Swift-side errors).
    public var stack: [String] {
        switch self {
        case let .library(_, _, stack), let .checksumMismatch(_, stack): return stack
        default: return []
        }
    }

    private static func render(_ stack: [String]) -> String {
        stack.isEmpty ? "" : ": " + stack.joined(separator: "; ")
    }
}

/// Access to libhdf5's per-thread error stack.
enum ErrorStack {
    /// Turns off libhdf5's automatic printing of errors to stderr for the calling thread.
    /// (The thread-safe build keeps one error stack per thread, so every entry point calls this.)
    static func silence() {
        _ = H5Eset_auto2(chdf5_e_default(), nil, nil)
    }

    /// Walks the calling thread's error stack (outermost call first), then clears it.
    static func drain() -> [String] {
        final class Lines { var items: [String] = [] }
        let lines = Lines()
        withExtendedLifetime(lines) {
            let context = Unmanaged.passUnretained(lines).toOpaque()
            _ = H5Ewalk2(chdf5_e_default(), H5E_WALK_DOWNWARD, { _, frame, context in
                guard let frame, let context else { return 0 }
                let lines = Unmanaged<Lines>.fromOpaque(context).takeUnretainedValue()
                let function = frame.pointee.func_name.map { String(cString: $0) } ?? "?"
                let detail = (frame.pointee.desc.map { String(cString: $0) } ?? "")
                    .split(whereSeparator: \.isNewline).joined(separator: " ")
                var minor = [CChar](repeating: 0, count: 256)
                let length = H5Eget_msg(frame.pointee.min_num, nil, &minor, minor.count)
                let minorText = length > 0 ? string(fromCBuffer: minor) : ""
                lines.items.append("\(function)(): \(detail)" + (minorText.isEmpty ? "" : " (\(minorText))"))
                return 0
            }, context)
        }
        _ = H5Eclear2(chdf5_e_default())
        return lines.items
    }

    /// The Swift error for a failed call, built from the current error stack.
    static func error(_ operation: String, _ path: String) -> HDF5Error {
        let stack = drain()
        let isChecksum = stack.contains { $0.localizedCaseInsensitiveContains("fletcher32")
            || $0.localizedCaseInsensitiveContains("checksum") }
        return isChecksum ? .checksumMismatch(path: path, stack: stack)
            : .library(operation: operation, path: path, stack: stack)
    }
}

/// Throws the captured error stack when a libhdf5 status/id is negative; returns it otherwise.
@discardableResult
func check<T: BinaryInteger>(_ result: T, _ operation: String, _ path: @autoclosure () -> String) throws -> T {
    if result < 0 { throw ErrorStack.error(operation, path()) }
    return result
}

/// Decodes a NUL-terminated C buffer as UTF-8.
func string(fromCBuffer buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}
