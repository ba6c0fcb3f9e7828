import Foundation
import Metrics
import Testing
import TestSupport

/// The real `transfer metrics` on files the test writes: every output format, --plot, notes,
/// and bad input (non-zero exit, the error on stderr, nothing written).
@Suite("transfer metrics end to end")
struct MetricsCommandTests {
    static let csv = """
        id,label,score_cat,score_dog,score_bird
        1,cat,0.7,0.2,0.1
        2,cat,0.5,0.3,0.2
        3,dog,0.2,0.7,0.1
        4,dog,0.1,0.3,0.6
        5,bird,0.3,0.3,0.4
        6,bird,0.2,0.5,0.3

        """

    static let enabled = Requirements.transfer.shouldRun
    static let reason = Comment(rawValue: Requirements.transfer.skipReason)

    @Test("markdown, JSON and CSV reports of a CSV file agree with the library", .enabled(if: enabled, reason))
    func formats() throws {
        _ = try Requirements.transfer.require()
        let folder = try TemporaryFolder("metrics-cli")
        let file = try folder.write("p.csv", Self.csv)
        let md = try TransferBinary.run(["metrics", file.path])
        #expect(md.status == 0, "\(md.output)")
        #expect(md.output.contains("- Samples: 6; classes: 3 (probabilities)"))
        #expect(md.output.contains("| true \\ predicted | cat | dog | bird | total |"))
        #expect(md.output.contains("| dog | 0 | 1 | 1 | 2 |"))
        let json = try TransferBinary.run(["metrics", file.path, "--format", "json"])
        #expect(json.status == 0)
        let report = try EvaluationReport.decode(json: Data(json.output.utf8))
        let library = try EvaluationReport.compute(
            .probabilities([0.7, 0.2, 0.1, 0.5, 0.3, 0.2, 0.2, 0.7, 0.1, 0.1, 0.3, 0.6, 0.3, 0.3, 0.4, 0.2, 0.5, 0.3]),
            labels: [0, 0, 1, 1, 2, 2], classNames: ["cat", "dog", "bird"])
        #expect(report.with(provenance: library.provenance) == library)
        #expect(report.provenance.extra["predictions"] == file.path)
        let csv = try TransferBinary.run(["metrics", file.path, "--format", "csv"])
        let rows = csv.output.split(separator: "\n")
        #expect(rows.first == "metric,average,class,predicted,value,reason")
        #expect(rows.contains("count,,dog,bird,1,"))
        #expect(rows.contains("top2_accuracy,,,,1,"))
    }

    @Test("--plot writes the heat map and ROC curves; labels only: the heat map and a note", .enabled(if: enabled, reason))
    func plots() throws {
        _ = try Requirements.transfer.require()
        let folder = try TemporaryFolder("metrics-cli")
        let scored = try folder.write("p.csv", Self.csv)
        let out = folder.url.appendingPathComponent("plots")
        let run = try TransferBinary.run(["metrics", scored.path, "--plot", out.path])
        #expect(run.status == 0, "\(run.output)")
        let roc = try String(contentsOf: out.appendingPathComponent("roc.svg"), encoding: .utf8)
        #expect(roc.components(separatedBy: "class=\"roc\"").count == 4)
        let labels = try folder.write("l.csv", "label,prediction\na,b\nb,b\na,a\n")
        let only = folder.url.appendingPathComponent("only")
        let second = try TransferBinary.run(["metrics", labels.path, "--plot", only.path])
        #expect(second.status == 0)
        #expect(second.output.contains("note: no ROC curves: the file has predicted labels only"))
        #expect(second.output.contains("Mean cross-entropy loss: n/a"))
        #expect(FileManager.default.fileExists(atPath: only.appendingPathComponent("confusion.svg").path))
        #expect(!FileManager.default.fileExists(atPath: only.appendingPathComponent("roc.svg").path))
    }

    @Test("binary options, JSON Lines input and the scores note", .enabled(if: enabled, reason))
    func binaryAndNotes() throws {
        _ = try Requirements.transfer.require()
        let folder = try TemporaryFolder("metrics-cli")
        let file = try folder.write("b.jsonl", """
            {"label": "spam", "score": 0.9}
            {"label": "ham", "score": 0.2}
            {"label": "spam", "score": 0.4}
            {"label": "ham", "score": 0.6}
            """)
        let run = try TransferBinary.run(["metrics", file.path, "--positive", "spam", "--threshold", "0.3"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("- Positive class: spam; decision rule: P(spam) ≥ 0.3000"))
        #expect(run.output.contains("- Youden threshold: P(spam) ≥ 0.9000"))   // J = ½ at 0.9 and 0.4: the higher
        let scores = try folder.write("s.csv", "label,score_a,score_b\na,0.9,0.3\nb,0.2,0.4\n")
        let note = try TransferBinary.run(["metrics", scores.path])
        #expect(note.status == 0)
        #expect(note.output.contains("note: \(scores.path):2: the scores sum to 1.2"))
        #expect(note.output.contains("(scores, not probabilities)"))
    }

    @Test("bad input: exit status 1, the error names file, line and column; --plot writes nothing", .enabled(if: enabled, reason))
    func badInput() throws {
        _ = try Requirements.transfer.require()
        let folder = try TemporaryFolder("metrics-cli")
        let file = try folder.write("bad.csv", "label,score_a,score_b\na,0.5,0.5\nb,x,0.5\n")
        let out = folder.url.appendingPathComponent("plots")
        let run = try TransferBinary.run(["metrics", file.path, "--plot", out.path])
        #expect(run.status == 1)
        #expect(run.output.contains("error: \(file.path):3:3: column \"score_a\": not a number: \"x\""))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let empty = try folder.write("empty.csv", "")
        let second = try TransferBinary.run(["metrics", empty.path])
        #expect(second.status == 1 && second.output.contains("error: \(empty.path): empty file (no header)"))
    }
}
