import Foundation
import Metrics
import Testing
@testable import Predictions

/// Every kind of bad predictions file gives one clear error: file, line, column, column name, reason.
@Suite("predictions files: bad input")
struct PredictionBadInputTests {
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let file: String
        let text: String
        var options = PredictionFileOptions()
        /// The expected message after "<path>".
        let message: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unknown class", file: "p.csv", text: "label,score_a,score_b\na,0.5,0.5\nc,0.5,0.5\n",
             message: ":3:1: column \"label\": unknown class \"c\" (classes: \"a\", \"b\"; a class is a name or an index 0..<2)"),
        Case(name: "index out of range", file: "p.csv", text: "label,score_a,score_b\n2,0.5,0.5\n",
             message: ":2:1: column \"label\": unknown class \"2\" (classes: \"a\", \"b\"; a class is a name or an index 0..<2)"),
        Case(name: "missing score", file: "p.csv", text: "label,score_a,score_b\na,0.5,\n",
             message: ":2:7: column \"score_b\": missing score"),
        Case(name: "non-numeric score", file: "p.csv", text: "label,score_a,score_b\na,0.5,0.5\nb,abc,0.5\n",
             message: ":3:3: column \"score_a\": not a number: \"abc\""),
        Case(name: "NaN score", file: "p.csv", text: "label,score_a,score_b\na,nan,0.5\n",
             message: ":2:3: column \"score_a\": NaN is not a score"),
        Case(name: "NaN logit", file: "p.csv", text: "label,logit_a,logit_b\na,1,NaN\n",
             message: ":2:5: column \"logit_b\": NaN is not a score"),
        Case(name: "infinite logit", file: "p.csv", text: "label,logit_a,logit_b\na,1,-inf\n",
             message: ":2:5: column \"logit_b\": infinite logit -inf"),
        Case(name: "probability above 1", file: "p.csv", text: "label,score_a,score_b\na,1.5,-0.5\n",
             message: ":2:3: column \"score_a\": 1.5 is not a probability in [0, 1] (pass --logits if these are logits)"),
        Case(name: "negative probability", file: "p.csv", text: "label,score\n1,-0.1\n",
             message: ":2:3: column \"score\": -0.1 is not a probability in [0, 1] (pass --logits if these are logits)"),
        Case(name: "duplicated column", file: "p.csv", text: "label,score_a,score_b,score_a\na,0.5,0.5,0.5\n",
             message: ":1:23: column \"score_a\": duplicated: fields 2 and 4 of the header have this name"),
        Case(name: "empty file", file: "p.csv", text: "", message: ": empty file (no header)"),
        Case(name: "blank lines only", file: "p.csv", text: "\n\n", message: ": empty file (no header)"),
        Case(name: "header only", file: "p.csv", text: "label,score_a,score_b\n", message: ": no rows after the header"),
        Case(name: "no label column", file: "p.csv", text: "y,score_a,score_b\na,0.5,0.5\n",
             message: ":1: no \"label\" column (columns: y, score_a, score_b)"),
        Case(name: "no score or prediction column", file: "p.csv", text: "label,id\na,1\n",
             message: ":1: no score columns (score_<class> or logit_<class>, or one score/logit column) and no \"prediction\" column"),
        Case(name: "mixed score and logit columns", file: "p.csv", text: "label,score_a,logit_b\na,0.5,0.5\n",
             message: ":1: both score and logit columns: use one kind (score_a, logit_b)"),
        Case(name: "short row", file: "p.csv", text: "label,score_a,score_b\na,0.5\n",
             message: ":2:3: 2 fields, but the header has 3"),
        Case(name: "unclosed quote", file: "p.csv", text: "label,score_a,score_b\n\"a,0.5,0.5\n",
             message: ":2: a quoted field is never closed"),
        Case(name: "text after a closing quote", file: "p.csv", text: "label,score_a,score_b\n\"a\"x,0.5,0.5\n",
             message: ":2:4: unexpected character after a closing quote"),
        Case(name: "a third class in a binary file", file: "p.csv", text: "label,score\nx,0.5\ny,0.5\nz,0.5\n",
             message: ":4:1: column \"label\": class \"z\" would be class 3 of a binary task (classes so far: \"x\", \"y\")"),
        Case(name: "only one class", file: "p.csv", text: "label,prediction\nx,x\n",
             message: ": only one class (\"x\") appears; name the classes with --classes"),
        Case(name: "--classes not matching the columns", file: "p.csv", text: "label,score_a,score_b\na,0.5,0.5\n",
             options: PredictionFileOptions(classes: ["a", "c"]),
             message: ":1: --classes (a, c) does not match the score columns (a, b)"),
        Case(name: "--threshold on 3 classes", file: "p.csv", text: "label,score_a,score_b,score_c\na,0.5,0.25,0.25\n",
             options: PredictionFileOptions(threshold: 0.3),
             message: ": --positive and --threshold apply to binary tasks; this file has 3 classes"),
        Case(name: "--top-k with labels only", file: "p.csv", text: "label,prediction\na,b\nb,b\n",
             options: PredictionFileOptions(topK: 2), message: ": --top-k needs scores; this file has predicted labels only"),
        Case(name: "--positive not a class", file: "p.csv", text: "label,score\n0,0.5\n1,0.5\n",
             options: PredictionFileOptions(positiveClass: "2"), message: ": --positive \"2\" is not a class (\"0\", \"1\")"),
        Case(name: "top-k larger than K", file: "p.csv", text: "label,score_a,score_b,score_c\na,0.5,0.25,0.25\n",
             options: PredictionFileOptions(topK: 4), message: ": k: top-k needs 1 ≤ k ≤ 3, got 4"),
        Case(name: "JSON: missing key", file: "p.jsonl",
             text: "{\"label\": \"a\", \"score_a\": 0.5, \"score_b\": 0.5}\n{\"label\": \"b\", \"score_a\": 0.5}\n",
             message: ":2: column \"score_b\": missing score"),
        Case(name: "JSON: a string score", file: "p.jsonl", text: "{\"label\": \"a\", \"score_a\": \"0.5\", \"score_b\": 0.5}\n",
             message: ":1:27: column \"score_a\": a string (\"0.5\"), not a number"),
        Case(name: "JSON: unknown key", file: "p.jsonl",
             text: "{\"label\": \"a\", \"score_a\": 0.5, \"score_b\": 0.5}\n{\"label\": \"a\", \"score_c\": 0.5}\n",
             message: ":2:16: column \"score_c\": a key the first line does not have"),
        Case(name: "JSON: duplicated key", file: "p.jsonl", text: "{\"label\": \"a\", \"label\": \"b\"}\n",
             message: ":1:16: duplicated key \"label\""),
        Case(name: "JSON: not an object", file: "p.jsonl", text: "[1, 2]\n", message: ":1:1: expected a JSON object"),
        Case(name: "JSON: truncated line", file: "p.jsonl", text: "{\"label\": \"a\", \"score\": 0.5\n",
             message: ":1:28: expected ',' or '}'"),
        Case(name: "JSON: nested value", file: "p.jsonl", text: "{\"label\": \"a\", \"scores\": [0.5, 0.5]}\n",
             message: ":1:26: column \"scores\": nested arrays and objects are not supported"),
    ]

    @Test("the error names the file, line, column and reason", arguments: cases)
    func badInput(_ c: Case) throws {
        let folder = try TemporaryFolder()
        let url = try folder.write(c.file, c.text)
        do {
            let result = try PredictionFile.evaluate(url, options: c.options)
            Issue.record("no error; report of \(result.rows) rows")
        } catch let error as PredictionFileError {
            #expect(error.description == url.path + c.message)
        }
    }

    @Test("a missing file is an error naming it")
    func missingFile() throws {
        let url = URL(fileURLWithPath: "/nonexistent/predictions.csv")
        #expect(throws: PredictionFileError.self) { try PredictionFile.evaluate(url) }
        do { _ = try PredictionFile.evaluate(url) } catch { #expect("\(error)".hasPrefix("/nonexistent/predictions.csv: cannot open")) }
    }
}
