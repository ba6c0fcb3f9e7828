import ArgumentParser
import Experiments
import Foundation
import Metrics
import Plots
import Predictions
import Reports

/// How `transfer metrics` prints its report.
enum ReportOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case md, json, csv
}

extension PredictionFileFormat: ExpressibleByArgument {}

struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Evaluate anyone's predictions (CSV or JSON Lines): the report `transfer eval` prints.",
        discussion: """
            One row per sample: `label` (a class name or index) and either `score_<class>` / `logit_<class>` \
            for every class, one `score`, `logit`, `score_<class>` or `logit_<class>` column (a binary task: \
            the positive class's probability or logit), or a `prediction` column (then no ROC, AUC or loss). \
            Other columns are ignored. Scores must be probabilities in [0, 1]; rows that do not sum to 1 are \
            evaluated as scores (no cross-entropy); `--logits` (or `logit_` columns) applies softmax, or the \
            sigmoid for one column.
            """)

    @Argument(help: "The predictions file (.csv, or .jsonl / .ndjson / .json for JSON Lines).")
    var file: String

    @Option(help: "The input format (default: from the extension).")
    var inputFormat: PredictionFileFormat?

    @Option(help: "The report format: md, json or csv.")
    var format: ReportOutputFormat = .md

    @Option(help: "Class names in class order, comma-separated (when the columns and labels cannot say).")
    var classes: String?

    @Flag(help: "The score columns are logits: softmax (or the sigmoid for one column) is applied.")
    var logits = false

    @Option(help: "Binary tasks: the positive class.")
    var positive: String?

    @Option(help: "Binary tasks: predict the positive class when its probability ≥ T (default: argmax; 0.5 for one column).")
    var threshold: Double?

    @Option(help: "k of top-k accuracy (default 2 when there are more than 2 classes).")
    var topK: Int?

    @Option(help: "Write confusion.svg (heat map) and roc.svg (one-vs-rest ROC curves) to this folder.")
    var plot: String?

    func run() throws {
        let options = PredictionFileOptions(
            format: inputFormat, classes: classes.map { $0.split(separator: ",").map(String.init) }, logits: logits,
            positiveClass: positive, threshold: threshold, topK: topK)
        let evaluation = try reportOrFail { try PredictionFile.evaluate(URL(fileURLWithPath: file), options: options) }
        for note in evaluation.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
        let report = evaluation.report
        switch format {
        case .md: print(report.markdown(), terminator: "")
        case .json: print(String(decoding: try report.jsonData(prettyPrinted: true), as: UTF8.self))
        case .csv: print(report.csv(), terminator: "")
        }
        if let plot { try writePlots(report, to: URL(fileURLWithPath: plot, isDirectory: true)) }
    }

    private func writePlots(_ report: EvaluationReport, to folder: URL) throws {
        let files = EvaluationPlots.files(report)
        for (name, svg) in files {
            let url = folder.appendingPathComponent(name)
            try reportOrFail { try ReportWriter.writeAtomically(svg, to: url) }
            FileHandle.standardError.write(Data("wrote \(url.path)\n".utf8))
        }
        if files.count == 1 {
            FileHandle.standardError.write(Data("note: no ROC curves: the file has predicted labels only\n".utf8))
        }
    }
}
