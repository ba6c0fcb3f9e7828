import Foundation
import Plots
import Testing
import TestSupport
#if canImport(FoundationXML)
import FoundationXML
#endif
import RecordFixtures
import Records
@testable import Reports

/// Parses XML with Foundation and counts elements by name and `class` attribute.
private final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var error: String?
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
        if let cls = attributes["class"] { counts["\(name).\(cls)", default: 0] += 1 }
    }
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = "\(parseError)" }

    static func parse(_ text: String) -> (ok: Bool, counts: [String: Int], error: String?) {
        let parser = XMLParser(data: Data(text.utf8))
        let counter = ElementCounter()
        parser.delegate = counter
        let ok = parser.parse()
        return (ok, counter.counts, counter.error)
    }
}

@Suite struct ReportFigureTests {
    @Test func figureIsValidXMLWithOnePointPerRun() throws {
        let records = ReportFixtures.fullSet()
        let svg = TransferFigure.svg(records: records, experiment: "exp")
        let parsed = ElementCounter.parse(svg)
        #expect(parsed.ok, "XML error: \(parsed.error ?? "?")")
        #expect(parsed.counts["circle.run"] == records.count)
        #expect(parsed.counts["svg"] == 1)
        // Mean lines for 9 families × 2 splits + 4 change series (AnB, randomNB per split); bands for
        // the 5 forward families × 2 splits + 4 change series; a zero line.
        #expect(parsed.counts["polyline.mean"] == 18 + 4)
        #expect(parsed.counts["polygon.band"] == 10 + 4)
        #expect(parsed.counts["line.zero"] == 1)
        // Paired changes shown faintly: AnB and randomNB × 7 n × 3 seeds × 2 splits.
        #expect(parsed.counts["circle.pair"] == 2 * 7 * 3 * 2)
        #expect(svg.contains("width=\"990.00\""))
    }

    @Test(.requires(.python(["xml.etree.ElementTree"])))
    func figureIsValidForPythonXMLParser() throws {
        let python = try Dependency.pythonInterpreter(["xml.etree.ElementTree"])
        let records = ReportFixtures.fullSet().filter { $0.seed != 2 }
        let svg = TransferFigure.svg(records: records, experiment: "<odd & \"name\">")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("report-figure-\(UUID().uuidString).svg")
        try Data(svg.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
        import sys, xml.etree.ElementTree as ET
        root = ET.parse(sys.argv[1]).getroot()
        ns = '{http://www.w3.org/2000/svg}'
        runs = [e for e in root.iter(ns + 'circle') if e.get('class') == 'run']
        title = [e.text for e in root.iter(ns + 'text')][0]
        print(len(runs)); print(title)
        """
        let result = try PythonEnvironment.run(python, script: script, arguments: [file.path])
        #expect(result.status == 0, "python: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == String(records.count))
        #expect(lines.dropFirst().first == "How transferable are features: <odd & \"name\">")
    }

    @Test func figureEscapesTextAndHandlesDegenerateInput() {
        let odd = [ReportFixtures.record(split: "a<b>&\"c\"", treatment: .AnB, n: 1, seed: 1, top1: 0.5, runID: "x&y")]
        for records in [[], odd, [ReportFixtures.record(treatment: .baseB, seed: 1, top1: 0.5)]] {
            let svg = TransferFigure.svg(records: records, experiment: "e'x")
            let parsed = ElementCounter.parse(svg)
            #expect(parsed.ok, "XML error: \(parsed.error ?? "?")")
            #expect((parsed.counts["circle.run"] ?? 0) == records.count)
            #expect(!svg.contains("nan") && !svg.contains("inf\""))
        }
    }

    @Test func figureJitterIsDeterministicAndSmall() {
        let a = TransferFigure.jitter("run-1"), b = TransferFigure.jitter("run-1"), c = TransferFigure.jitter("run-2")
        #expect(a == b)
        #expect(a != c)
        #expect(abs(a) <= 0.03 && abs(c) <= 0.03)
    }

    @Test func niceTicksCoverTheRange() {
        let ticks = NiceTicks(low: 54.1, high: 63.9)
        #expect(ticks.lower <= 54.1 && ticks.upper >= 63.9)
        #expect(ticks.step == 2)
        #expect(ticks.values.map(ticks.label) == ["54", "56", "58", "60", "62", "64"])
        let fine = NiceTicks(low: 52.9, high: 65.1)
        #expect(fine.step == 2.5)
        #expect(fine.values.map(fine.label) == ["52.5", "55.0", "57.5", "60.0", "62.5", "65.0", "67.5"])
    }
}
