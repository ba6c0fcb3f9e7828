import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Metrics
import Testing
@testable import Experiments

/// cka.csv, cka.md and the heat maps from hand-made rows (no networks).
@Suite("CKA report")
struct CKAReportTests {
    static func row(_ netA: String, _ netB: String, _ layer: String, _ value: Double?, seed: Int = 0, seedB: Int? = nil) -> CKARow {
        CKARow(split: "similar", direction: "A→B", seed: seed, netA: netA, netB: netB, seedB: seedB ?? seed, layer: layer,
               images: 1000, cka: value.map(MetricValue.defined) ?? .undefined("every feature is constant, \"dead\""))
    }

    static let rows: [CKARow] = {
        var rows: [CKARow] = []
        let layers = ["conv1", "conv2", "fc7"]
        for seed in [0, 1] {
            for (i, layer) in layers.enumerated() {
                rows.append(row("baseA", "baseB", layer, [0.9, 0.6, 0.3][i] + 0.02 * Double(seed), seed: seed))
                rows.append(row("baseA", "A1B+", layer, [0.95, 0.7, 0.2][i], seed: seed))
                rows.append(row("baseA", "A2B+", layer, [0.97, 0.8, 0.25][i], seed: seed))
                rows.append(row("baseB", "B2B+", layer, layer == "fc7" ? nil : 0.99, seed: seed))
            }
        }
        for layer in layers { rows.append(row("baseB", "baseB", layer, 0.8, seed: 0, seedB: 1)) }
        return rows
    }()

    @Test("cka.csv: tidy, round-tripping values, undefined as an empty cell with its reason (quoted), never NaN")
    func csv() {
        let text = CKAReport.csv(Self.rows)
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "split,direction,seed,net_a,net_b,seed_b,layer,images,cka,undefined_reason")
        #expect(lines.count == 1 + Self.rows.count)
        #expect(lines[1] == "similar,A→B,0,baseA,baseB,0,conv1,1000,0.9,")
        #expect(lines.contains { $0 == "similar,A→B,0,baseB,B2B+,0,fc7,1000,,\"every feature is constant, \"\"dead\"\"\"" })
        #expect(!text.lowercased().contains("nan"))
    }

    @Test("summary: first layer below the threshold, fine-tuned layers vs their source over n ≥ layer")
    func summary() {
        let lines = CKAReport.summaryLines(rows: Self.rows, threshold: 0.7)
        #expect(lines == ["similar A→B: baseA–baseB CKA first falls below 0.70 at conv2 (0.61); "
                          + "AnB+'s fine-tuned copied layers vs baseA: conv1 0.96, conv2 0.80"])
        let high = CKAReport.summaryLines(rows: Self.rows, threshold: 0.2)
        #expect(high[0].hasPrefix("similar A→B: baseA–baseB CKA stays ≥ 0.20 at every layer"))
    }

    @Test("cka.md and the heat map: means over seeds, undefined cells as —, no NaN")
    func markdownAndSVG() throws {
        var config = try ExperimentConfig.parse(Data(#"{"name": "t"}"#.utf8), file: "t.json")
        config.analysis.ckaThreshold = 0.7
        let means = CKAMeans(rows: Self.rows)
        let provenance = CKAProvenance(codeVersion: "0123abcd", configHash: String(repeating: "f", count: 64), threads: 2,
                                       netCodeVersions: ["aaaa": 3, "bbbb": 1])
        let md = CKAReport.markdown(means, config: config, provenance: provenance)
        #expect(md.contains("Computed by `transfer analyze` at code version 0123abcd from config ffffffffffff with 2 thread(s); "
                            + "the nets were trained by code version aaaa (3 runs), bbbb (1 run)."))
        #expect(md.contains("| layer | baseA–baseB | BnB+ vs baseB (copied layers) | AnB+ vs baseA (copied layers) | baseB across seeds |"))
        #expect(md.contains("| conv1 | 0.91 | 0.99 | 0.96 | 0.80 |"))
        #expect(md.contains("| fc7 | 0.31 | — | — | 0.80 |"), "fc7 is copied by no n ≤ 2; B2B+ fc7 undefined")
        let svg = CKAHeatMap.svg(means, split: "similar", experiment: "t")
        #expect(svg.contains("AnB+ vs baseA") && svg.contains("BnB+ vs baseB") && svg.contains("baseB × seeds"))
        #expect(svg.contains(">—</text>"), "undefined cell")
        #expect(!svg.lowercased().contains("nan"))
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "well-formed XML")
    }

    @Test("config: analysis.cka_images and cka_threshold are checked, unknown keys rejected")
    func config() throws {
        func parse(_ analysis: String) throws -> ExperimentConfig {
            try ExperimentConfig.parse(Data(#"{"name": "t", "analysis": \#(analysis)}"#.utf8), file: "t.json")
        }
        #expect(try parse("{}").analysis == AnalysisConfig())
        #expect(try parse(#"{"cka_images": 2000}"#).analysis.ckaImages == 2000)
        for (bad, key) in [(#"{"cka_images": 3}"#, "analysis.cka_images"), (#"{"cka_threshold": 1.5}"#, "analysis.cka_threshold"),
                           (#"{"images": 10}"#, "analysis.images")] {
            #expect {
                try parse(bad)
            } throws: { error in
                let text = "\(error)"
                return text.contains("t.json") && text.contains(key)
            }
        }
    }
}
