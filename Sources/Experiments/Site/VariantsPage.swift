import Foundation
import Plots
import Reports

/// `variants.html`, written when the config lists several target budgets or sizes: per split,
/// the sensitivity table of `TargetVariants` and the changes drawn against the target size
/// (images per class) or, when the sizes agree, the target budget (iterations).
enum VariantsPage {
    static func html(experiment: String, tables: [TargetVariants.Table]) -> String {
        var body = ["<p>" + HTML.link("← experiment \(experiment)", href: "index.html") + "</p>",
                    "<h1>Target variants</h1>", "<p>\(HTML.escape(TargetVariants.intro))</p>"]
        for table in tables {
            body.append("<h2>\(HTML.escape(table.title))</h2>")
            body += HTML.table(header: TargetVariants.header(table), rows: table.rows.map { table.cells($0).map(HTML.escape) })
            if let curve = curve(table) { body += HTML.figure(curve) }
        }
        return HTML.page(title: "Target variants — \(experiment)", stylesheet: "style.css", body: body)
    }

    /// The mean change of each change column against images per class (or iterations); nil when
    /// the variants do not differ in one number each.
    static func curve(_ table: TargetVariants.Table) -> SVGBuilder? {
        let sizes = table.rows.map(\.imagesPerClass), budgets = table.rows.map(\.iterations)
        let bySize = Set(sizes).count > 1
        let xs = (bySize ? sizes : budgets).map { $0.count == 1 ? Double($0[0]) : nil }
        guard xs.allSatisfy({ $0 != nil }), Set(xs).count > 1 else { return nil }
        let first = table.firstIsAccuracy ? 1 : 0
        let series = table.columns.indices.dropFirst(first).map { c in
            LineSeries(name: table.columns[c], points: zip(xs, table.rows).compactMap { x, row in
                row.values[c].mean.map { (x: x!, y: $0) }
            }.sorted { $0.x < $1.x })
        }
        return LinePlot.draw(series, title: "Change vs baseB by target \(bySize ? "size" : "budget")",
                             xLabel: bySize ? "images per class of the target" : "iterations", yLabel: "points")
    }
}
