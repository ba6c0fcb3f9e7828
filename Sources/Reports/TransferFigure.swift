import Foundation
import Randomness
import Records
import Plots

/// `figure.svg`, in the style of Figures 2 and 3 of Yosinski et al. (2014), drawn by hand.
///
/// Layout (left to right, ≈ 1000 × 450 px for two splits): one panel per split with top-1 (%)
/// vs n (x = 0…7, the bases at n = 0): every run a small jittered point (`class="run"`, one per
/// record, with a `<title>` tooltip), the per-n means of each family as a line that starts at the
/// mean of its target's base at n = 0, and the 95% CI as a semi-transparent band (reverse
/// families AnA, AnA+, BnA, BnA+ — if present — get thin dashed lines and no band, to keep the
/// panel readable). The last panel
/// shows the paired change vs base (percentage points) for AnB and randomNB of every split, with a
/// zero line; per-seed changes are faint points (`class="pair"`), and the paper's AnB curves
/// (`PaperReference`) are brown reference lines (`class="paper"`). A legend runs along the bottom.
/// Jitter is a hash of the run id, so output is deterministic.
public enum TransferFigure {
    /// The family colors (also used for the base runs).
    public static func color(forFamily family: TreatmentFamily) -> String {
        switch family {
        case .baseA: return "#404040"
        case .baseB: return "#ffffff"
        case .BnB: return "#1f4fd1"
        case .BnBPlus: return "#79aef2"
        case .AnB: return "#d62728"
        case .AnBPlus: return "#f28e2b"
        case .randomNB: return "#8c8c8c"
        case .AnA: return "#2c9b3c"
        case .AnAPlus: return "#93d68a"
        case .BnA: return "#8a5bc0"
        case .BnAPlus: return "#c9aee6"
        }
    }

    /// The families drawn in the change panel (per split).
    public static let changeFamilies: [TreatmentFamily] = [.AnB, .randomNB]

    // Geometry (pixels).
    static let plotWidth = 250.0, plotHeight = 270.0, gap = 78.0
    static let left = 62.0, right = 22.0, top = 62.0
    static let dashes = ["", "6 3", "2 2", "8 2 2 2"]

    /// Renders the figure for all splits in `records`.
    public static func svg(records: [RunRecord], experiment: String) -> String {
        let splits = SplitResults.all(records)
        let panelCount = splits.count + 1
        let width = left + Double(panelCount) * plotWidth + Double(panelCount - 1) * gap + right
        let legend = legendEntries(splits)
        let legendTop = top + plotHeight + 58
        let legendRows = layoutLegend(legend, width: width).rows
        let height = legendTop + Double(max(1, legendRows)) * 18 + 8

        var svg = SVGBuilder()
        svg.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("width", SVGBuilder.number(width)),
                         ("height", SVGBuilder.number(height)),
                         ("viewBox", "0 0 \(SVGBuilder.number(width)) \(SVGBuilder.number(height))"),
                         ("font-family", "Helvetica, Arial, sans-serif"), ("font-size", "11")])
        svg.element("rect", [("x", "0"), ("y", "0"), ("width", SVGBuilder.number(width)),
                             ("height", SVGBuilder.number(height)), ("fill", "#ffffff")])
        svg.text("How transferable are features: \(experiment)",
                 [("x", SVGBuilder.number(left)), ("y", "22"), ("font-size", "14"), ("font-weight", "bold")])

        let accuracyRange = accuracyDomain(splits)
        for (index, split) in splits.enumerated() {
            let x0 = left + Double(index) * (plotWidth + gap)
            drawAccuracyPanel(&svg, split: split, x0: x0, domain: accuracyRange)
        }
        drawChangePanel(&svg, splits: splits, x0: left + Double(splits.count) * (plotWidth + gap))
        drawLegend(&svg, legend, top: legendTop, width: width)
        svg.close("svg")
        return svg.document
    }

    // MARK: Panels

    /// The x axis of all panels: n from −0.5 to max n + 0.5.
    static func xAxis(_ splits: [SplitResults], x0: Double) -> Axis {
        let maxN = splits.flatMap(\.layerCounts).max() ?? 7
        return Axis(lower: -0.5, upper: Double(maxN) + 0.5, start: x0, end: x0 + plotWidth)
    }

    static func drawAccuracyPanel(_ svg: inout SVGBuilder, split: SplitResults, x0: Double, domain: (Double, Double)) {
        let x = xAxis([split], x0: x0)
        let y = Axis(lower: domain.0, upper: domain.1, start: top + plotHeight, end: top)
        let kind = split.kind.isEmpty || split.kind == split.name ? "" : " (\(split.kind))"
        svg.open("g", [("class", "panel accuracy"), ("data-split", split.name)])
        drawFrame(&svg, x: x, y: y, title: "Split \(split.name)\(kind)",
                  yLabel: "Top-1 accuracy (%)", xTicks: [0] + split.layerCounts)

        let families = split.families
        // Bands first (beneath), then lines, then points.
        for family in families where !family.isReverse {   // reverse families: line only, no band
            let series = accuracySeries(split, family: family)
            drawBands(&svg, series: series, x: x, y: y, color: color(forFamily: family))
        }
        for family in families {
            let series = accuracySeries(split, family: family)
            drawLine(&svg, series: series, x: x, y: y, color: color(forFamily: family),
                     dash: family.isReverse ? "5 3" : "", family: family.rawValue, width: family.isReverse ? 1.2 : 1.8)
        }
        let offsets = familyOffsets(families)
        for record in split.records {
            let family = record.treatment
            let isBase = record.n == nil
            let offset = isBase ? (family == .baseA ? 0.07 : -0.07) : (offsets[family] ?? 0)
            let px = x.map(Double(record.n ?? 0) + offset + jitter(record.runID))
            let py = y.map(record.top1 * 100)
            let fill = color(forFamily: family)
            let stroke = family == .baseB ? "#202020" : fill
            svg.element("circle", [("class", "run"), ("data-family", family.rawValue),
                                   ("cx", SVGBuilder.number(px)), ("cy", SVGBuilder.number(py)),
                                   ("r", isBase ? "2.6" : "2.2"), ("fill", fill), ("fill-opacity", "0.8"),
                                   ("stroke", stroke), ("stroke-width", "0.6")],
                        title: "\(record.treatment)\(record.n.map { " n=\($0)" } ?? "") seed \(record.seed): "
                            + "\(ReportFormat.fixed(record.top1 * 100, 2))% (\(record.runID))")
        }
        svg.close("g")
    }

    static func drawChangePanel(_ svg: inout SVGBuilder, splits: [SplitResults], x0: Double) {
        let x = xAxis(splits, x0: x0)
        let allSeries = changeSeries(splits)
        let paper = paperSeries(splits)
        var low = 0.0, high = 0.0
        for reference in paper { for point in reference.points { low = min(low, point.y); high = max(high, point.y) } }
        for entry in allSeries {
            for point in entry.series {
                low = min(low, point.mean, point.low ?? point.mean)
                high = max(high, point.mean, point.high ?? point.mean)
            }
            for point in entry.pairs { low = min(low, point.value); high = max(high, point.value) }
        }
        let pad = (high - low) * 0.04
        let ticks = NiceTicks(low: low - pad, high: high + pad)
        let y = Axis(lower: ticks.lower, upper: ticks.upper, start: top + plotHeight, end: top)
        svg.open("g", [("class", "panel change")])
        drawFrame(&svg, x: x, y: y, title: "Change vs base (AnB, randomNB)",
                  yLabel: "Change vs base (percentage points)",
                  xTicks: Array(Set([0] + splits.flatMap(\.layerCounts))).sorted(), yTicks: ticks)
        svg.element("line", [("class", "zero"), ("x1", SVGBuilder.number(x.start)), ("x2", SVGBuilder.number(x.end)),
                             ("y1", SVGBuilder.number(y.map(0))), ("y2", SVGBuilder.number(y.map(0))),
                             ("stroke", "#000000"), ("stroke-width", "1"), ("stroke-dasharray", "3 3")])
        for reference in paper {
            svg.element("polyline", [("class", "paper"), ("data-kind", reference.kind),
                                     ("points", SVGBuilder.points(reference.points.map { (x: x.map($0.x), y: y.map($0.y)) })),
                                     ("fill", "none"), ("stroke", paperColor), ("stroke-width", "1.4"),
                                     ("stroke-dasharray", reference.dash)])
        }
        for entry in allSeries {
            drawBands(&svg, series: entry.series, x: x, y: y, color: color(forFamily: entry.family))
        }
        for entry in allSeries {
            let c = color(forFamily: entry.family)
            for pair in entry.pairs {
                svg.element("circle", [("class", "pair"), ("cx", SVGBuilder.number(x.map(pair.x + entry.offset))),
                                       ("cy", SVGBuilder.number(y.map(pair.value))), ("r", "1.6"),
                                       ("fill", c), ("fill-opacity", "0.45")])
            }
        }
        for entry in allSeries {
            drawLine(&svg, series: entry.series, x: x, y: y, color: color(forFamily: entry.family),
                     dash: entry.dash, family: "\(entry.family) (\(entry.split))")
        }
        if allSeries.isEmpty {
            svg.text("no AnB or randomNB runs", [("x", SVGBuilder.number((x.start + x.end) / 2)),
                                                 ("y", SVGBuilder.number(top + plotHeight / 2)),
                                                 ("text-anchor", "middle"), ("fill", "#808080")])
        }
        svg.close("g")
    }

    /// Frame, grid, ticks, tick labels, axis labels and title of one panel.
    static func drawFrame(_ svg: inout SVGBuilder, x: Axis, y: Axis, title: String, yLabel: String,
                          xLabel: String = "Layer n copied (0 = base)", xTicks: [Int], yTicks: NiceTicks? = nil) {
        let ticks = yTicks ?? NiceTicks(low: y.lower, high: y.upper)
        for value in ticks.values {
            let py = SVGBuilder.number(y.map(value))
            svg.element("line", [("x1", SVGBuilder.number(x.start)), ("x2", SVGBuilder.number(x.end)),
                                 ("y1", py), ("y2", py), ("stroke", "#e6e6e6"), ("stroke-width", "1")])
            svg.element("line", [("x1", SVGBuilder.number(x.start - 4)), ("x2", SVGBuilder.number(x.start)),
                                 ("y1", py), ("y2", py), ("stroke", "#000000"), ("stroke-width", "1")])
            svg.text(ticks.label(value), [("x", SVGBuilder.number(x.start - 7)), ("y", SVGBuilder.number(y.map(value) + 3.5)),
                                          ("text-anchor", "end")])
        }
        for n in xTicks {
            let px = SVGBuilder.number(x.map(Double(n)))
            svg.element("line", [("x1", px), ("x2", px), ("y1", SVGBuilder.number(y.start)),
                                 ("y2", SVGBuilder.number(y.start + 4)), ("stroke", "#000000"), ("stroke-width", "1")])
            svg.text(n == 0 ? "base" : String(n), [("x", px), ("y", SVGBuilder.number(y.start + 16)), ("text-anchor", "middle")])
        }
        svg.element("rect", [("x", SVGBuilder.number(x.start)), ("y", SVGBuilder.number(y.end)),
                             ("width", SVGBuilder.number(x.end - x.start)), ("height", SVGBuilder.number(y.start - y.end)),
                             ("fill", "none"), ("stroke", "#000000"), ("stroke-width", "1")])
        svg.text(title, [("x", SVGBuilder.number((x.start + x.end) / 2)), ("y", SVGBuilder.number(y.end - 10)),
                         ("text-anchor", "middle"), ("font-size", "12"), ("font-weight", "bold")])
        svg.text(xLabel, [("x", SVGBuilder.number((x.start + x.end) / 2)), ("y", SVGBuilder.number(y.start + 34)),
                          ("text-anchor", "middle")])
        let cx = x.start - 44, cy = (y.start + y.end) / 2
        svg.text(yLabel, [("x", SVGBuilder.number(cx)), ("y", SVGBuilder.number(cy)), ("text-anchor", "middle"),
                          ("transform", "rotate(-90 \(SVGBuilder.number(cx)) \(SVGBuilder.number(cy)))")])
    }

    /// Semi-transparent 95% CI bands over each run of consecutive points with a defined CI.
    static func drawBands(_ svg: inout SVGBuilder, series: [SeriesPoint], x: Axis, y: Axis, color: String) {
        var segment: [SeriesPoint] = []
        func flush(_ svg: inout SVGBuilder) {
            if segment.count >= 2 {
                let upper = segment.map { (x: x.map($0.x), y: y.map($0.high ?? $0.mean)) }
                let lower = segment.reversed().map { (x: x.map($0.x), y: y.map($0.low ?? $0.mean)) }
                svg.element("polygon", [("class", "band"), ("points", SVGBuilder.points(upper + lower)),
                                        ("fill", color), ("fill-opacity", "0.18"), ("stroke", "none")])
            }
            segment = []
        }
        for point in series {
            if point.low != nil, point.high != nil { segment.append(point) } else { flush(&svg) }
        }
        flush(&svg)
    }

    static func drawLine(_ svg: inout SVGBuilder, series: [SeriesPoint], x: Axis, y: Axis, color: String,
                         dash: String, family: String, width: Double = 1.8) {
        guard !series.isEmpty else { return }
        let stroke = color == "#ffffff" ? "#202020" : color
        var attributes: [(String, String)] = [
            ("class", "mean"), ("data-family", family),
            ("points", SVGBuilder.points(series.map { (x: x.map($0.x), y: y.map($0.mean)) })),
            ("fill", "none"), ("stroke", stroke), ("stroke-width", SVGBuilder.number(width)), ("stroke-linejoin", "round"),
        ]
        if !dash.isEmpty { attributes.append(("stroke-dasharray", dash)) }
        svg.element("polyline", attributes)
    }

    // MARK: Data

    /// One point of a mean line: x = n, mean and (when k ≥ 2) the 95% CI.
    struct SeriesPoint {
        var x: Double, mean: Double, low: Double?, high: Double?
        init(x: Double, _ summary: SampleSummary) {
            self.x = x
            self.mean = summary.mean ?? 0
            self.low = summary.confidenceInterval95?.lowerBound
            self.high = summary.confidenceInterval95?.upperBound
        }
    }

    /// The mean top-1 line of a family: its target's base at n = 0, then every n with runs.
    static func accuracySeries(_ split: SplitResults, family: TreatmentFamily) -> [SeriesPoint] {
        var series: [SeriesPoint] = []
        let base = split.top1(family.comparisonBase, n: nil)
        if base.count > 0 { series.append(SeriesPoint(x: 0, base)) }
        for n in split.layerCounts {
            let cell = split.top1(family, n: n)
            if cell.count > 0 { series.append(SeriesPoint(x: Double(n), cell)) }
        }
        return series
    }

    struct ChangeSeries {
        var family: TreatmentFamily, split: String, dash: String, offset: Double
        var series: [SeriesPoint]
        var pairs: [(x: Double, value: Double)]
    }

    /// AnB and randomNB of every split: per-n paired change (0 at n = 0), dashed by split.
    static func changeSeries(_ splits: [SplitResults]) -> [ChangeSeries] {
        var result: [ChangeSeries] = []
        for (splitIndex, split) in splits.enumerated() {
            for family in changeFamilies where split.families.contains(family) {
                var series = [SeriesPoint(x: 0, SampleSummary([0]))]
                var pairs: [(x: Double, value: Double)] = []
                for n in split.layerCounts {
                    let changes = split.changeBySeed(family, n: n)
                    for seed in changes.keys.sorted() {
                        if let value = changes[seed] { pairs.append((Double(n), value)) }
                    }
                    let cell = split.change(family, n: n)
                    if cell.count > 0 { series.append(SeriesPoint(x: Double(n), cell)) }
                }
                guard series.count > 1 else { continue }
                let offset = (Double(result.count) - 1.5) * 0.06
                result.append(ChangeSeries(family: family, split: split.name, dash: dashes[splitIndex % dashes.count],
                                           offset: offset, series: series, pairs: pairs))
            }
        }
        return result
    }

    /// The paper's reference lines in the change panel.
    static let paperColor = "#6b4f2a"

    /// The paper's AnB change vs base (from `PaperReference`), one line per split kind present:
    /// similar, and dissimilar (both directions averaged). Its random-filter curve (down to
    /// −57 points) is left out: it would flatten every other line.
    static func paperSeries(_ splits: [SplitResults]) -> [(kind: String, dash: String, points: [(x: Double, y: Double)])] {
        let kinds = ["similar", "dissimilar"].filter { kind in splits.contains { $0.kind == kind && $0.families.contains(.AnB) } }
        return kinds.map { kind in
            let points = [(x: 0.0, y: 0.0)] + (1...7).compactMap { n in
                PaperReference.change(.AnB, n: n, kind: kind).map { (x: Double(n), y: $0) }
            }
            return (kind, kind == "similar" ? "1 3" : "7 2 1 2", points)
        }
    }

    /// The shared y range of the accuracy panels: all runs and CI bounds, padded.
    static func accuracyDomain(_ splits: [SplitResults]) -> (Double, Double) {
        var low = Double.infinity, high = -Double.infinity
        for split in splits {
            for record in split.records where record.top1.isFinite {
                low = min(low, record.top1 * 100); high = max(high, record.top1 * 100)
            }
            for family in split.families {
                for point in accuracySeries(split, family: family) {
                    if let l = point.low, l.isFinite { low = min(low, l) }
                    if let h = point.high, h.isFinite { high = max(high, h) }
                }
            }
        }
        if !low.isFinite || !high.isFinite { return (0, 100) }
        let pad = (high - low) * 0.04
        let ticks = NiceTicks(low: low - pad, high: high + pad)
        return (ticks.lower, ticks.upper)
    }

    /// Horizontal offsets that separate the families' points at the same n.
    static func familyOffsets(_ families: [TreatmentFamily]) -> [TreatmentFamily: Double] {
        var offsets: [TreatmentFamily: Double] = [:]
        let spacing = families.count > 4 ? 0.55 / Double(families.count) : 0.12
        for (index, family) in families.enumerated() {
            offsets[family] = (Double(index) - Double(families.count - 1) / 2) * spacing
        }
        return offsets
    }

    /// Deterministic jitter in [−0.03, 0.03] from the run id (FNV-1a, not Swift's seeded Hasher).
    static func jitter(_ runID: String) -> Double {
        (Double(fnv1a(runID) % 10_001) / 10_000 - 0.5) * 0.06
    }

    // MARK: Legend

    struct LegendEntry {
        var label: String, color: String, dash: String, point: Bool, line: Bool
    }

    static func legendEntries(_ splits: [SplitResults]) -> [LegendEntry] {
        var entries: [LegendEntry] = []
        let presentBases = TreatmentFamily.bases.filter { base in splits.contains { $0.records.contains { $0.treatment == base } } }
        for base in presentBases {
            entries.append(LegendEntry(label: base.rawValue, color: color(forFamily: base), dash: "", point: true, line: false))
        }
        for family in Set(splits.flatMap(\.families)).sorted() {
            entries.append(LegendEntry(label: family.rawValue, color: color(forFamily: family),
                                       dash: family.isReverse ? "5 3" : "", point: true, line: true))
        }
        for series in changeSeries(splits) {
            entries.append(LegendEntry(label: "\(series.family) change (\(series.split))", color: color(forFamily: series.family),
                                       dash: series.dash, point: false, line: true))
        }
        for reference in paperSeries(splits) {
            entries.append(LegendEntry(label: "paper AnB (\(reference.kind == "similar" ? "similar" : "dissimilar, both ways"))",
                                       color: paperColor, dash: reference.dash, point: false, line: true))
        }
        entries.append(LegendEntry(label: "band: 95% CI", color: "#808080", dash: "", point: false, line: false))
        return entries
    }

    static func legendWidth(_ entry: LegendEntry) -> Double { 34 + Double(entry.label.count) * 6.2 + 14 }

    /// Positions of the legend entries, wrapping into rows; returns the row count.
    static func layoutLegend(_ entries: [LegendEntry], width: Double) -> (positions: [(x: Double, row: Int)], rows: Int) {
        var positions: [(x: Double, row: Int)] = []
        var x = left, row = 0
        for entry in entries {
            let w = legendWidth(entry)
            if x + w > width - right, x > left { x = left; row += 1 }
            positions.append((x, row))
            x += w
        }
        return (positions, entries.isEmpty ? 0 : row + 1)
    }

    static func drawLegend(_ svg: inout SVGBuilder, _ entries: [LegendEntry], top legendTop: Double, width: Double) {
        let layout = layoutLegend(entries, width: width)
        svg.open("g", [("class", "legend")])
        for (entry, position) in zip(entries, layout.positions) {
            let cy = legendTop + Double(position.row) * 18
            let x = position.x
            let stroke = entry.color == "#ffffff" ? "#202020" : entry.color
            if entry.line {
                var attributes: [(String, String)] = [("x1", SVGBuilder.number(x)), ("x2", SVGBuilder.number(x + 26)),
                                                      ("y1", SVGBuilder.number(cy)), ("y2", SVGBuilder.number(cy)),
                                                      ("stroke", stroke), ("stroke-width", "1.8")]
                if !entry.dash.isEmpty { attributes.append(("stroke-dasharray", entry.dash)) }
                svg.element("line", attributes)
            } else if !entry.point {
                svg.element("rect", [("x", SVGBuilder.number(x)), ("y", SVGBuilder.number(cy - 5)), ("width", "26"),
                                     ("height", "10"), ("fill", entry.color), ("fill-opacity", "0.25")])
            }
            if entry.point {
                svg.element("circle", [("cx", SVGBuilder.number(x + 13)), ("cy", SVGBuilder.number(cy)), ("r", "3"),
                                       ("fill", entry.color), ("stroke", stroke), ("stroke-width", "0.8")])
            }
            svg.text(entry.label, [("x", SVGBuilder.number(x + 32)), ("y", SVGBuilder.number(cy + 4))])
        }
        svg.close("g")
    }
}
