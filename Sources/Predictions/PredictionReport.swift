import Foundation
import Metrics

/// Turns the collected rows into an `EvaluationReport`: final class order, positive class,
/// the form of the scores, then `EvaluationReport.compute`.
enum PredictionReport {
    static func make(_ acc: PredictionAccumulator, _ options: PredictionFileOptions,
                     _ provenance: EvaluationProvenance) throws -> EvaluationReport {
        let file = acc.file
        switch acc.schema.kind {
        case .labelsOnly:
            for (flag, given) in [("--threshold", options.threshold != nil), ("--positive", options.positiveClass != nil),
                                  ("--top-k", options.topK != nil)] where given {
                throw PredictionFileError(file: file, reason: "\(flag) needs scores; this file has predicted labels only")
            }
            let (names, counts) = try labelsOnlyCounts(acc)
            return try EvaluationReport.compute(confusionMatrix: try ConfusionMatrix(counts: counts), classNames: names,
                                                provenance: provenance)
        case .perClass:
            let names = acc.table.names
            let scores: PredictionScores = acc.schema.logits ? .logits(acc.values)
                : acc.unnormalized == nil ? .probabilities(acc.values) : .scores(acc.values)
            let positive = try positiveIndex(options.positiveClass, names: names, file: file)
            if names.count > 2 && (positive != nil || options.threshold != nil) {
                throw PredictionFileError(file: file, reason: "--positive and --threshold apply to binary tasks; "
                                          + "this file has \(names.count) classes")
            }
            return try EvaluationReport.compute(scores, labels: acc.labels, classNames: names, options: EvaluationOptions(
                topK: options.topK, positiveClass: positive, threshold: options.threshold, provenance: provenance))
        case .single:
            let (names, labels, positive) = try binaryClasses(acc, options)
            let scores: PredictionScores = acc.schema.logits ? .binaryLogits(acc.values) : .binaryProbabilities(acc.values)
            return try EvaluationReport.compute(scores, labels: labels, classNames: names, options: EvaluationOptions(
                topK: options.topK, positiveClass: positive, threshold: options.threshold, provenance: provenance))
        }
    }

    private static func positiveIndex(_ name: String?, names: [String], file: String) throws -> Int? {
        guard let name else { return nil }
        guard let i = names.firstIndex(of: name) else {
            throw PredictionFileError(file: file, reason: "--positive \"\(name)\" is not a class (\(ClassTable.list(names)))")
        }
        return i
    }

    /// Labels only: the class names (sorted when discovered) and the K×K counts in that order.
    private static func labelsOnlyCounts(_ acc: PredictionAccumulator) throws -> ([String], [[Int]]) {
        let k = acc.table.names.count
        var counts = acc.counts.map { $0 + [Int](repeating: 0, count: k - $0.count) }
        counts += [[Int]](repeating: [Int](repeating: 0, count: k), count: k - counts.count)
        guard !acc.table.isFixed else { return (acc.table.names, counts) }
        guard k >= 2 else { throw onlyOneClass(acc) }
        let (names, newIndex) = acc.table.sortedNames()
        var sorted = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        for t in 0..<k { for p in 0..<k { sorted[newIndex[t]][newIndex[p]] = counts[t][p] } }
        return (names, sorted)
    }

    /// One score column: the two class names, the labels in that order and the positive class
    /// (the column's class; else `--positive`; else the second class).
    private static func binaryClasses(_ acc: PredictionAccumulator, _ options: PredictionFileOptions) throws
        -> ([String], [Int], Int) {
        let file = acc.file, column = acc.schema.columnClasses.first
        guard acc.table.names.count == 2 else { throw onlyOneClass(acc) }
        var names = acc.table.names, labels = acc.labels
        if !acc.table.isFixed {
            let newIndex = column != nil ? [1, 0] : acc.table.sortedNames().newIndex   // a named column's class is seed 0
            names = column != nil ? [names[1], names[0]] : acc.table.sortedNames().names
            labels = labels.map { newIndex[$0] }
        }
        let positive = try positiveIndex(options.positiveClass ?? column, names: names, file: file) ?? 1
        if let column, names[positive] != column {
            throw PredictionFileError(file: file, reason: "--positive \"\(names[positive])\", but the one score "
                                      + "column is \"\(acc.schema.header[acc.schema.scoreColumns[0]])\"")
        }
        return (names, labels, positive)
    }

    private static func onlyOneClass(_ acc: PredictionAccumulator) -> PredictionFileError {
        PredictionFileError(file: acc.file, reason: "only one class (\(ClassTable.list(acc.table.names))) appears; "
                            + "name the classes with --classes")
    }
}
