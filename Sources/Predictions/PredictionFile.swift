import Foundation
import Metrics

/// How to read a predictions file (the options of `transfer metrics`).
public struct PredictionFileOptions: Sendable {
    /// nil: guessed from the extension (`PredictionFileFormat.guess`).
    public var format: PredictionFileFormat?
    /// The class names in class order; needed only when the columns and labels cannot say.
    public var classes: [String]?
    /// The score columns are logits (softmax, or sigmoid for one column). `logit_` columns imply it.
    public var logits: Bool
    /// Binary tasks: the positive class's name (default: the single column's class, else the second class).
    public var positiveClass: String?
    /// Binary tasks: predict positive when P(positive) ≥ threshold (default: argmax, or 0.5 for one column).
    public var threshold: Double?
    /// k of top-k (default 2 when K > 2, else 1).
    public var topK: Int?

    public init(format: PredictionFileFormat? = nil, classes: [String]? = nil, logits: Bool = false,
                positiveClass: String? = nil, threshold: Double? = nil, topK: Int? = nil) {
        self.format = format
        self.classes = classes
        self.logits = logits
        self.positiveClass = positiveClass
        self.threshold = threshold
        self.topK = topK
    }
}

/// The evaluation of a predictions file and what the reader noticed on the way.
public struct PredictionEvaluation: Sendable {
    public let report: EvaluationReport
    /// Rows read.
    public let rows: Int
    /// Remarks for the user, e.g. that scores not summing to 1 were evaluated as scores.
    public let notes: [String]
}

/// Evaluates anyone's predictions: a CSV or JSON Lines file with one row per sample (see
/// `PredictionSchema` for the columns), read as a stream, gives the same `EvaluationReport` as
/// `transfer eval`.
public enum PredictionFile {
    /// Reads `url` and computes its report. Bad input throws a `PredictionFileError` naming the
    /// file, line, column and reason.
    public static func evaluate(_ url: URL, options: PredictionFileOptions = PredictionFileOptions()) throws
        -> PredictionEvaluation {
        let file = url.relativePath   // the path as given
        try checkClassOption(options.classes, file: file)
        var accumulator: PredictionAccumulator?
        try PredictionRows.read(url, format: options.format ?? .guess(url), header: { names in
            let schema = try PredictionSchema(header: names, options: options, file: file)
            accumulator = PredictionAccumulator(schema: schema, table: try classTable(schema, options, file: file),
                                                file: file)
        }, row: { line, fields in
            try accumulator?.add(line: line, fields: fields)
        })
        guard let accumulator else { throw PredictionFileError(file: file, reason: "empty file (no header)") }
        guard accumulator.rows > 0 else { throw PredictionFileError(file: file, reason: "no rows after the header") }
        let provenance = EvaluationProvenance(
            testSetDescription: "\(accumulator.rows) rows of \(url.lastPathComponent)", extra: ["predictions": file])
        let report = try reportOrFail(file) { try PredictionReport.make(accumulator, options, provenance) }
        var notes: [String] = []
        if let bad = accumulator.unnormalized, report.head == .scores {
            notes.append("\(file):\(bad.line): the scores sum to \(bad.sum), not 1: evaluated as scores "
                         + "(no cross-entropy or entropy); pass --logits if they are logits")
        }
        return PredictionEvaluation(report: report, rows: accumulator.rows, notes: notes)
    }

    private static func checkClassOption(_ classes: [String]?, file: String) throws {
        guard let classes else { return }
        if classes.count < 2 {
            throw PredictionFileError(file: file, reason: "--classes needs at least 2 names, got \(classes.count)")
        }
        if let dup = classes.first(where: { c in classes.filter { $0 == c }.count > 1 }) {
            throw PredictionFileError(file: file, reason: "--classes names \"\(dup)\" twice")
        }
    }

    private static func classTable(_ schema: PredictionSchema, _ options: PredictionFileOptions,
                                   file: String) throws -> ClassTable {
        switch schema.kind {
        case .perClass:
            return ClassTable(fixed: schema.columnClasses)
        case .labelsOnly:
            return options.classes.map { ClassTable(fixed: $0) } ?? ClassTable(discovering: [], limit: nil)
        case .single:
            guard let classes = options.classes else { return ClassTable(discovering: schema.columnClasses, limit: 2) }
            guard classes.count == 2, schema.columnClasses.allSatisfy(classes.contains) else {
                throw PredictionFileError(file: file, line: 1, reason: "one score column means a binary task: "
                    + "--classes must name 2 classes\(schema.columnClasses.first.map { ", one of them \"\($0)\"" } ?? "")")
            }
            return ClassTable(fixed: classes)
        }
    }

    /// Runs `body`, giving a metrics error the file's name.
    static func reportOrFail<T>(_ file: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PredictionFileError {
            throw error
        } catch {
            throw PredictionFileError(file: file, reason: "\(error)")
        }
    }
}
