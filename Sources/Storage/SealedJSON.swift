import Foundation

/// JSON files that carry their own SHA-256 (`record.json`, `metrics.json`).
///
/// A sealed file is the pretty-printed, key-sorted JSON of a value with one member inserted
/// first: `"sha256" : "<hex>"`, the digest of the file's bytes *without* that member. Reading
/// removes the member, hashes what is left and compares, so any changed byte is caught. A file
/// without the member (written before seals; e.g. Tests/RecordsTests/Fixtures/record-before-digests.json) is
/// accepted as it is; one whose digest does not match is corrupt.
public enum SealedJSON {
    static let key = "sha256"

    /// The sealed bytes of `value`.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return seal(try encoder.encode(value))
    }

    /// Seals pretty-printed JSON object bytes (`{\n  "…`).
    public static func seal(_ json: Data) -> Data {
        let bytes = [UInt8](json)
        guard bytes.starts(with: Array("{\n  ".utf8)) else { return json }
        var out = Array(bytes.prefix(4))
        out += Array(member(SHA256.hex(bytes: bytes)).utf8)
        out += bytes.dropFirst(4)
        return Data(out)
    }

    /// The unsealed bytes after checking the seal; unsealed input is returned as it is.
    /// Throws `SealError.mismatch` when the digest does not match.
    public static func verify(_ data: Data, path: String) throws -> Data {
        let bytes = [UInt8](data)
        let head = Array("{\n  \"\(key)\" : \"".utf8)
        guard bytes.starts(with: head) else { return data }
        let length = member(String(repeating: "0", count: 64)).utf8.count
        guard bytes.count >= 4 + length else { throw SealError(path: path, reason: "the sha256 member is cut short") }
        let stored = String(decoding: bytes[(head.count)..<(head.count + 64)], as: UTF8.self)
        let rest = Array(bytes.prefix(4)) + bytes.dropFirst(4 + length)
        guard member(stored).utf8.elementsEqual(bytes[4..<(4 + length)]) else {
            throw SealError(path: path, reason: "the sha256 member is malformed")
        }
        let actual = SHA256.hex(bytes: rest)
        guard actual == stored else {
            throw SealError(path: path, reason: "content does not match its sha256 (stored \(stored.prefix(12))…, computed \(actual.prefix(12))…)")
        }
        return Data(rest)
    }

    /// Reads, verifies and decodes a sealed (or legacy unsealed) file.
    public static func read<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
        let data = try verify(try Data(contentsOf: url), path: url.path)
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw SealError(path: url.path, reason: "not a valid \(T.self): \(error)")
        }
    }

    private static func member(_ hex: String) -> String { "\"\(key)\" : \"\(hex)\",\n  " }
}

/// A sealed JSON file that is damaged.
public struct SealError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
