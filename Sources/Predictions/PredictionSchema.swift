import Foundation

/// What the columns of a predictions file mean.
///
/// - `label`: the true class (a class name, or an index 0..<K); required.
/// - `score_<class>` or `logit_<class>` for every class (K ≥ 2 columns, in class order unless
///   `--classes` orders them): per-class scores; `logit_` columns, or `--logits`, are logits.
/// - a single `score_<class>`, `logit_<class>`, `score` or `logit` column: a binary task, the
///   value being the positive class's probability (or logit).
/// - `prediction`: the predicted class, used only when there are no score columns.
/// Other columns (an id, a file name) are ignored.
struct PredictionSchema {
    enum Kind: Equatable {
        /// One column per class.
        case perClass
        /// One column: the positive class's value.
        case single
        /// A `prediction` column and no scores.
        case labelsOnly
    }

    let kind: Kind
    let logits: Bool
    let labelColumn: Int
    /// Per class: the score columns in class order; single: the one column; labels only: empty.
    let scoreColumns: [Int]
    let predictionColumn: Int?
    /// The class names the columns give (per class), or the single column's class (if named).
    let columnClasses: [String]
    let header: [String]

    static let prefixes = ["score_", "logit_"]

    init(header: [String], options: PredictionFileOptions, file: String) throws {
        self.header = header
        func fail(_ reason: String) -> PredictionFileError { PredictionFileError(file: file, line: 1, reason: reason) }
        guard let label = header.firstIndex(of: "label") else {
            throw fail("no \"label\" column (columns: \(header.joined(separator: ", ")))")
        }
        labelColumn = label
        predictionColumn = header.firstIndex(of: "prediction")
        let prefixed = header.indices.filter { i in Self.prefixes.contains { header[i].hasPrefix($0) } }
        let bare = header.indices.filter { ["score", "logit"].contains(header[$0]) }
        let scoreLike = prefixed + bare
        let logitColumns = scoreLike.filter { header[$0].hasPrefix("logit") }
        if !logitColumns.isEmpty && logitColumns.count != scoreLike.count {
            throw fail("both score and logit columns: use one kind (\(scoreLike.map { header[$0] }.joined(separator: ", ")))")
        }
        logits = options.logits || !logitColumns.isEmpty
        if let empty = prefixed.first(where: { Self.className(header[$0]).isEmpty }) {
            throw fail("column \"\(header[empty])\" names no class")
        }
        switch scoreLike.count {
        case 0:
            guard predictionColumn != nil else {
                throw fail("no score columns (score_<class> or logit_<class>, or one score/logit column) "
                           + "and no \"prediction\" column")
            }
            kind = .labelsOnly
            scoreColumns = []
            columnClasses = []
        case 1:
            kind = .single
            scoreColumns = scoreLike
            columnClasses = bare.isEmpty ? [Self.className(header[scoreLike[0]])] : []
        default:
            guard bare.isEmpty else { throw fail("a bare \"\(header[bare[0]])\" column beside per-class columns") }
            kind = .perClass
            (scoreColumns, columnClasses) = try Self.orderPerClass(prefixed, header: header, classes: options.classes,
                                                                  fail: fail)
        }
    }

    static func className(_ column: String) -> String {
        for prefix in prefixes where column.hasPrefix(prefix) { return String(column.dropFirst(prefix.count)) }
        return column
    }

    /// The per-class columns in class order: file order, or `--classes` order (same set of names).
    private static func orderPerClass(_ columns: [Int], header: [String], classes: [String]?,
                                      fail: (String) -> PredictionFileError) throws -> ([Int], [String]) {
        let names = columns.map { className(header[$0]) }
        guard let classes else { return (columns, names) }
        let missing = classes.filter { !names.contains($0) }, extra = names.filter { !classes.contains($0) }
        guard missing.isEmpty && extra.isEmpty && classes.count == names.count else {
            throw fail("--classes (\(classes.joined(separator: ", "))) does not match the score columns "
                       + "(\(names.joined(separator: ", ")))")
        }
        return (classes.map { columns[names.firstIndex(of: $0)!] }, classes)
    }
}
