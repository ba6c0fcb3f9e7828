import Foundation
import Plots
import Reports

extension CKAReport {
    /// `cka.md`: per split and direction, the summary line and a per-layer table of mean CKA over
    /// seeds — the two bases, each fine-tuned family vs the base it copied (over the layers it
    /// copied, n ≥ the layer), and the target base against itself across seeds.
    static func markdown(_ means: CKAMeans, config: ExperimentConfig, provenance: CKAProvenance) -> String {
        let threshold = config.analysis.ckaThreshold
        var lines = ["# Layer similarity (linear CKA): experiment \(MarkdownCells.escape(config.name))", ""]
        lines.append("Unbiased linear CKA (Kornblith et al. 2019 with the HSIC U-statistic of Song et al. 2012) "
                     + "between corresponding layers (after ReLU; pooled layers after pooling), on a fixed sample "
                     + "of up to \(config.analysis.ckaImages) test images of each direction's target task. "
                     + "Cells: mean over seeds; \"—\" = undefined or absent. Every value, per seed: `cka.csv`.")
        lines.append("")
        lines.append(provenance.markdownLine)
        lines.append("")
        for split in means.splits {
            for direction in means.directions(split) {
                let (source, target) = means.bases(split, direction)
                lines.append("## \(MarkdownCells.escape(split)), \(direction)")
                lines.append("")
                lines.append(summaryLine(means, split, direction, threshold: threshold) + ".")
                lines.append("")
                let tuned = tunedFamilies(means, split, direction)
                lines += MarkdownCells.header(["layer", "\(source)–\(target)"]
                    + tuned.map { "\($0.rawValue) vs \($0.requiredBase!.rawValue) (copied layers)" }
                    + ["\(target) across seeds"])
                for layer in means.layers {
                    var cells = [layer, cell(means.mean(split, direction, source, target, layer: layer).value)]
                    cells += tuned.map {
                        cell(means.copiedMean(split, direction, base: $0.requiredBase!.rawValue, family: $0, layer: layer))
                    }
                    cells.append(cell(means.mean(split, direction, target, target, layer: layer, acrossSeeds: true).value))
                    lines.append(MarkdownCells.row(cells))
                }
                lines.append("")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func cell(_ value: Double?) -> String { value.map { ReportFormat.fixed($0, 2) } ?? ReportFormat.missing }
}
