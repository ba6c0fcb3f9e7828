import Foundation
import Metrics

/// A confusion matrix as a heat map: rows = true class, columns = predicted class, each cell
/// shaded by its share of the row (so the diagonal shows each class's recall) and labelled with
/// its count; the row totals stand at the right.
///
/// Every cell is a `<rect class="cell">` with `data-true`, `data-predicted`, `data-count` and
/// `data-share` and a `<title>` tooltip, followed by its `<text class="count">`, so the drawing
/// can be checked against the matrix.
public enum ConfusionHeatMap {
    public static func draw(_ matrix: ConfusionMatrix, classNames: [String],
                            title: String = "Confusion matrix") -> SVGBuilder {
        let k = matrix.classCount
        let cell = min(56, max(22, 440 / Double(k)))
        let nameWidth = min(200, (classNames.map { Palette.textWidth($0) }.max() ?? 0) + 10)
        let left = 34 + nameWidth, top = 62 + nameWidth * 0.72
        let width = left + Double(k) * cell + 70, height = top + Double(k) * cell + 20
        var svg = SVGBuilder()
        svg.open("svg", Frame.svgAttributes(width: width, height: height, label: title))
        Frame.title(&svg, title, x: 10)
        drawLabels(&svg, classNames: classNames, left: left, top: top, cell: cell)
        let support = matrix.support
        let fontSize = SVGBuilder.number(min(12, cell * 0.38))
        for t in 0..<k {
            for p in 0..<k {
                let count = matrix[t, p]
                let share = support[t] == 0 ? 0 : Double(count) / Double(support[t])
                let x = left + Double(p) * cell, y = top + Double(t) * cell
                svg.element("rect", [("class", "cell"), ("data-true", "\(t)"), ("data-predicted", "\(p)"),
                                     ("data-count", "\(count)"), ("data-share", "\(share)"),
                                     ("x", SVGBuilder.number(x)), ("y", SVGBuilder.number(y)),
                                     ("width", SVGBuilder.number(cell)), ("height", SVGBuilder.number(cell)),
                                     ("fill", Palette.blue(share)), ("stroke", "#ffffff")],
                            title: "true \(classNames[t]), predicted \(classNames[p]): \(count) "
                                + "(\(ReportFormat.fixed(100 * share, 1))% of \(classNames[t]))")
                svg.text("\(count)", [("class", "count"), ("x", SVGBuilder.number(x + cell / 2)),
                                      ("y", SVGBuilder.number(y + cell / 2 + 4)), ("text-anchor", "middle"),
                                      ("font-size", fontSize), ("fill", share > 0.55 ? "#ffffff" : "#202020")])
            }
            svg.text("\(support[t])", [("class", "row-total"), ("x", SVGBuilder.number(left + Double(k) * cell + 8)),
                                       ("y", SVGBuilder.number(top + Double(t) * cell + cell / 2 + 4))])
        }
        svg.close("svg")
        return svg
    }

    /// Class names left of the rows and (slanted) above the columns, and the axis titles.
    private static func drawLabels(_ svg: inout SVGBuilder, classNames: [String], left: Double, top: Double,
                                   cell: Double) {
        let k = Double(classNames.count)
        for (i, name) in classNames.enumerated() {
            let y = top + Double(i) * cell + cell / 2 + 4
            svg.text(name, [("class", "true-label"), ("x", SVGBuilder.number(left - 6)), ("y", SVGBuilder.number(y)),
                            ("text-anchor", "end")])
            let x = left + Double(i) * cell + cell / 2 + 4
            svg.text(name, [("class", "predicted-label"), ("x", SVGBuilder.number(x)), ("y", SVGBuilder.number(top - 6)),
                            ("transform", "rotate(-45 \(SVGBuilder.number(x)) \(SVGBuilder.number(top - 6)))")])
        }
        svg.text("predicted class", [("x", SVGBuilder.number(left + k * cell / 2)), ("y", "44"),
                                     ("text-anchor", "middle"), ("font-weight", "bold")])
        let middle = SVGBuilder.number(top + k * cell / 2)
        svg.text("true class", [("x", "16"), ("y", middle), ("text-anchor", "middle"), ("font-weight", "bold"),
                                ("transform", "rotate(-90 16 \(middle))")])
        svg.text("n", [("x", SVGBuilder.number(left + k * cell + 8)), ("y", SVGBuilder.number(top - 6)),
                       ("font-weight", "bold")])
    }
}

/// The outer `<svg>` element and title every plot shares.
enum Frame {
    static func svgAttributes(width: Double, height: Double, label: String) -> [(String, String)] {
        [("xmlns", "http://www.w3.org/2000/svg"), ("width", SVGBuilder.number(width)),
         ("height", SVGBuilder.number(height)),
         ("viewBox", "0 0 \(SVGBuilder.number(width)) \(SVGBuilder.number(height))"),
         ("role", "img"), ("aria-label", label),
         ("font-family", "Helvetica, Arial, sans-serif"), ("font-size", "11")]
    }

    static func title(_ svg: inout SVGBuilder, _ text: String, x: Double) {
        svg.element("rect", [("x", "0"), ("y", "0"), ("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])
        svg.text(text, [("x", SVGBuilder.number(x)), ("y", "20"), ("font-size", "14"), ("font-weight", "bold")])
    }
}
