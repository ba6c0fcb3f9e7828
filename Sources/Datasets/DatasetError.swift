import Foundation

/// Everything that can go wrong reading a data set or building a task from it.
/// Each message names the file (or class / option) and the reason.
public enum DatasetError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A data file is absent; `hint` says how to get it (e.g. `make deps`).
    case fileNotFound(path: String, hint: String?)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// The gzip stream is truncated or corrupt.
    case corruptGzip(path: String, reason: String)
    /// The IDX magic number is wrong (first two bytes not zero, or wrong rank).
    case badMagic(path: String, expected: UInt32, found: UInt32)
    /// The IDX element type is not 0x08 (unsigned byte).
    case unsupportedElementType(path: String, code: UInt8)
    /// The IDX header is malformed (too short, zero dims, …).
    case badHeader(path: String, reason: String)
    /// The payload length differs from the product of the dimensions.
    case payloadSizeMismatch(path: String, expected: Int, actual: Int)
    /// Images and labels files disagree on the number of samples.
    case countMismatch(imagesPath: String, images: Int, labelsPath: String, labels: Int)
    /// The file size is not a whole number of fixed-length records.
    case badRecordSize(path: String, fileSize: Int, recordSize: Int)
    /// A label is outside the known class range.
    case labelOutOfRange(path: String, index: Int, label: Int, classCount: Int)
    /// A class name or id is not in the data set.
    case unknownClass(String, available: [String])
    /// A class is listed in both task A and task B.
    case overlappingClasses(String)
    /// A class appears twice in one list.
    case duplicateClass(String)
    /// A task's class list is empty.
    case emptyClassList(String)
    /// A per-class cap asks for more training images than the class has.
    case capTooLarge(className: String, available: Int, cap: Int)
    /// A validation hold-out leaves no training image (or asks for more than exist).
    case holdOutTooLarge(className: String, available: Int, requested: Int)
    /// An option value is invalid.
    case invalidOption(String)
    /// Image sets have different shapes where equal ones are needed.
    case shapeMismatch(String)

    public var description: String {
        switch self {
        case let .fileNotFound(path, hint):
            return "\(path): file not found" + (hint.map { " (\($0))" } ?? "")
        case let .unreadable(path, reason):
            return "\(path): cannot read: \(reason)"
        case let .corruptGzip(path, reason):
            return "\(path): corrupt or truncated gzip stream: \(reason)"
        case let .badMagic(path, expected, found):
            return "\(path): bad IDX magic number \(hex32(found)) (expected \(hex32(expected)))"
        case let .unsupportedElementType(path, code):
            return "\(path): unsupported element type \(hex8(code)) (\(idxTypeName(code))); only 0x08 (unsigned byte) is supported"
        case let .badHeader(path, reason):
            return "\(path): bad IDX header: \(reason)"
        case let .payloadSizeMismatch(path, expected, actual):
            let what = actual < expected ? "truncated payload" : "payload longer than its dimensions"
            return "\(path): \(what): expected \(expected) bytes, found \(actual)"
        case let .countMismatch(imagesPath, images, labelsPath, labels):
            return "image/label count mismatch: \(imagesPath) has \(images) images but \(labelsPath) has \(labels) labels"
        case let .badRecordSize(path, fileSize, recordSize):
            return "\(path): file size \(fileSize) bytes is not a multiple of the record size \(recordSize)"
        case let .labelOutOfRange(path, index, label, classCount):
            return "\(path): label \(label) of record \(index) is outside 0..<\(classCount)"
        case let .unknownClass(name, available):
            let list = available.count <= 30 ? available.joined(separator: ", ") : "\(available.count) classes"
            return "unknown class '\(name)' (the data set has: \(list))"
        case let .overlappingClasses(name):
            return "class '\(name)' is in both task A and task B"
        case let .duplicateClass(name):
            return "class '\(name)' is listed twice"
        case let .emptyClassList(which):
            return "empty class list for \(which)"
        case let .capTooLarge(name, available, cap):
            return "class '\(name)' has \(available) training images, fewer than the per-class cap \(cap)"
        case let .holdOutTooLarge(name, available, requested):
            return "class '\(name)' has \(available) training images; a validation hold-out of \(requested) leaves none for training"
        case let .invalidOption(reason):
            return "invalid option: \(reason)"
        case let .shapeMismatch(reason):
            return "shape mismatch: \(reason)"
        }
    }
}

func hex32(_ v: UInt32) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, 8 - s.count)) + s
}

func hex8(_ v: UInt8) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return "0x" + (s.count < 2 ? "0" : "") + s
}

/// The IDX element-type names (0x08 … 0x0E).
func idxTypeName(_ code: UInt8) -> String {
    switch code {
    case 0x08: return "unsigned byte"
    case 0x09: return "signed byte"
    case 0x0B: return "short"
    case 0x0C: return "int"
    case 0x0D: return "float"
    case 0x0E: return "double"
    default: return "unknown"
    }
}
