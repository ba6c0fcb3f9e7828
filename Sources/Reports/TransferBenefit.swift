import Foundation
import Records
import Plots

/// When transfer pays: for a config with several target sizes (`cap_per_class.B` as a list),
/// AnB+ − baseB and AnB − baseB against the target's images per class, per split (directions
/// pooled) and n, with 95 % CIs over units. `transfer_benefit.csv` (tidy) and
/// `transfer_benefit.svg` (one panel per split, x log-scaled).
public enum TransferBenefit {
    /// The families drawn: fine-tuned and frozen transfer.
    public static let families: [TreatmentFamily] = [.AnBPlus, .AnB]

    /// One point: a family at depth n on a split at one target size.
    public struct Point: Sendable, Equatable {
        public var split: String, variant: String, imagesPerClass: Int, iterations: Int
        public var family: TreatmentFamily, n: Int
        public var summary: SampleSummary
    }

    /// The points of every split group whose variant sets a target size ("-c…"); empty otherwise.
    public static func points(_ records: [RunRecord]) -> [Point] {
        var out: [Point] = []
        var splitOrder: [String] = []
        for group in SplitGroupResults.all(records) where group.variant.contains("-c") {
            if !splitOrder.contains(group.titleWithoutVariant) { splitOrder.append(group.titleWithoutVariant) }
            let bases = group.directions.flatMap(\.records).filter { $0.treatment == .baseB }
            guard let base = bases.first else { continue }
            let perClass = base.trainImages / max(1, base.classIDs.count)
            let layers = Set(group.directions.flatMap(\.records).compactMap(\.n)).sorted()
            for family in families {
                for n in layers {
                    let summary = group.change(family, n: n)
                    guard summary.count > 0 else { continue }
                    out.append(Point(split: group.titleWithoutVariant, variant: String(group.variant.dropFirst()),
                                     imagesPerClass: perClass, iterations: base.iterations, family: family, n: n,
                                     summary: summary))
                }
            }
        }
        // Splits in report order (similar first), then family, n and size.
        let rank = { (p: Point) in splitOrder.firstIndex(of: p.split) ?? 0 }
        return out.sorted { (rank($0), $0.family.rawValue, $0.n, $0.imagesPerClass) < (rank($1), $1.family.rawValue, $1.n, $1.imagesPerClass) }
    }

    /// The reading of the points for `summary.md`: per split, family and n, the target sizes at
    /// which the change vs baseB is a gain (95 % CI above 0), a loss (below 0), not detected (it
    /// includes 0) or undetermined (one unit) — `Verdicts.judge` with a positive expected sign.
    public static func reading(_ points: [Point]) -> [String] {
        guard !points.isEmpty else { return [] }
        var lines = ["## When transfer pays: change vs baseB by target size", "",
                     "From `transfer_benefit.csv`: at each target size (images per class), the change vs baseB is a *gain* "
                     + "when its 95% CI lies above 0, a *loss* when below, else *not detected*; mean in points.", ""]
        // `points` is sorted by split, family, n and size: consecutive runs are one series.
        var series: [[Point]] = []
        for p in points {
            if let last = series.last?.last, (last.split, last.family, last.n) == (p.split, p.family, p.n) {
                series[series.count - 1].append(p)
            } else {
                series.append([p])
            }
        }
        let labels: [(Verdicts.Verdict, String)] = [(.reproduced, "gain"), (.contradicted, "loss"),
                                                   (.notDetected, "not detected"), (.undetermined, "undetermined")]
        for line in series {
            let said = labels.compactMap { verdict, label -> String? in
                let sizes = line.filter { $0.summary.mean != nil && Verdicts.judge($0.summary.confidenceInterval95, sign: 1) == verdict }
                    .map { "\($0.imagesPerClass) (\(ReportFormat.signed($0.summary.mean!, 1)))" }
                return sizes.isEmpty ? nil : "\(label) at " + sizes.joined(separator: ", ")
            }
            guard !said.isEmpty else { continue }
            lines.append("- \(MarkdownCells.escape(line[0].split)), \(line[0].family.rawValue) n = \(line[0].n): "
                         + said.joined(separator: "; ") + ".")
        }
        return lines + [""]
    }

    /// `transfer_benefit.csv`: split, variant, images_per_class, iterations, treatment, n,
    /// mean_change, ci_low, ci_high, units (empty = undefined).
    public static func csv(_ points: [Point]) -> String {
        var lines = ["split,variant,images_per_class,iterations,treatment,n,mean_change,ci_low,ci_high,units"]
        for p in points {
            let ci = p.summary.confidenceInterval95
            let cells = [p.split, p.variant, String(p.imagesPerClass), String(p.iterations), p.family.rawValue, String(p.n),
                         p.summary.mean.map { ReportFormat.exact($0) } ?? "",
                         ci.map { ReportFormat.exact($0.lowerBound) } ?? "", ci.map { ReportFormat.exact($0.upperBound) } ?? "",
                         String(p.summary.count)]
            lines.append(cells.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvField(_ s: String) -> String {
        s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static let panelWidth = 300.0, panelHeight = 240.0, gap = 70.0, left = 62.0, top = 56.0

    /// The figure: per split a panel of change vs base (points) against images per class (log).
    public static func svg(_ points: [Point], experiment: String) -> String {
        let splits = points.reduce(into: [String]()) { if !$0.contains($1.split) { $0.append($1.split) } }
        let width = left + Double(max(1, splits.count)) * (panelWidth + gap)
        let height = top + panelHeight + 80
        var svg = SVGBuilder()
        svg.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("width", SVGBuilder.number(width)),
                         ("height", SVGBuilder.number(height)), ("font-family", "Helvetica, Arial, sans-serif"),
                         ("font-size", "11")])
        svg.element("rect", [("x", "0"), ("y", "0"), ("width", SVGBuilder.number(width)),
                             ("height", SVGBuilder.number(height)), ("fill", "#ffffff")])
        svg.text("When transfer pays: change vs baseB against target images per class (\(experiment))",
                 [("x", SVGBuilder.number(left)), ("y", "22"), ("font-size", "14"), ("font-weight", "bold")])
        let sizes = points.map { Double($0.imagesPerClass) }
        let xLow = log10(max(1, (sizes.min() ?? 10) / 1.3)), xHigh = log10((sizes.max() ?? 1000) * 1.3)
        var low = 0.0, high = 0.0
        for p in points {
            let ci = p.summary.confidenceInterval95
            low = min(low, ci?.lowerBound ?? p.summary.mean ?? 0, p.summary.mean ?? 0)
            high = max(high, ci?.upperBound ?? p.summary.mean ?? 0, p.summary.mean ?? 0)
        }
        let ticks = NiceTicks(low: low, high: high)
        for (index, split) in splits.enumerated() {
            let x0 = left + Double(index) * (panelWidth + gap)
            let x = Axis(lower: xLow, upper: xHigh, start: x0, end: x0 + panelWidth)
            let y = Axis(lower: ticks.lower, upper: ticks.upper, start: top + panelHeight, end: top)
            drawPanel(&svg, points.filter { $0.split == split }, title: split, x: x, y: y, ticks: ticks)
        }
        svg.close("svg")
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg.lines.joined(separator: "\n") + "\n"
    }

    static func drawPanel(_ svg: inout SVGBuilder, _ points: [Point], title: String, x: Axis, y: Axis, ticks: NiceTicks) {
        svg.open("g", [("class", "panel benefit"), ("data-split", title)])
        TransferFigure.drawFrame(&svg, x: x, y: y, title: title, yLabel: "Change vs baseB (points)",
                                 xLabel: "Target images per class (log scale)", xTicks: [], yTicks: ticks)
        for size in Array(Set(points.map(\.imagesPerClass))).sorted() {
            let px = SVGBuilder.number(x.map(log10(Double(size))))
            svg.text(String(size), [("x", px), ("y", SVGBuilder.number(y.start + 16)), ("text-anchor", "middle")])
        }
        svg.element("line", [("class", "zero"), ("x1", SVGBuilder.number(x.start)), ("x2", SVGBuilder.number(x.end)),
                             ("y1", SVGBuilder.number(y.map(0))), ("y2", SVGBuilder.number(y.map(0))),
                             ("stroke", "#000000"), ("stroke-dasharray", "3 3")])
        let series = Dictionary(grouping: points) { "\($0.family) n=\($0.n)" }
        for (index, key) in series.keys.sorted().enumerated() {
            let line = series[key]!.sorted { $0.imagesPerClass < $1.imagesPerClass }
            let color = TransferFigure.color(forFamily: line[0].family)
            let dash = TransferFigure.dashes[index % TransferFigure.dashes.count]
            for p in line {
                guard let ci = p.summary.confidenceInterval95 else { continue }
                let px = SVGBuilder.number(x.map(log10(Double(p.imagesPerClass))))
                svg.element("line", [("class", "ci"), ("x1", px), ("x2", px), ("y1", SVGBuilder.number(y.map(ci.lowerBound))),
                                     ("y2", SVGBuilder.number(y.map(ci.upperBound))), ("stroke", color), ("stroke-width", "1")])
            }
            for p in line {
                svg.element("circle", [("class", "point"), ("cx", SVGBuilder.number(x.map(log10(Double(p.imagesPerClass))))),
                                       ("cy", SVGBuilder.number(y.map(p.summary.mean ?? 0))), ("r", "2.5"), ("fill", color)])
            }
            var attributes: [(String, String)] = [
                ("class", "mean"), ("data-series", key), ("fill", "none"), ("stroke", color), ("stroke-width", "1.8"),
                ("points", SVGBuilder.points(line.map { (x: x.map(log10(Double($0.imagesPerClass))), y: y.map($0.summary.mean ?? 0)) })),
            ]
            if !dash.isEmpty { attributes.append(("stroke-dasharray", dash)) }
            svg.element("polyline", attributes)
            svg.text(key, [("x", SVGBuilder.number(x.start + 6)), ("y", SVGBuilder.number(y.end + 14 + Double(index) * 13)),
                           ("fill", color == "#ffffff" ? "#202020" : color)])
        }
        svg.close("g")
    }
}
