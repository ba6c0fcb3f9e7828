import Foundation
import Metrics

/// One curve of a ROC plot.
public struct ROCSeries: Sendable {
    public let name: String
    public let curve: ROCCurve

    public init(name: String, curve: ROCCurve) {
        self.name = name
        self.curve = curve
    }
}

/// A marked operating point on a ROC plot (e.g. the Youden threshold).
public struct ROCMarker: Sendable {
    public let label: String
    public let falsePositiveRate: Double
    public let truePositiveRate: Double

    public init(label: String, falsePositiveRate: Double, truePositiveRate: Double) {
        self.label = label
        self.falsePositiveRate = falsePositiveRate
        self.truePositiveRate = truePositiveRate
    }
}

/// ROC curves (TPR against FPR, both 0…1) with the chance diagonal, a legend with each curve's
/// AUC (or why it is undefined) and optional operating points.
///
/// Each curve is a `<polyline class="roc">` with `data-class` and `data-auc` whose points are
/// the curve's points in order, at x = left + FPR·size, y = top + (1 − TPR)·size (see
/// `ROCPlot.geometry`); markers are `<circle class="marker">` with `data-fpr` / `data-tpr`.
public enum ROCPlot {
    /// The square plot area: origin (FPR 0, TPR 0) at (left, top + size).
    public static let geometry = (left: 52.0, top: 40.0, size: 300.0)

    public static func draw(_ series: [ROCSeries], markers: [ROCMarker] = [], title: String = "ROC curves") -> SVGBuilder {
        let g = geometry
        let labels = series.map(legendLabel) + markers.map(\.label)
        let legendWidth = max(120, (labels.map { Palette.textWidth($0) }.max() ?? 0) + 40)
        let width = g.left + g.size + 24 + legendWidth
        let height = max(g.top + g.size + 44, g.top + Double(labels.count) * 18 + 20)
        let x = Axis(lower: 0, upper: 1, start: g.left, end: g.left + g.size)
        let y = Axis(lower: 0, upper: 1, start: g.top + g.size, end: g.top)
        var svg = SVGBuilder()
        svg.open("svg", Frame.svgAttributes(width: width, height: height, label: title))
        Frame.title(&svg, title, x: g.left)
        drawAxes(&svg, x: x, y: y)
        for (i, s) in series.enumerated() where !s.curve.points.isEmpty {
            let style = Palette.line(i)
            let points = s.curve.points.map { (x: x.map($0.falsePositiveRate), y: y.map($0.truePositiveRate)) }
            svg.element("polyline", [("class", "roc"), ("data-class", s.name),
                                     ("data-auc", s.curve.auc.value.map { "\($0)" } ?? "null"),
                                     ("points", SVGBuilder.points(points)), ("fill", "none"),
                                     ("stroke", style.color), ("stroke-width", "1.8"), ("stroke-dasharray", style.dash)],
                        title: legendLabel(s))
        }
        for (i, m) in markers.enumerated() {
            svg.element("circle", [("class", "marker"), ("data-fpr", "\(m.falsePositiveRate)"),
                                   ("data-tpr", "\(m.truePositiveRate)"),
                                   ("cx", SVGBuilder.number(x.map(m.falsePositiveRate))),
                                   ("cy", SVGBuilder.number(y.map(m.truePositiveRate))), ("r", "4"),
                                   ("fill", "none"), ("stroke", markerColor(i)), ("stroke-width", "1.5")], title: m.label)
        }
        drawLegend(&svg, series: series, markers: markers, left: g.left + g.size + 24, top: g.top)
        svg.close("svg")
        return svg
    }

    static func markerColor(_ i: Int) -> String { ["#d62728", "#000000", "#2ca02c"][i % 3] }

    static func legendLabel(_ s: ROCSeries) -> String {
        if let auc = s.curve.auc.value { return "\(s.name) (AUC \(ReportFormat.fixed(auc, 4)))" }
        return "\(s.name): AUC n/a (\(s.curve.auc.undefinedReason ?? "undefined"))"
    }

    private static func drawAxes(_ svg: inout SVGBuilder, x: Axis, y: Axis) {
        for tick in stride(from: 0.0, through: 1.0001, by: 0.2) {
            let px = SVGBuilder.number(x.map(tick)), py = SVGBuilder.number(y.map(tick))
            svg.element("line", [("x1", px), ("y1", SVGBuilder.number(y.start)), ("x2", px),
                                 ("y2", SVGBuilder.number(y.end)), ("stroke", "#e6e6e6")])
            svg.element("line", [("x1", SVGBuilder.number(x.start)), ("y1", py), ("x2", SVGBuilder.number(x.end)),
                                 ("y2", py), ("stroke", "#e6e6e6")])
            svg.text(ReportFormat.fixed(tick, 1), [("x", px), ("y", SVGBuilder.number(y.start + 14)),
                                                   ("text-anchor", "middle")])
            svg.text(ReportFormat.fixed(tick, 1), [("x", SVGBuilder.number(x.start - 6)),
                                                   ("y", SVGBuilder.number(y.map(tick) + 4)), ("text-anchor", "end")])
        }
        svg.element("rect", [("x", SVGBuilder.number(x.start)), ("y", SVGBuilder.number(y.end)),
                             ("width", SVGBuilder.number(x.end - x.start)), ("height", SVGBuilder.number(y.start - y.end)),
                             ("fill", "none"), ("stroke", "#404040")])
        svg.element("line", [("class", "chance"), ("x1", SVGBuilder.number(x.start)), ("y1", SVGBuilder.number(y.start)),
                             ("x2", SVGBuilder.number(x.end)), ("y2", SVGBuilder.number(y.end)),
                             ("stroke", "#a0a0a0"), ("stroke-dasharray", "4 3")])
        svg.text("false positive rate", [("x", SVGBuilder.number((x.start + x.end) / 2)),
                                         ("y", SVGBuilder.number(y.start + 32)), ("text-anchor", "middle")])
        let middle = SVGBuilder.number((y.start + y.end) / 2)
        svg.text("true positive rate", [("x", "14"), ("y", middle), ("text-anchor", "middle"),
                                        ("transform", "rotate(-90 14 \(middle))")])
    }

    private static func drawLegend(_ svg: inout SVGBuilder, series: [ROCSeries], markers: [ROCMarker],
                                   left: Double, top: Double) {
        var row = 0.0
        for (i, s) in series.enumerated() {
            let style = Palette.line(i), cy = top + 8 + row * 18
            svg.element("line", [("x1", SVGBuilder.number(left)), ("y1", SVGBuilder.number(cy)),
                                 ("x2", SVGBuilder.number(left + 24)), ("y2", SVGBuilder.number(cy)),
                                 ("stroke", style.color), ("stroke-width", "1.8"), ("stroke-dasharray", style.dash)])
            svg.text(legendLabel(s), [("class", "legend"), ("x", SVGBuilder.number(left + 30)),
                                      ("y", SVGBuilder.number(cy + 4))])
            row += 1
        }
        for (i, m) in markers.enumerated() {
            let cy = top + 8 + row * 18
            svg.element("circle", [("cx", SVGBuilder.number(left + 12)), ("cy", SVGBuilder.number(cy)), ("r", "4"),
                                   ("fill", "none"), ("stroke", markerColor(i)), ("stroke-width", "1.5")])
            svg.text(m.label, [("class", "legend"), ("x", SVGBuilder.number(left + 30)), ("y", SVGBuilder.number(cy + 4))])
            row += 1
        }
    }
}
