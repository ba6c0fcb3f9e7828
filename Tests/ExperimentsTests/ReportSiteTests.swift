import Foundation
import Metrics
import Plots
import RecordFixtures
import Records
import Reports
import Storage
import TestSupport
import Testing
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

    @Test("target variants: the page's table is TargetVariants' and its curve goes through the mean changes by size")
    func variants() throws {
        var records: [RunRecord] = []
        for (variant, perClass) in [("-c100", 100), ("-c300", 300)] {
            for seed in 1...3 {
                func add(_ treatment: TreatmentFamily, _ n: Int?, _ top1: Double) {
                    var r = ReportFixtures.record(split: "similar" + variant, kind: "similar", treatment: treatment, n: n,
                                                  seed: seed, top1: top1, runID: "\(variant)-\(treatment)-\(n ?? 0)-\(seed)")
                    r.splitGroup = "similar"
                    r.trainImages = perClass * r.classIDs.count
                    records.append(r)
                }
                add(.baseB, nil, 0.70 + 0.01 * Double(seed))
                add(.AnB, 7, 0.60 + 0.02 * Double(seed) + (perClass == 300 ? 0.05 : 0))
            }
        }
        let groups = SplitGroupResults.all(records)
        let tables = TargetVariants.tables(groups)
        try #require(tables.count == 1 && tables[0].rows.map(\.imagesPerClass) == [[100], [300]])
        let page = try XMLElements(VariantsPage.html(experiment: "exp", tables: tables))
        #expect(page.all("td").map(\.text) == tables[0].rows.flatMap(tables[0].cells))
        let line = try #require(page.all("polyline", class: "line").first)
        #expect(line.attributes["data-series"] == "AnB n = 7")
        let means = groups.map { $0.meanChange(.AnB, over: 7...7).mean! }          // pooled per variant
        let xt = NiceTicks(low: 100, high: 300), yt = NiceTicks(low: means.min()!, high: means.max()!)
        let g = LinePlot.geometry
        let x = Axis(lower: xt.lower, upper: xt.upper, start: g.left, end: g.left + g.width)
        let y = Axis(lower: yt.lower, upper: yt.upper, start: g.top + g.height, end: g.top)
        #expect(line.attributes["points"] == SVGBuilder.points(zip([100.0, 300.0], means).map { (x: x.map($0), y: y.map($1)) }))
        #expect(abs(means[1] - means[0] - 5) < 1e-9)                                 // AnB gains 5 points at 300 / class
    }

    /// The smoke plan with records (no checkpoints) for its similar-split bases and A4B; metrics.json good,
    /// corrupt or missing.
    static func results(_ root: URL) throws -> (ExperimentPlan, ResultsLayout, [RunSpec]) {
        let config = try ExperimentConfig.load(PythonEnvironment.packageRoot.appendingPathComponent("configs/smoke.json"))
        let plan = ExperimentPlan(config), layout = ResultsLayout(root: root, experiment: config.name)
        let runs = try ["baseA", "baseB", "A4B"].map { try plan.find(label: $0, split: "similar", seed: 0) }
        for (i, (run, treatment)) in zip(runs, [TreatmentFamily.baseA, .baseB, .AnB]).enumerated() {
            var record = ReportFixtures.record(treatment: treatment, n: run.n, seed: 0, top1: 0.9 - 0.1 * Double(i),
                                               experiment: config.name, runID: run.id)
            record.split = run.split.name
            try AtomicFile.write(try JSONEncoder().encode(record), to: layout.record(run))
        }
        try AtomicFile.write(try Self.handMadeReport().jsonData(), to: layout.metrics(runs[0]))
        try AtomicFile.write(Data("{\"head\": \"softmax\", ".utf8), to: layout.metrics(runs[1]))
        return (plan, layout, runs)
    }

    @Test("missing or corrupt metrics.json: the run's page says so with path and reason, the run is listed, the rest is written; regenerating is byte-identical")
    func badMetrics() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("report-site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let (plan, layout, runs) = try Self.results(root)
        for name in ["cka-similar.svg", "cka.md", "transfer_benefit.svg"] {
            try Data("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>".utf8)
                .write(to: layout.experimentDirectory.appendingPathComponent(name))
        }
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
        let analyses = try XMLElements(String(contentsOf: report.appendingPathComponent("analyses.html"), encoding: .utf8))
        #expect(analyses.all("img").compactMap { $0.attributes["src"] } == ["../cka-similar.svg", "../transfer_benefit.svg"])
        #expect(analyses.all("a").compactMap { $0.attributes["href"] }.contains("../cka.md"))
        #expect(index.contains("href=\"analyses.html\""))

        let first = try site.files.map { try Data(contentsOf: $0) }
        let again = try ReportSite.write(plan: plan, layout: layout)
        #expect(again.files == site.files)
        #expect(try again.files.map { try Data(contentsOf: $0) } == first)
    }

    @Test("the index draws every baseA's validation curve from its checkpoint history; none without history")
    func sourceCurves() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("report-sources-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let (_, _, runs) = try Self.results(root)
        let missing = RunFileError(path: "x", reason: "missing", isMissing: true)
        func entry(_ run: RunSpec, _ treatment: TreatmentFamily, history: Result<[String: [Double]], RunFileError>) -> RunEntry {
            var record = ReportFixtures.record(treatment: treatment, n: run.n, seed: 0, top1: 0.9, runID: run.id)
            record.split = run.split.name
            return RunEntry(run: run, record: record, metrics: .failure(missing), history: history)
        }
        let history: [String: [Double]] = ["val_accuracy": [0.5, 0.75, 0.8], "val_step": [100, 200, 300]]
        let entries = [entry(runs[0], .baseA, history: .success(history)), entry(runs[1], .baseB, history: .success(history))]
        let html = IndexPage.sourceCurves(entries).joined(separator: "\n")
        let svg = try XMLElements("<div>" + html + "</div>")   // one root for the parser
        let lines = svg.all("polyline", class: "line")
        #expect(lines.map { $0.attributes["data-series"] } == ["similar seed 0"])   // baseA only
        let g = LinePlot.geometry
        let xt = NiceTicks(low: 100, high: 300), yt = NiceTicks(low: 50, high: 80)
        let x = Axis(lower: xt.lower, upper: xt.upper, start: g.left, end: g.left + g.width)
        let y = Axis(lower: yt.lower, upper: yt.upper, start: g.top + g.height, end: g.top)
        #expect(lines.first?.attributes["points"]
                == SVGBuilder.points(zip([100.0, 200, 300], [50.0, 75, 80]).map { (x: x.map($0), y: y.map($1)) }))
        #expect(IndexPage.sourceCurves([entry(runs[0], .baseA, history: .failure(missing))]).isEmpty)
    }
}
