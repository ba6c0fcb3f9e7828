import Foundation
import Metrics
import Plots
import Testing
import TestSupport

/// The plots draw what they are given: cell counts and shares, curve points, markers; names are escaped.
@Suite("plots")
struct PlotTests {
    /// Rows true, columns predicted; class 2 is never predicted and class names need escaping.
    static let counts = [[5, 1, 0], [2, 3, 0], [0, 4, 0]]
    static let names = ["<cat>", "dog & co", "\"bird\""]

    @Test("confusion heat map: one cell per entry with its count, row share and shade; names escaped")
    func heatMap() throws {
        let svg = ConfusionHeatMap.draw(try ConfusionMatrix(counts: Self.counts), classNames: Self.names).document
        #expect(svg.contains("&lt;cat&gt;") && svg.contains("dog &amp; co") && svg.contains("&quot;bird&quot;"))
        let doc = try XMLElements(svg)
        let cells = doc.all("rect", class: "cell"), texts = doc.all("text", class: "count")
        try #require(cells.count == 9 && texts.count == 9)
        for (cell, text) in zip(cells, texts) {
            let t = Int(cell.attributes["data-true"]!)!, p = Int(cell.attributes["data-predicted"]!)!
            let rowTotal = Self.counts[t].reduce(0, +)
            #expect(cell.attributes["data-count"] == "\(Self.counts[t][p])")
            #expect(text.text == "\(Self.counts[t][p])")
            let share = Double(cell.attributes["data-share"]!)!
            #expect(share == Double(Self.counts[t][p]) / Double(rowTotal))
            #expect(cell.attributes["fill"] == Palette.blue(share))
            // the count sits at the centre of its cell
            let x = Double(cell.attributes["x"]!)!, w = Double(cell.attributes["width"]!)!
            #expect(abs(Double(text.attributes["x"]!)! - (x + w / 2)) < 0.01)
        }
        #expect(doc.all("text", class: "true-label").map(\.text) == Self.names)
        #expect(doc.all("text", class: "predicted-label").map(\.text) == Self.names)
        #expect(doc.all("text", class: "row-total").map(\.text) == ["6", "5", "4"])
        #expect(Palette.blue(0) == "#f7fbff" && Palette.blue(1) == "#08306b")
    }

    /// Scores 0.9 0.8 0.8 0.6 0.6 0.3 with truth + − + + − −: ties at 0.8 (one of each) and 0.6.
    @Test("ROC plot: the polyline's points are the curve's points, ties as diagonal steps; markers where given")
    func rocPoints() throws {
        let curve = try ROCCurve(scores: [0.9, 0.8, 0.8, 0.6, 0.6, 0.3],
                                 isPositive: [true, false, true, true, false, false])
        let expected: [(Double, Double)] = [(0, 0), (0, 1.0 / 3), (1.0 / 3, 2.0 / 3), (2.0 / 3, 1), (1, 1)]
        #expect(curve.points.map { ($0.falsePositiveRate, $0.truePositiveRate) }.elementsEqual(expected) { $0 == $1 })
        let marker = ROCMarker(label: "Youden <0.8>", falsePositiveRate: 1.0 / 3, truePositiveRate: 2.0 / 3)
        let untouched = try ROCCurve(scores: [0.5, 0.5], isPositive: [true, true])   // no negatives: undefined
        let svg = ROCPlot.draw([ROCSeries(name: "pos & neg", curve: curve), ROCSeries(name: "none", curve: untouched)],
                               markers: [marker]).document
        let doc = try XMLElements(svg)
        let lines = doc.all("polyline", class: "roc")
        try #require(lines.count == 1)
        #expect(lines[0].attributes["data-class"] == "pos & neg")
        #expect(lines[0].attributes["data-auc"] == "\(curve.auc.value!)")
        let g = ROCPlot.geometry
        let drawn = lines[0].attributes["points"]!.split(separator: " ").map { pair -> (Double, Double) in
            let xy = pair.split(separator: ",").map { Double($0)! }
            return ((xy[0] - g.left) / g.size, 1 - (xy[1] - g.top) / g.size)
        }
        try #require(drawn.count == expected.count)
        for (d, e) in zip(drawn, expected) {
            #expect(abs(d.0 - e.0) < 0.01 / g.size && abs(d.1 - e.1) < 0.01 / g.size, "\(d) vs \(e)")
        }
        let circles = doc.all("circle", class: "marker")
        #expect(circles.count == 1 && circles[0].attributes["data-fpr"] == "\(1.0 / 3)")
        let legend = doc.all("text", class: "legend").map(\.text)
        #expect(legend == ["pos & neg (AUC 0.7778)", "none: AUC n/a (no negative samples for this class)", "Youden <0.8>"])
        #expect(abs(curve.auc.value! - 7.0 / 9) < 1e-15)   // of 9 pairs 6 ordered, 2 tied (½ each), 1 reversed
    }

    @Test("a report's plots: K > 2 draws every class; binary the positive class with Youden and decision points; labels only no ROC")
    func reportPlots() throws {
        let three = try EvaluationReport.compute(.probabilities([0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4, 0.5, 0.1, 0.4]),
                                                 labels: [0, 1, 2, 2], classNames: ["a", "b", "c"])
        #expect(try XMLElements(EvaluationPlots.roc(three)!.document).all("polyline", class: "roc").count == 3)
        let binary = try EvaluationReport.compute(.binaryProbabilities([0.9, 0.2, 0.4, 0.6]), labels: [1, 0, 1, 0],
                                                  classNames: ["n", "p"])
        let doc = try XMLElements(EvaluationPlots.roc(binary)!.document)
        #expect(doc.all("polyline", class: "roc").map { $0.attributes["data-class"] } == ["p"])
        let markers = doc.all("circle", class: "marker")
        // predictions at 0.5: TP 1 (0.9), FN 1 (0.4), FP 1 (0.6), TN 1 → (FPR ½, TPR ½)
        #expect(markers.map { $0.attributes["data-tpr"] } == ["\(binary.youden!.truePositiveRate)", "0.5"])
        let labels = try EvaluationReport.compute(confusionMatrix: ConfusionMatrix(counts: [[1, 2], [0, 3]]),
                                                  classNames: ["n", "p"])
        #expect(EvaluationPlots.roc(labels) == nil)
        #expect(EvaluationPlots.files(labels).map(\.name) == ["confusion.svg"])
        #expect(EvaluationPlots.files(binary).map(\.name) == ["confusion.svg", "roc.svg"])
    }
}
