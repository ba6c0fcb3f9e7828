import Foundation
import Metrics
import Testing
@testable import Predictions

/// Predictions files read into reports: the lecture's examples, every column layout, CSV and
/// JSON Lines, streaming across chunk boundaries.
@Suite("predictions files")
struct PredictionFileTests {
    static func evaluate(_ text: String, name: String = "p.csv",
                         _ options: PredictionFileOptions = PredictionFileOptions()) throws -> PredictionEvaluation {
        let folder = try TemporaryFolder()
        return try PredictionFile.evaluate(try folder.write(name, text), options: options)
    }

    @Test("softmax of logits [0.3, 1.6, 3.1, 5.6]: sums to 1, largest ≈ 0.9047; loss and entropy from it")
    func lectureSoftmax() throws {
        let r = try Self.evaluate("label,logit_a,logit_b,logit_c,logit_d\nd,0.3,1.6,3.1,5.6\na,0.3,1.6,3.1,5.6\n").report
        let e = [0.3, 1.6, 3.1, 5.6].map { exp($0) }, sum = e.reduce(0, +)
        let p = e.map { $0 / sum }
        #expect(abs(p.reduce(0, +) - 1) < 1e-15)
        #expect(abs(p[3] - 0.9047) < 5e-5)
        #expect(r.head == .softmax)
        // row 1 is class d (p = 0.9047), row 2 class a (p = 0.0045): mean of −log p
        #expect(abs(r.meanLoss.value! - (-log(p[3]) - log(p[0])) / 2) < 1e-12)
        #expect(abs(r.meanEntropy.value! - p.reduce(0) { $0 - $1 * log($1) }) < 1e-12)
        #expect(r.top1Accuracy == 0.5 && r.topK == 2 && r.topKAccuracy == 0.5)
    }

    @Test("3-class cross-entropy: true class b, probabilities [0.23, 0.63, 0.14] → −ln 0.63 ≈ 0.462")
    func lectureCrossEntropy() throws {
        let r = try Self.evaluate("label,score_a,score_b,score_c\nb,0.23,0.63,0.14\n").report
        #expect(r.head == .probabilities)
        #expect(abs(r.meanLoss.value! - (-log(0.63))) < 1e-15)
        #expect(abs(r.meanLoss.value! - 0.462) < 5e-4)
    }

    /// Rows true, columns predicted: a [5, 1, 0], b [2, 3, 1], c [0, 2, 2] (16 samples).
    @Test("3×3 confusion matrix from predicted labels: TP, FP, FN, TN as sums of its cells")
    func lectureConfusion() throws {
        let cells = [[5, 1, 0], [2, 3, 1], [0, 2, 2]]
        let names = ["a", "b", "c"]
        var text = "label,prediction\n"
        for t in 0..<3 { for p in 0..<3 { text += String(repeating: "\(names[t]),\(names[p])\n", count: cells[t][p]) } }
        let r = try Self.evaluate(text).report
        #expect(r.confusionMatrix.counts == cells)
        let m = r.perClass.map(\.metrics.counts)
        // a: FP = b→a + c→a, FN = a→b + a→c, TN = the 2×2 block of b, c
        #expect(m[0] == ClassCounts(truePositives: 5, falsePositives: 2 + 0, falseNegatives: 1 + 0,
                                    trueNegatives: 3 + 1 + 2 + 2))
        #expect(m[1] == ClassCounts(truePositives: 3, falsePositives: 1 + 2, falseNegatives: 2 + 1,
                                    trueNegatives: 5 + 0 + 0 + 2))
        #expect(m[2] == ClassCounts(truePositives: 2, falsePositives: 0 + 1, falseNegatives: 0 + 2,
                                    trueNegatives: 5 + 1 + 2 + 3))
        #expect(abs(r.top1Accuracy - 10.0 / 16) < 1e-15)
        #expect(r.head == .labels)
        #expect(r.meanLoss.undefinedReason == ReportUndefinedReason.labelsOnly)
        #expect(r.macroAUC.metric.undefinedReason == ReportUndefinedReason.labelsOnly)
        #expect(r.perClass.allSatisfy { $0.roc.points.isEmpty && !$0.roc.auc.isDefined })
        #expect(r.markdown().contains("- mean loss: no scores: only predicted labels were given"))
    }

    @Test("labels by name or index; discovered class names are sorted (numerically when numbers)")
    func classDiscovery() throws {
        let byIndex = try Self.evaluate("label,score_x,score_y,score_z\n2,0.1,0.2,0.7\nx,0.8,0.1,0.1\n").report
        #expect(byIndex.confusionMatrix.counts == [[1, 0, 0], [0, 0, 0], [0, 0, 1]])
        let numeric = try Self.evaluate("label,prediction\n10,2\n2,10\n9,9\n").report
        #expect(numeric.classNames == ["2", "9", "10"])
        #expect(numeric.confusionMatrix.counts == [[0, 0, 1], [0, 1, 0], [1, 0, 0]])
        let ordered = try Self.evaluate("label,prediction,score_b,score_a\na,b,0.5,0.5\nb,a,0.9,0.1\n",
                                        PredictionFileOptions(classes: ["a", "b"])).report
        #expect(ordered.classNames == ["a", "b"])   // --classes orders the columns; prediction is ignored
        #expect(ordered.confusionMatrix.counts == [[1, 0], [0, 1]])
    }

    /// Labels 1 0 1 0 1 with P(1) = 0.9 0.2 0.4 0.6 0.4: at 0.5 → 1 0 0 1 0; at 0.3 → 1 0 1 1 1.
    @Test("one probability column: threshold 0.5 or --threshold, positive class, Youden point, ties")
    func binarySingleColumn() throws {
        let text = "label,score\n1,0.9\n0,0.2\n1,0.4\n0,0.6\n1,0.4\n"
        let r = try Self.evaluate(text).report
        #expect(r.classNames == ["0", "1"] && r.positiveClass == 1 && r.decisionThreshold == 0.5)
        #expect(r.confusionMatrix.counts == [[1, 1], [2, 1]])
        // AUC: positives 0.9, 0.4, 0.4 vs negatives 0.2, 0.6: (2 + 1 + 1) / 6
        #expect(abs(r.perClass[1].roc.auc.value! - 4.0 / 6) < 1e-15)
        // Youden: t = 0.9 → J = 1/3; t = 0.6 → 1/3 − 1/2; t = 0.4 → 1 − 1/2 = 1/2; t = 0.2 → 0
        #expect(r.youden?.threshold == 0.4)
        let low = try Self.evaluate(text, PredictionFileOptions(threshold: 0.3)).report
        #expect(low.confusionMatrix.counts == [[1, 1], [0, 3]])
        let named = try Self.evaluate("label,score_spam\nham,0.1\nspam,0.8\nham,0.7\n").report
        #expect(named.classNames == ["ham", "spam"] && named.positiveClass == 1)
        #expect(named.confusionMatrix.counts == [[1, 1], [0, 1]])
        let flipped = try Self.evaluate("label,score\nham,0.1\nspam,0.8\nham,0.7\n",
                                        PredictionFileOptions(positiveClass: "ham")).report
        #expect(flipped.positiveClass == 0 && flipped.confusionMatrix.counts == [[1, 1], [1, 0]])   // P(ham) ≥ 0.5
    }

    @Test("--logits: softmax per row, sigmoid for one column; logit_ columns imply it")
    func logits() throws {
        let sigmoid = try Self.evaluate("label,logit\n1,2.0\n0,-1.0\n0,0.5\n").report
        #expect(sigmoid.head == .sigmoid)
        let z = [2.0, -1.0, 0.5], y = [1.0, 0, 0]
        let bce = zip(z, y).map { z, y in max(z, 0) - z * y + log1p(exp(-abs(z))) }.reduce(0, +) / 3
        #expect(abs(sigmoid.meanLoss.value! - bce) < 1e-15)
        let flag = try Self.evaluate("label,score_a,score_b\na,3,1\nb,0,2\n", PredictionFileOptions(logits: true))
        let named = try Self.evaluate("label,logit_a,logit_b\na,3,1\nb,0,2\n")
        #expect(flag.report.head == .softmax)
        #expect(flag.report.with(provenance: named.report.provenance) == named.report)
    }

    @Test("scores not summing to 1 are evaluated as scores: no loss or entropy, and a note names the line")
    func unnormalizedScores() throws {
        let e = try Self.evaluate("label,score_a,score_b\na,0.9,0.3\nb,0.2,0.4\n")
        #expect(e.report.head == .scores)
        #expect(e.report.meanLoss.undefinedReason == ReportUndefinedReason.scoresNotProbabilities)
        #expect(e.report.meanEntropy.undefinedReason == ReportUndefinedReason.scoresNotProbabilities)
        #expect(e.report.top1Accuracy == 1 && e.report.macroAUC.value == 1)
        #expect(e.notes.count == 1 && e.notes[0].contains("p.csv:2: the scores sum to 1.2"))
    }

    @Test("JSON Lines gives the same report as CSV; keys in any order, labels as numbers or strings")
    func jsonLines() throws {
        let csv = try Self.evaluate("label,score_cat,score_dog\ncat,0.7,0.3\ndog,0.4,0.6\n1,0.55,0.45\n").report
        let jsonl = try Self.evaluate("""
            {"label": "cat", "score_cat": 0.7, "score_dog": 0.3}
            {"score_dog": 0.6, "label": "dog", "score_cat": 0.4}

            {"label": 1, "score_cat": 5.5e-1, "score_dog": 0.45}
            """, name: "p.jsonl").report
        #expect(jsonl.with(provenance: csv.provenance) == csv)
    }

    @Test("quoted CSV fields (commas, quotes, line breaks), CRLF, a BOM and rows across 1 MiB chunks")
    func csvDetails() throws {
        let quoted = try Self.evaluate("\u{FEFF}label,\"score_a,1\",\"score_b\"\"\"\r\n\"a,1\",0.6,0.4\r\n\"b\"\"\",0.3,0.7\r\n")
        #expect(quoted.report.classNames == ["a,1", "b\""])
        #expect(quoted.report.top1Accuracy == 1)
        var text = "label,score_x,score_y\n", expected = [[0, 0], [0, 0]]
        for i in 0..<60_000 {                         // ≈ 1.6 MB: several chunks, rows split across them
            let label = i % 3 == 0 ? "x" : "\"y\""
            let p = Double(i % 1000) / 1000
            text += "\(label),\(p),\(1 - p)\n"
            expected[i % 3 == 0 ? 0 : 1][p >= 1 - p ? 0 : 1] += 1   // argmax, a tie → class x
        }
        let r = try Self.evaluate(text)
        #expect(r.rows == 60_000)
        #expect(r.report.confusionMatrix.counts == expected)
    }
}
