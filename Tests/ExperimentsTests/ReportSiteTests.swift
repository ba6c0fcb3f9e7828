import Foundation
import Metrics
import Plots
import Testing
import TestSupport
@testable import Experiments

/// The HTML report from hand-made records and metrics: what is drawn equals the inputs, names
/// are escaped, bad metrics files are reported, regeneration is byte-identical.
@Suite("HTML report")
struct ReportSiteTests {
    /// 3 classes with HTML special characters; tied scores; "bird&quot;" is never predicted.
    static func handMadeReport() throws -> EvaluationReport {
        let p: [Double] = [0.6, 0.2, 0.2, 0.6, 0.2, 0.2, 0.2, 0.6, 0.2, 0.4, 0.4, 0.2,
                           0.2, 0.6, 0.2, 0.4, 0.4, 0.2, 0.6, 0.2, 0.2]
        return try EvaluationReport.compute(.probabilities(p), labels: [0, 1, 1, 0, 2, 2, 0],
                                            classNames: ["<cat>", "dog & co", "bird\""])
    }

    @Test("a run page draws the hand-made metrics: heat-map cells and ROC points equal the inputs; names escaped")
    func drawnValues() throws {
        let report = try Self.handMadeReport()
        let html = RunPage.evaluation(.success(report)).joined(separator: "\n")
        #expect(!html.contains("<cat>") && html.contains("&lt;cat&gt;") && html.contains("dog &amp; co"))
        let page = try XMLElements("<div>" + html + "</div>")
        let cells = page.all("rect", class: "cell")
        try #require(cells.count == 9)
        for cell in cells {
            let t = Int(cell.attributes["data-true"]!)!, p = Int(cell.attributes["data-predicted"]!)!
            #expect(cell.attributes["data-count"] == "\(report.confusionMatrix[t, p])")
        }
        #expect(page.all("text", class: "count").map(\.text) == report.confusionMatrix.counts.flatMap { $0.map(String.init) })
        let curves = page.all("polyline", class: "roc")
        try #require(curves.count == 3)
        let g = ROCPlot.geometry
        for (c, line) in curves.enumerated() {
            #expect(line.attributes["data-class"] == report.classNames[c])
            let drawn = line.attributes["points"]!.split(separator: " ").map { pair -> (Double, Double) in
                let xy = pair.split(separator: ",").map { Double($0)! }
                return ((xy[0] - g.left) / g.size, 1 - (xy[1] - g.top) / g.size)
            }
            let points = report.perClass[c].roc.points
            try #require(drawn.count == points.count)
            for (d, e) in zip(drawn, points) {
                #expect(abs(d.0 - e.falsePositiveRate) < 0.01 / g.size && abs(d.1 - e.truePositiveRate) < 0.01 / g.size)
            }
        }
        // the per-class table names the classes as text and shows the undefined precision as n/a
        let names = page.all("td").map(\.text)
        #expect(names.contains("<cat>") && names.contains("bird\"") && names.contains("n/a"))
        #expect(html.contains("bird&quot; precision: no predictions for this class (TP + FP = 0)"))
    }

    @Test("the index shows the verdict table: one row per finding, the same cells as summary.md")
    func verdicts() throws {
        let records = ReportFixtures.fullSet()
        let findings = Verdicts.findings(records)
        try #require(!findings.isEmpty)
        let html = IndexPage.verdictTable(records: records).joined(separator: "\n")
        let table = try XMLElements("<div>" + html + "</div>")
        let rows = table.all("tr").dropFirst()                     // the header row first
        #expect(rows.count == findings.count)
        let cells = table.all("td").map(\.text)
        #expect(cells == findings.flatMap(Verdicts.cells))
        #expect(IndexPage.verdictTable(records: []).isEmpty)
    }

    /// The smoke plan with records (no checkpoints) for its similar-split bases and A4B; metrics.json good,
    /// corrupt or missing.
    static func results(_ root: URL) throws -> (ExperimentPlan, ResultsLayout, [RunSpec]) {
        let config = try ExperimentConfig.load(PythonEnvironment.packageRoot.appendingPathComponent("configs/smoke.json"))
        let plan = ExperimentPlan(config), layout = ResultsLayout(root: root, experiment: config.name)
        let runs = try ["baseA", "baseB", "A4B"].map { try plan.find(label: $0, split: "similar", seed: 0) }
        for (i, (run, treatment)) in zip(runs, ["baseA", "baseB", "AnB"]).enumerated() {
            var record = ReportFixtures.record(treatment: treatment, n: run.n, seed: 0, top1: 0.9 - 0.1 * Double(i),
                                               experiment: config.name, runID: run.id)
            record.split = run.split.name
            try writeAtomically(try JSONEncoder().encode(record), to: layout.record(run))
        }
        try writeAtomically(try Self.handMadeReport().jsonData(), to: layout.metrics(runs[0]))
        try writeAtomically(Data("{\"head\": \"softmax\", ".utf8), to: layout.metrics(runs[1]))
        return (plan, layout, runs)
    }

    @Test("missing or corrupt metrics.json: the run's page says so with path and reason, the run is listed, the rest is written; regenerating is byte-identical")
    func badMetrics() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("report-site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let (plan, layout, runs) = try Self.results(root)
        let site = try ReportSite.write(plan: plan, layout: layout)
        #expect(site.problems.map(\.run) == [runs[1].qualifiedName, runs[2].qualifiedName])
        #expect(site.problems[0].reason.hasPrefix(layout.metrics(runs[1]).path + ": not a valid evaluation report"))
        #expect(site.problems[1].reason == layout.metrics(runs[2]).path + ": missing")
        let report = layout.experimentDirectory.appendingPathComponent("report")
        let page = try String(contentsOf: report.appendingPathComponent("runs/similar/A4B-seed0.html"), encoding: .utf8)
        #expect(page.contains("metrics.json could not be used: \(layout.metrics(runs[2]).path): missing"))
        #expect(page.contains("checkpoint.h5 (missing)") && page.contains("missing: no training curves"))
        _ = try XMLElements(page)                                   // well-formed
        let good = try String(contentsOf: report.appendingPathComponent("runs/similar/baseA-seed0.html"), encoding: .utf8)
        #expect(good.contains("class=\"cell\""))
        let index = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("href=\"runs/similar/A4B-seed0.html\""))
        _ = try XMLElements(index)

        let first = try site.files.map { try Data(contentsOf: $0) }
        let again = try ReportSite.write(plan: plan, layout: layout)
        #expect(again.files == site.files)
        #expect(try again.files.map { try Data(contentsOf: $0) } == first)
    }
}
