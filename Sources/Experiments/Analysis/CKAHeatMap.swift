import Foundation
import Plots
import Records

/// `cka-<split>.svg`: per direction, a row of heat maps of mean CKA over seeds, layers
/// (conv1 at the top … fc7) × n: one panel per transferred family (vs the base it copies from,
/// copied layers outlined), after two one-column strips — the two bases, and the target base
/// against itself across seeds. Cells print their value; white (0) to dark blue (1).
enum CKAHeatMap {
    static let cell = (width: 34.0, height: 22.0)
    static let left = 52.0, top = 56.0, gap = 26.0, rowGap = 56.0

    static func svg(_ means: CKAMeans, split: String, experiment: String) -> String {
        let directions = means.directions(split)
        let layers = means.layers
        let columns = directions.map { panelColumns(means, split, $0) }
        let panels = columns.map { $0.reduce(0) { $0 + $1.width + gap } }.max() ?? 0
        let width = max(left + panels + 10, 640)
        let panelHeight = Double(layers.count) * cell.height
        let height = top + Double(directions.count) * (panelHeight + rowGap) + 20
        var svg = SVGBuilder()
        svg.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("width", SVGBuilder.number(width)),
                         ("height", SVGBuilder.number(height)),
                         ("viewBox", "0 0 \(SVGBuilder.number(width)) \(SVGBuilder.number(height))"),
                         ("font-family", "Helvetica, Arial, sans-serif"), ("font-size", "10")])
        svg.element("rect", [("x", "0"), ("y", "0"), ("width", SVGBuilder.number(width)),
                             ("height", SVGBuilder.number(height)), ("fill", "#ffffff")])
        svg.text("Layer similarity (linear CKA, mean over seeds): \(experiment), split \(split)",
                 [("x", SVGBuilder.number(left)), ("y", "20"), ("font-size", "13"), ("font-weight", "bold")])
        svg.text("white = 0, dark blue = 1; outlined cells: layers copied from the base (layer ≤ n)",
                 [("x", SVGBuilder.number(left)), ("y", "36"), ("fill", "#555555")])
        for (row, direction) in directions.enumerated() {
            let y0 = top + Double(row) * (panelHeight + rowGap) + 18
            var x0 = left
            for (index, layer) in layers.enumerated() {
                svg.text(layer, [("x", SVGBuilder.number(left - 6)), ("text-anchor", "end"),
                                 ("y", SVGBuilder.number(y0 + (Double(index) + 0.68) * cell.height))])
            }
            for panel in columns[row] {
                drawPanel(&svg, panel, means: means, split: split, direction: direction, layers: layers, x0: x0, y0: y0)
                x0 += panel.width + gap
            }
        }
        svg.close("svg")
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg.lines.joined(separator: "\n") + "\n"
    }

    /// One panel: a title, the compared nets, and its columns (n values; one nil column for a strip).
    struct Panel {
        let title: String
        let netA: String
        let family: TreatmentFamily?
        let n: [Int?]
        let acrossSeeds: Bool

        /// Its cells, or its title if that is wider (≈ 6 px per character at 10 px bold).
        var width: Double { max(Double(n.count) * cell.width, Double(title.count) * 6.2) }
    }

    static func panelColumns(_ means: CKAMeans, _ split: String, _ direction: String) -> [Panel] {
        let (source, target) = means.bases(split, direction)
        var panels = [
            Panel(title: "\(direction): \(source)–\(target)", netA: source, family: nil, n: [nil], acrossSeeds: false),
            Panel(title: "\(target) × seeds", netA: target, family: nil, n: [nil], acrossSeeds: true),
        ]
        for family in means.families(split, direction) {
            panels.append(Panel(title: "\(family.rawValue) vs \(family.requiredBase!.rawValue)",
                                netA: family.requiredBase!.rawValue, family: family,
                                n: means.depths(split, direction), acrossSeeds: false))
        }
        return panels
    }

    static func drawPanel(_ svg: inout SVGBuilder, _ panel: Panel, means: CKAMeans, split: String, direction: String,
                          layers: [String], x0: Double, y0: Double) {
        svg.text(panel.title, [("x", SVGBuilder.number(x0)), ("y", SVGBuilder.number(y0 - 8)), ("font-weight", "bold")])
        for (column, n) in panel.n.enumerated() {
            let x = x0 + Double(column) * cell.width
            if let n {
                svg.text("n=\(n)", [("x", SVGBuilder.number(x + cell.width / 2)), ("text-anchor", "middle"),
                                    ("y", SVGBuilder.number(y0 + Double(layers.count) * cell.height + 13))])
            }
            for (index, layer) in layers.enumerated() {
                let netB = panel.family.map { $0.label(n: n) }
                    ?? (panel.acrossSeeds ? panel.netA : means.bases(split, direction).target)
                let mean = means.mean(split, direction, panel.netA, netB, layer: layer, acrossSeeds: panel.acrossSeeds)
                let value = mean.value.map { ReportFormat.fixed($0, 3) } ?? "undefined"
                let undefined = mean.undefined > 0 ? ", \(mean.undefined) undefined" : ""
                drawCell(&svg, x: x, y: y0 + Double(index) * cell.height, value: mean.value, copied: n.map { index < $0 } ?? false,
                         title: "\(panel.netA) vs \(netB), \(layer): \(value) (\(mean.seeds) seed\(mean.seeds == 1 ? "" : "s")\(undefined))")
            }
        }
    }

    static func drawCell(_ svg: inout SVGBuilder, x: Double, y: Double, value: Double?, copied: Bool, title: String) {
        let fill = value.map(color) ?? "#e0e0e0"
        svg.element("rect", [("x", SVGBuilder.number(x)), ("y", SVGBuilder.number(y)),
                             ("width", SVGBuilder.number(cell.width)), ("height", SVGBuilder.number(cell.height)),
                             ("fill", fill), ("stroke", copied ? "#000000" : "#ffffff"),
                             ("stroke-width", copied ? "1.2" : "0.5")], title: title)
        let dark = (value ?? 0) > 0.55
        svg.text(value.map { ReportFormat.fixed($0, 2) } ?? ReportFormat.missing,
                 [("x", SVGBuilder.number(x + cell.width / 2)), ("y", SVGBuilder.number(y + cell.height * 0.68)),
                  ("text-anchor", "middle"), ("fill", dark ? "#ffffff" : "#111111")])
    }

    /// White (0) to dark blue (1), clamped.
    static func color(_ value: Double) -> String {
        let t = min(1, max(0, value))
        let low = (247.0, 251.0, 255.0), high = (8.0, 48.0, 107.0)
        func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * t).rounded()) }
        return String(format: "#%02x%02x%02x", mix(low.0, high.0), mix(low.1, high.1), mix(low.2, high.2))
    }
}
