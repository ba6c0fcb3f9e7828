import Foundation

/// Bad input in a predictions file: the file, and where known the line, column (1-based, in
/// characters for CSV, bytes for JSON Lines) and column name, with the reason.
///
/// Printed as `FILE:LINE:COLUMN: column "NAME": reason` (compiler style, so editors jump to it).
public struct PredictionFileError: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String
    public let line: Int?
    public let column: Int?
    public let key: String?
    public let reason: String

    public init(file: String, line: Int? = nil, column: Int? = nil, key: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.reason = reason
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        let name = key.map { "column \"\($0)\": " } ?? ""
        return "\(place): \(name)\(reason)"
    }
}

/// Where a value sits in the file, for errors.
struct FieldLocation: Sendable {
    let line: Int
    let column: Int?
    let key: String

    func error(_ file: String, _ reason: String) -> PredictionFileError {
        PredictionFileError(file: file, line: line, column: column, key: key, reason: reason)
    }
}
