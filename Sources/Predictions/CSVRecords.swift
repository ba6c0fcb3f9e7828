import Foundation

/// One field of a record: its text and where it starts (1-based column in characters).
struct Field: Sendable {
    var text: String
    var column: Int
    /// True for a JSON string (a JSON number or a CSV cell is false).
    var isString: Bool = false

    /// The text without leading and trailing whitespace (`CharacterSet.whitespaces`). Plain ASCII
    /// cells without surrounding blanks — nearly every cell of a large file — skip Foundation.
    var trimmed: String { Self.trimmingWhitespace(text) }

    static func trimmingWhitespace(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        func plain(_ byte: UInt8) -> Bool { byte != 0x20 && byte != 0x09 && byte < 0x80 }
        return plain(first) && plain(last) ? text : text.trimmingCharacters(in: .whitespaces)
    }
}

/// A streaming RFC 4180 CSV reader: comma-separated fields, `"`-quoted fields may hold commas,
/// line breaks and `""` for a quote; `\r\n` and `\n` end records; a UTF-8 byte-order mark is
/// skipped; blank lines are skipped. Reads the file in chunks (memory does not grow with it).
struct CSVRecords {
    private enum State { case start, plain, quoted, quotedQuote }

    let url: URL
    private var state = State.start
    private var buffer: [UInt8] = []
    private var fields: [Field] = []
    private var line = 1, column = 1
    private var recordLine = 1, fieldColumn = 1, quoteLine = 1

    init(url: URL) { self.url = url }

    /// Calls `body(line, fields)` for every non-blank record, `line` being where it starts.
    static func read(_ url: URL, _ body: (Int, [Field]) throws -> Void) throws {
        var reader = CSVRecords(url: url)
        var first = true
        try ByteChunks.forEach(url) { chunk in
            let bom = first && chunk.starts(with: [0xEF, 0xBB, 0xBF])
            first = false
            for byte in chunk.dropFirst(bom ? 3 : 0) { try reader.consume(byte, body) }
        }
        try reader.finish(body)
    }

    private mutating func consume(_ byte: UInt8, _ body: (Int, [Field]) throws -> Void) throws {
        defer { advance(byte) }
        switch (state, byte) {
        case (.quoted, UInt8(ascii: "\"")): state = .quotedQuote
        case (.quoted, _): buffer.append(byte)
        case (.quotedQuote, UInt8(ascii: "\"")): buffer.append(byte); state = .quoted
        case (_, UInt8(ascii: "\r")): break
        case (_, UInt8(ascii: ",")): endField()
        case (_, UInt8(ascii: "\n")): endField(); try endRecord(body)
        case (.start, UInt8(ascii: "\"")): state = .quoted; quoteLine = line
        case (.quotedQuote, _):
            throw PredictionFileError(file: url.relativePath, line: line, column: column,
                                      reason: "unexpected character after a closing quote")
        default: buffer.append(byte); state = .plain
        }
    }

    private mutating func advance(_ byte: UInt8) {
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
        if state == .start && fields.isEmpty && buffer.isEmpty { recordLine = line }
        if state == .start { fieldColumn = column }
    }

    private mutating func endField() {
        fields.append(Field(text: String(decoding: buffer, as: UTF8.self), column: fieldColumn))
        buffer.removeAll(keepingCapacity: true)
        state = .start
    }

    private mutating func endRecord(_ body: (Int, [Field]) throws -> Void) throws {
        defer { fields.removeAll(keepingCapacity: true) }
        if fields.count == 1 && fields[0].text.allSatisfy({ $0 == " " || $0 == "\t" }) { return }   // blank line
        try body(recordLine, fields)
    }

    private mutating func finish(_ body: (Int, [Field]) throws -> Void) throws {
        if state == .quoted {
            throw PredictionFileError(file: url.relativePath, line: quoteLine, reason: "a quoted field is never closed")
        }
        if state != .start || !buffer.isEmpty || !fields.isEmpty {
            endField()
            try endRecord(body)
        }
    }
}
