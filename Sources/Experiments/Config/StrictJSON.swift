import Foundation

/// A JSON object read key by key with its path, so every error names the file and key, and
/// keys nobody read are reported as unknown (`finish()`).
struct StrictObject {
    let file: String
    let path: String
    private let values: [String: Any]
    private var read: Set<String> = []

    init(file: String, path: String, values: [String: Any]) {
        self.file = file
        self.path = path
        self.values = values
    }

    /// Parses `data` as a JSON object.
    static func parse(_ data: Data, file: String) throws -> StrictObject {
        let any: Any
        do { any = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw ConfigError(file: file, key: "", reason: "not valid JSON: \(detail)")
        }
        guard let dict = any as? [String: Any] else {
            throw ConfigError(file: file, key: "", reason: "the top level must be a JSON object")
        }
        return StrictObject(file: file, path: "", values: dict)
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String, _ reason: String) -> ConfigError {
        ConfigError(file: file, key: keyPath(key), reason: reason)
    }

    /// Whether the key is written at all (possibly as null).
    func isPresent(_ key: String) -> Bool { values[key] != nil }

    /// Whether the key holds an array.
    func isArray(_ key: String) -> Bool { values[key] is [Any] }

    private mutating func raw(_ key: String) -> Any? {
        read.insert(key)
        guard let v = values[key], !(v is NSNull) else { return nil }
        return v
    }

    mutating func string(_ key: String) throws -> String? {
        guard let v = raw(key) else { return nil }
        guard let s = v as? String else { throw error(key, "expected a string, got \(Self.kind(v))") }
        return s
    }

    mutating func int(_ key: String) throws -> Int? {
        guard let v = raw(key) else { return nil }
        return try Self.int(v, error: error(key, "expected an integer, got \(Self.kind(v))"))
    }

    mutating func double(_ key: String) throws -> Double? {
        guard let v = raw(key) else { return nil }
        guard let n = v as? NSNumber, !Self.isBool(n) else { throw error(key, "expected a number, got \(Self.kind(v))") }
        return n.doubleValue
    }

    mutating func bool(_ key: String) throws -> Bool? {
        guard let v = raw(key) else { return nil }
        guard let n = v as? NSNumber, Self.isBool(n) else { throw error(key, "expected true or false, got \(Self.kind(v))") }
        return n.boolValue
    }

    mutating func array(_ key: String) throws -> [Any]? {
        guard let v = raw(key) else { return nil }
        guard let a = v as? [Any] else { throw error(key, "expected an array, got \(Self.kind(v))") }
        return a
    }

    mutating func ints(_ key: String) throws -> [Int]? {
        guard let a = try array(key) else { return nil }
        return try a.enumerated().map { i, v in
            try Self.int(v, error: ConfigError(file: file, key: "\(keyPath(key))[\(i)]",
                                               reason: "expected an integer, got \(Self.kind(v))"))
        }
    }

    /// An integer or an array of integers ("one or several"); each entry validated by the caller.
    mutating func intOrInts(_ key: String) throws -> (single: Int?, list: [Int]?) {
        if let v = values[key], v is [Any] { return (nil, try ints(key)) }
        return (try int(key), nil)
    }

    /// An array whose entries are integers or null (e.g. caps, null = all images).
    mutating func optionalInts(_ key: String) throws -> [Int?]? {
        guard let a = try array(key) else { return nil }
        return try a.enumerated().map { i, v in
            if v is NSNull { return nil }
            return try Self.int(v, error: ConfigError(file: file, key: "\(keyPath(key))[\(i)]",
                                                      reason: "expected an integer or null, got \(Self.kind(v))"))
        }
    }

    mutating func doubles(_ key: String) throws -> [Double]? {
        guard let a = try array(key) else { return nil }
        return try a.enumerated().map { i, v in
            guard let n = v as? NSNumber, !Self.isBool(n) else {
                throw ConfigError(file: file, key: "\(keyPath(key))[\(i)]", reason: "expected a number, got \(Self.kind(v))")
            }
            return n.doubleValue
        }
    }

    mutating func strings(_ key: String) throws -> [String]? {
        guard let a = try array(key) else { return nil }
        return try a.enumerated().map { i, v in
            guard let s = v as? String else {
                throw ConfigError(file: file, key: "\(keyPath(key))[\(i)]", reason: "expected a string, got \(Self.kind(v))")
            }
            return s
        }
    }

    mutating func object(_ key: String) throws -> StrictObject? {
        guard let v = raw(key) else { return nil }
        guard let d = v as? [String: Any] else { throw error(key, "expected an object, got \(Self.kind(v))") }
        return StrictObject(file: file, path: keyPath(key), values: d)
    }

    /// The objects of an array, each with its indexed path.
    mutating func objects(_ key: String) throws -> [StrictObject]? {
        guard let a = try array(key) else { return nil }
        return try a.enumerated().map { i, v in
            guard let d = v as? [String: Any] else {
                throw ConfigError(file: file, key: "\(keyPath(key))[\(i)]", reason: "expected an object, got \(Self.kind(v))")
            }
            return StrictObject(file: file, path: "\(keyPath(key))[\(i)]", values: d)
        }
    }

    /// Throws for the first key (alphabetically) that was never read.
    func finish() throws {
        let unknown = Set(values.keys).subtracting(read).sorted()
        if let k = unknown.first {
            let allowed = read.sorted().joined(separator: ", ")
            throw error(k, "unknown key (known keys here: \(allowed))")
        }
    }

    /// JSON true/false arrive as boolean NSNumbers (Objective-C type "c").
    private static func isBool(_ n: NSNumber) -> Bool { String(cString: n.objCType) == "c" }

    /// `v` as an integer (a JSON number without a fraction), else `error`.
    static func int(_ v: Any, error: ConfigError) throws -> Int {
        guard let n = v as? NSNumber, !isBool(n) else { throw error }
        let d = n.doubleValue
        guard d.rounded() == d, abs(d) < 1e15 else { throw error }
        return Int(d)
    }

    static func kind(_ v: Any) -> String {
        switch v {
        case let n as NSNumber: return isBool(n) ? "a boolean" : "the number \(n)"
        case let s as String: return "the string \"\(s)\""
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        default: return "null"
        }
    }
}
