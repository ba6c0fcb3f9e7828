import Foundation

/// A streaming JSON Lines reader for flat objects: one object per line whose values are strings,
/// numbers or null (nested arrays/objects and booleans are errors). Keys keep their order in the
/// line, a duplicated key is an error, blank lines are skipped. Columns are 1-based byte offsets.
struct JSONLines {
    /// Calls `body(line, pairs)` for every non-blank line; a `null` value is a nil field.
    static func read(_ url: URL, _ body: (Int, [(key: String, column: Int, value: Field?)]) throws -> Void) throws {
        var pending: [UInt8] = []
        var line = 0
        func handle(_ bytes: ArraySlice<UInt8>) throws {
            line += 1
            var parser = FlatObjectParser(bytes: Array(bytes), file: url.relativePath, line: line)
            if let pairs = try parser.parse() { try body(line, pairs) }
        }
        var first = true
        try ByteChunks.forEach(url) { chunk in
            let bom = first && chunk.starts(with: [0xEF, 0xBB, 0xBF])
            first = false
            for byte in chunk.dropFirst(bom ? 3 : 0) {
                if byte == UInt8(ascii: "\n") {
                    try handle(pending[...])
                    pending.removeAll(keepingCapacity: true)
                } else {
                    pending.append(byte)
                }
            }
        }
        if !pending.isEmpty { try handle(pending[...]) }
    }
}

/// Parses one line holding a flat JSON object.
struct FlatObjectParser {
    let bytes: [UInt8]
    let file: String
    let line: Int
    private var i = 0

    init(bytes: [UInt8], file: String, line: Int) {
        self.bytes = bytes
        self.file = file
        self.line = line
    }

    /// The key/value pairs in order, or nil for a blank line.
    mutating func parse() throws -> [(key: String, column: Int, value: Field?)]? {
        skipSpace()
        if i == bytes.count { return nil }
        try expect(UInt8(ascii: "{"), "a JSON object")
        var pairs: [(key: String, column: Int, value: Field?)] = []
        var seen = Set<String>()
        skipSpace()
        if peek == UInt8(ascii: "}") { i += 1 } else {
            while true {
                skipSpace()
                let keyColumn = i + 1
                guard peek == UInt8(ascii: "\"") else { throw error("expected a key in double quotes") }
                let key = try string()
                guard seen.insert(key).inserted else { throw error("duplicated key \"\(key)\"", column: keyColumn) }
                skipSpace()
                try expect(UInt8(ascii: ":"), "':' after the key")
                skipSpace()
                pairs.append((key, keyColumn, try value(key: key)))
                skipSpace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                try expect(UInt8(ascii: "}"), "',' or '}'")
                break
            }
        }
        skipSpace()
        if i != bytes.count { throw error("unexpected text after the object") }
        return pairs
    }

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private mutating func skipSpace() {
        while let b = peek, b == 0x20 || b == 0x09 || b == 0x0D { i += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws {
        guard peek == byte else { throw error("expected \(what)") }
        i += 1
    }

    private func error(_ reason: String, column: Int? = nil) -> PredictionFileError {
        PredictionFileError(file: file, line: line, column: column ?? i + 1, reason: reason)
    }

    private mutating func value(key: String) throws -> Field? {
        let column = i + 1
        switch peek {
        case UInt8(ascii: "\""):
            return Field(text: try string(), column: column, isString: true)
        case UInt8(ascii: "n") where bytes[i...].starts(with: Array("null".utf8)):
            i += 4
            return nil
        case let b? where b == UInt8(ascii: "-") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")):
            let start = i
            while let c = peek, "+-.eE0123456789".utf8.contains(c) { i += 1 }
            return Field(text: String(decoding: bytes[start..<i], as: UTF8.self), column: column)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            throw PredictionFileError(file: file, line: line, column: column, key: key,
                                      reason: "nested arrays and objects are not supported")
        default:
            throw PredictionFileError(file: file, line: line, column: column, key: key,
                                      reason: "expected a string, a number or null")
        }
    }

    /// A double-quoted JSON string with its escapes (\uXXXX with surrogate pairs).
    private mutating func string() throws -> String {
        let open = i
        i += 1
        var out: [UInt8] = []
        while let b = peek {
            i += 1
            switch b {
            case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"): try escape(into: &out)
            default: out.append(b)
            }
        }
        throw error("a string is never closed", column: open + 1)
    }

    private mutating func escape(into out: inout [UInt8]) throws {
        guard let e = peek else { throw error("a string is never closed") }
        i += 1
        let simple: [UInt8: UInt8] = [0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C,
                                      0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09]
        if let s = simple[e] { out.append(s); return }
        guard e == UInt8(ascii: "u") else { throw error("invalid escape \\\(Character(Unicode.Scalar(e)))") }
        var code = try hex4()
        if (0xD800..<0xDC00).contains(code), bytes[i...].starts(with: Array("\\u".utf8)) {
            i += 2
            let low = try hex4()
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else {
            throw error("invalid \\u escape")
        }
        i += 4
        return v
    }
}
