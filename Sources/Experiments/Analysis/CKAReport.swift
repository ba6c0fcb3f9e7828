import Foundation
import Plots
import Records
import Reports

/// The outputs of `transfer analyze`: `cka.csv` (tidy, one row per comparison and layer),
/// `cka-<split>.svg` (heat maps, beside `figure.svg`) and `cka.md` (the summary), all under
/// `results/<experiment>/`, each written atomically and only after every row is computed.
public enum CKAReport {
    /// Renders every file, then writes them; returns their URLs.
    @discardableResult
    public static func write(rows: [CKARow], config: ExperimentConfig, provenance: CKAProvenance,
                             to directory: URL) throws -> [URL] {
        let means = CKAMeans(rows: rows)
        var outputs = [(directory.appendingPathComponent("cka.csv"), csv(rows))]
        for split in means.splits {
            outputs.append((directory.appendingPathComponent("cka-\(split).svg"),
                            CKAHeatMap.svg(means, split: split, experiment: config.name)))
        }
        outputs.append((directory.appendingPathComponent("cka.md"), markdown(means, config: config, provenance: provenance)))
        for (url, text) in outputs { try ReportWriter.writeAtomically(text, to: url) }
        return outputs.map(\.0)
    }

    /// `cka.csv`: the header and one line per row.
    public static func csv(_ rows: [CKARow]) -> String {
        ([CKARow.csvHeader] + rows.map(\.csvLine)).joined(separator: "\n") + "\n"
    }

    /// One line per split and direction: where baseX–baseY similarity first drops below
    /// `threshold`, and how similar fine-tuned transferred layers stay to their source.
    public static func summaryLines(rows: [CKARow], threshold: Double) -> [String] {
        let means = CKAMeans(rows: rows)
        return means.splits.flatMap { split in
            means.directions(split).map { summaryLine(means, split, $0, threshold: threshold) }
        }
    }

    static func summaryLine(_ means: CKAMeans, _ split: String, _ direction: String, threshold: Double) -> String {
        let (source, target) = means.bases(split, direction)
        let t = ReportFormat.fixed(threshold, 2)
        var line = "\(split) \(direction): \(source)–\(target) CKA "
        let drop = means.layers.first { (means.mean(split, direction, source, target, layer: $0).value ?? 1) < threshold }
        if let drop, let value = means.mean(split, direction, source, target, layer: drop).value {
            line += "first falls below \(t) at \(drop) (\(ReportFormat.fixed(value, 2)))"
        } else {
            line += "stays ≥ \(t) at every layer"
        }
        if let tuned = fineTuned(means, split, direction) {
            let values = means.layers.compactMap { layer in
                means.copiedMean(split, direction, base: source, family: tuned, layer: layer)
                    .map { "\(layer) \(ReportFormat.fixed($0, 2))" }
            }
            if !values.isEmpty {
                line += "; \(tuned.rawValue)'s fine-tuned copied layers vs \(source): " + values.joined(separator: ", ")
            }
        }
        return line
    }

    /// The fine-tuned transfer family of a direction (AnB+ for A→B), if it was analyzed.
    static func fineTuned(_ means: CKAMeans, _ split: String, _ direction: String) -> TreatmentFamily? {
        means.families(split, direction).first { $0.fineTuned && $0.source != $0.target }
    }

    /// The families compared in the summary table of a direction: transfer and selffer, fine-tuned.
    static func tunedFamilies(_ means: CKAMeans, _ split: String, _ direction: String) -> [TreatmentFamily] {
        means.families(split, direction).filter(\.fineTuned)
    }
}
