import Foundation
import Metrics
import Plots

/// The page of one run: who it is, its files, training curves and its full evaluation.
enum RunPage {
    static func html(_ entry: RunEntry, source: RunEntry?, layout: ResultsLayout) -> String {
        let r = entry.record, run = entry.run
        let up = ["..", ".."]                           // from report/runs/<split>/ to report/
        var body = ["<p>" + HTML.link("← experiment \(r.experiment)", href: HTML.href(up + ["index.html"])) + "</p>",
                    "<h1>\(HTML.escape(run.qualifiedName))</h1>"]
        var facts: [(String, String)] = [
            ("Label", HTML.escape(run.label)), ("Split", HTML.escape("\(run.split.name) (\(r.splitKind))")),
            ("Seed", "\(r.seed)"), ("Run id", "<code>\(HTML.escape(r.runID))</code>"),
            ("Top-1 (record)", ReportFormat.fixed(100 * r.top1, 2) + " %"),
            ("Test loss", ReportFormat.fixed(r.testLoss, 4) + " nats"),
            ("Iterations", "\(r.iterations)"), ("Training time", ReportFormat.fixed(r.seconds, 1) + " s"),
            ("Classes", HTML.escape(r.classNames.joined(separator: ", "))),
        ]
        if let baseID = run.baseID {
            let text = source.map { HTML.link($0.run.qualifiedName, href: HTML.href([".."] + $0.page.dropFirst())) }
                ?? "<code>\(HTML.escape(baseID))</code> (not finished)"
            facts.insert(("Source run", text), at: 4)
        }
        body.append(HTML.facts(facts))
        body += files(run, layout: layout)
        body += curves(entry.history)
        body += evaluation(entry.metrics)
        return HTML.page(title: "\(run.qualifiedName) — \(r.experiment)", stylesheet: HTML.href(up + ["style.css"]), body: body)
    }

    /// Links to the run's files that exist (relative to the page), and the missing ones named.
    static func files(_ run: RunSpec, layout: ResultsLayout) -> [String] {
        let path = ["..", "..", "..", run.split.name, "runs", run.directoryName]
        let items = [("checkpoint.h5", layout.checkpoint(run)), ("record.json", layout.record(run)),
                     ("metrics.json", layout.metrics(run)), ("train.log", layout.log(run))].map { name, url in
            FileManager.default.fileExists(atPath: url.path) ? HTML.link(name, href: HTML.href(path + [name]))
                : "\(name) (missing)"
        }
        return ["<h2>Files</h2>", "<p>" + items.joined(separator: " · ") + "</p>"]
    }

    static func curves(_ history: Result<[String: [Double]], RunFileError>) -> [String] {
        var lines = ["<h2>Training</h2>"]
        switch history {
        case .failure(let error):
            lines.append("<p class=\"problem\">\(HTML.escape(error.description))</p>")
        case .success(let h):
            func series(_ name: String, _ values: String, _ steps: String, scale: Double = 1) -> LineSeries {
                let v = h[values] ?? [], s = h[steps] ?? []
                return LineSeries(name: name, points: zip(s, v).map { (x: $0, y: $1 * scale) })
            }
            let loss = series("training loss (mean since the last evaluation)", HistoryName.trainLoss, HistoryName.trainLossStep)
            let accuracy = series("validation accuracy (%)", HistoryName.validationAccuracy, HistoryName.validationStep, scale: 100)
            guard !loss.points.isEmpty || !accuracy.points.isEmpty else {
                return lines + ["<p>The checkpoint holds no training history.</p>"]
            }
            lines.append("<div class=\"plots\">")
            lines += HTML.figure(LinePlot.draw([loss], title: "Training loss", xLabel: "step", yLabel: "nats"))
            lines += HTML.figure(LinePlot.draw([accuracy], title: "Validation accuracy", xLabel: "step", yLabel: "%"))
            lines.append("</div>")
        }
        return lines
    }

    static func evaluation(_ metrics: Result<EvaluationReport, RunFileError>) -> [String] {
        var lines = ["<h2>Test set</h2>"]
        let report: EvaluationReport
        switch metrics {
        case .failure(let error):
            return lines + ["<p class=\"problem\">metrics.json could not be used: \(HTML.escape(error.description))</p>"]
        case .success(let r): report = r
        }
        lines.append(HTML.list(summary(report)))
        lines.append("<div class=\"plots\">")
        lines += HTML.figure(EvaluationPlots.confusion(report), caption: "Rows: true class; columns: predicted class; "
                             + "shade: share of the row.")
        if let roc = EvaluationPlots.roc(report) { lines += HTML.figure(roc) }
        lines.append("</div>")
        lines += perClassTable(report)
        let undefined = report.undefinedValues
        if !undefined.isEmpty {
            lines.append("<h3>Undefined values</h3>")
            lines.append(HTML.list(undefined.map { "\(HTML.escape($0.subject)): \(HTML.escape($0.reason))" }))
        }
        return lines
    }

    static func summary(_ r: EvaluationReport) -> [String] {
        var items = ["\(r.sampleCount) test images, \(r.classCount) classes",
                     "top-1 accuracy \(ReportFormat.fixed(100 * r.top1Accuracy, 2)) %"]
        if r.topK != 1 { items.append("top-\(r.topK) accuracy \(ReportFormat.fixed(100 * r.topKAccuracy, 2)) %") }
        items.append("mean cross-entropy " + (r.meanLoss.value.map { ReportFormat.fixed($0, 4) + " nats" } ?? "n/a"))
        items.append("mean entropy " + (r.meanEntropy.value.map { ReportFormat.fixed($0, 4) + " nats" } ?? "n/a"))
        items.append("macro AUC " + (r.macroAUC.value.map { ReportFormat.fixed($0, 4) } ?? "n/a"))
        if let p = r.positiveClass, let y = r.youden {
            items.append("Youden threshold on P(\(HTML.escape(r.classNames[p]))): \(ReportFormat.fixed(y.threshold, 4)) "
                         + "(TPR \(ReportFormat.fixed(y.truePositiveRate, 4)), FPR \(ReportFormat.fixed(y.falsePositiveRate, 4)))")
        }
        return items
    }

    static func perClassTable(_ r: EvaluationReport) -> [String] {
        let rows = r.perClass.map { c -> [String] in
            let m = c.metrics, n = m.counts
            return [HTML.escape(c.name), "\(m.support)", "\(n.truePositives)", "\(n.falsePositives)", "\(n.falseNegatives)",
                    "\(n.trueNegatives)"] + [m.precision, m.recall, m.specificity, m.f1, c.roc.auc].map { $0.formatted() }
        }
        let averages = [("macro", r.macro), ("micro", r.micro), ("weighted", r.weighted)].map { name, a -> [String] in
            [name, "", "", "", "", ""] + [a.precision, a.recall, a.specificity, a.f1].map { $0.metric.formatted() }
                + [name == "macro" ? r.macroAUC.metric.formatted() : ""]
        }
        return HTML.table(header: ["Class", "Support", "TP", "FP", "FN", "TN", "Precision", "Recall", "Specificity",
                                   "F1", "AUC"], rows: rows + averages, caption: "Per-class metrics (one vs rest)")
    }
}
