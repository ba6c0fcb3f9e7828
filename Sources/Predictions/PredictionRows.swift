import Foundation

/// The two file formats of predictions.
public enum PredictionFileFormat: String, Sendable, CaseIterable {
    /// Comma-separated values with a header row.
    case csv
    /// JSON Lines: one flat object per line, keys as the CSV header's names.
    case jsonl

    /// `.jsonl`, `.ndjson` and `.json` files are JSON Lines; anything else is CSV.
    public static func guess(_ url: URL) -> PredictionFileFormat {
        ["jsonl", "ndjson", "json"].contains(url.pathExtension.lowercased()) ? .jsonl : .csv
    }
}

/// A predictions file as a header (column names) and rows of fields aligned with it.
enum PredictionRows {
    /// Calls `header` once with the column names (CSV: the first record; JSON Lines: the keys of
    /// the first object, which is also the first row), then `row(line, fields)` per row, a field
    /// being nil where a JSON key is missing or null. Throws on duplicated column names, rows of
    /// the wrong width (CSV) and keys the first line does not have (JSON Lines).
    static func read(_ url: URL, format: PredictionFileFormat, header: ([String]) throws -> Void,
                     row: (Int, [Field?]) throws -> Void) throws {
        switch format {
        case .csv: try readCSV(url, header: header, row: row)
        case .jsonl: try readJSONLines(url, header: header, row: row)
        }
    }

    private static func readCSV(_ url: URL, header: ([String]) throws -> Void, row: (Int, [Field?]) throws -> Void) throws {
        var width: Int?
        try CSVRecords.read(url) { line, fields in
            guard let width else {
                let names = fields.map { $0.trimmed }
                try checkDuplicates(names, columns: fields.map(\.column), line: line, file: url.relativePath)
                width = names.count
                try header(names)
                return
            }
            guard fields.count == width else {
                throw PredictionFileError(file: url.relativePath, line: line, column: fields.last?.column,
                                          reason: "\(fields.count) fields, but the header has \(width)")
            }
            try row(line, fields)
        }
    }

    private static func readJSONLines(_ url: URL, header: ([String]) throws -> Void,
                                      row: (Int, [Field?]) throws -> Void) throws {
        var index: [String: Int]?
        try JSONLines.read(url) { line, pairs in
            if index == nil {
                let names = pairs.map(\.key)
                index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, $0.offset) })
                try header(names)
            }
            guard let index else { return }
            var fields = [Field?](repeating: nil, count: index.count)
            for pair in pairs {
                guard let i = index[pair.key] else {
                    throw PredictionFileError(file: url.relativePath, line: line, column: pair.column, key: pair.key,
                                              reason: "a key the first line does not have")
                }
                fields[i] = pair.value
            }
            try row(line, fields)
        }
    }

    private static func checkDuplicates(_ names: [String], columns: [Int], line: Int, file: String) throws {
        var first: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            if let j = first[name] {
                throw PredictionFileError(file: file, line: line, column: columns[i], key: name,
                                          reason: "duplicated: fields \(j + 1) and \(i + 1) of the header have this name")
            }
            first[name] = i
        }
    }
}
