import Foundation

/// One line of a `LinePlot`: (x, y) points in order.
public struct LineSeries: Sendable {
    public let name: String
    public let points: [(x: Double, y: Double)]

    public init(name: String, points: [(x: Double, y: Double)]) {
        self.name = name
        self.points = points
    }
}

/// A small line chart (e.g. a training curve): nice ticks on both axes, one `<polyline
/// class="line">` per series with `data-series`, a point where a series has a single value.
public enum LinePlot {
    public static let geometry = (left: 58.0, top: 36.0, width: 320.0, height: 180.0)

    public static func draw(_ series: [LineSeries], title: String, xLabel: String, yLabel: String) -> SVGBuilder {
        let g = geometry
        let xs = series.flatMap { $0.points.map(\.x) }, ys = series.flatMap { $0.points.map(\.y) }
        let xt = NiceTicks(low: xs.min() ?? 0, high: xs.max() ?? 1), yt = NiceTicks(low: ys.min() ?? 0, high: ys.max() ?? 1)
        let x = Axis(lower: xt.lower, upper: xt.upper, start: g.left, end: g.left + g.width)
        let y = Axis(lower: yt.lower, upper: yt.upper, start: g.top + g.height, end: g.top)
        var svg = SVGBuilder()
        let width = g.left + g.width + 20, height = g.top + g.height + 44 + Double(series.count) * 16
        svg.open("svg", Frame.svgAttributes(width: width, height: height, label: title))
        Frame.title(&svg, title, x: g.left)
        for v in yt.values {
            let py = SVGBuilder.number(y.map(v))
            svg.element("line", [("x1", SVGBuilder.number(x.start)), ("y1", py), ("x2", SVGBuilder.number(x.end)),
                                 ("y2", py), ("stroke", "#e6e6e6")])
            svg.text(yt.label(v), [("x", SVGBuilder.number(x.start - 6)), ("y", SVGBuilder.number(y.map(v) + 4)),
                                   ("text-anchor", "end")])
        }
        for v in xt.values {
            svg.text(xt.label(v), [("x", SVGBuilder.number(x.map(v))), ("y", SVGBuilder.number(y.start + 14)),
                                   ("text-anchor", "middle")])
        }
        svg.element("rect", [("x", SVGBuilder.number(x.start)), ("y", SVGBuilder.number(y.end)),
                             ("width", SVGBuilder.number(g.width)), ("height", SVGBuilder.number(g.height)),
                             ("fill", "none"), ("stroke", "#404040")])
        svg.text(xLabel, [("x", SVGBuilder.number(x.start + g.width / 2)), ("y", SVGBuilder.number(y.start + 30)),
                          ("text-anchor", "middle")])
        svg.text(yLabel, [("x", "14"), ("y", SVGBuilder.number(g.top + g.height / 2)), ("text-anchor", "middle"),
                          ("transform", "rotate(-90 14 \(SVGBuilder.number(g.top + g.height / 2)))")])
        for (i, s) in series.enumerated() {
            let style = Palette.line(i)
            let mapped = s.points.map { (x: x.map($0.x), y: y.map($0.y)) }
            if mapped.count == 1 {
                svg.element("circle", [("class", "line"), ("data-series", s.name), ("cx", SVGBuilder.number(mapped[0].x)),
                                       ("cy", SVGBuilder.number(mapped[0].y)), ("r", "3"), ("fill", style.color)])
            } else if !mapped.isEmpty {
                svg.element("polyline", [("class", "line"), ("data-series", s.name), ("points", SVGBuilder.points(mapped)),
                                         ("fill", "none"), ("stroke", style.color), ("stroke-width", "1.6"),
                                         ("stroke-dasharray", style.dash)])
            }
            svg.text(s.name, [("x", SVGBuilder.number(x.start)), ("y", SVGBuilder.number(y.start + 46 + Double(i) * 16)),
                              ("fill", style.color)])
        }
        svg.close("svg")
        return svg
    }
}
