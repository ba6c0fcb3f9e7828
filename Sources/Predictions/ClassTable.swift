import Foundation

/// The classes of a predictions file and how a label cell maps to a class index.
///
/// Fixed (from `--classes` or the score columns): a cell is a class name, or else an index
/// 0..<K; anything else is an unknown class. Discovering (no names given): each new name gets the
/// next index, up to `limit` classes; `sortedNames()` then orders them.
struct ClassTable {
    private(set) var names: [String]
    private var index: [String: Int]
    let isFixed: Bool
    let limit: Int?

    init(fixed names: [String]) {
        self.init(names, isFixed: true, limit: nil)
    }

    init(discovering seed: [String], limit: Int?) {
        self.init(seed, isFixed: false, limit: limit)
    }

    private init(_ names: [String], isFixed: Bool, limit: Int?) {
        self.names = names
        self.index = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        self.isFixed = isFixed
        self.limit = limit
    }

    /// The class index of a label or prediction cell.
    mutating func resolve(_ field: Field?, at location: FieldLocation, file: String) throws -> Int {
        let token = field?.trimmed ?? ""
        guard !token.isEmpty else { throw location.error(file, "missing class") }
        if let i = index[token] { return i }
        if isFixed {
            if let n = Int(token), n >= 0 && n < names.count { return n }
            throw location.error(file, "unknown class \"\(token)\" (classes: \(Self.list(names)); "
                                 + "a class is a name or an index 0..<\(names.count))")
        }
        if let limit, names.count >= limit {
            throw location.error(file, "class \"\(token)\" would be class \(names.count + 1) of a binary task "
                                 + "(classes so far: \(Self.list(names)))")
        }
        index[token] = names.count
        names.append(token)
        return names.count - 1
    }

    /// Discovered names in order: numeric when every name is an integer, else by Unicode text.
    /// Returns the names and, for each current index, its new index.
    func sortedNames() -> (names: [String], newIndex: [Int]) {
        let numeric = names.allSatisfy { Int($0) != nil }
        let order = names.indices.sorted { a, b in
            numeric ? Int(names[a])! < Int(names[b])! : names[a] < names[b]
        }
        var newIndex = [Int](repeating: 0, count: names.count)
        for (position, old) in order.enumerated() { newIndex[old] = position }
        return (order.map { names[$0] }, newIndex)
    }

    static func list(_ names: [String]) -> String {
        names.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
