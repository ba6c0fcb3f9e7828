import Foundation
import Records
import Storage

/// Writes the report files of one experiment: `<dir>/<split>/top1.csv`, `<dir>/<split>/top1.md`,
/// `<dir>/summary.md`, `<dir>/figure.svg`, `<dir>/compute.md` (run-minutes, machines, code
/// versions), `<dir>/sources.svg` (the source nets' validation
/// curves from their `train.log`) and, for a config with several target sizes,
/// `<dir>/transfer_benefit.csv` and `.svg`. Each file is written with `AtomicFile`, so readers
/// never see a half-written file.
public enum ReportWriter {
    /// Renders and writes all report files for the records of `experiment` (other experiments'
    /// records are ignored). Creates directories as needed; returns the written files in order.
    @discardableResult
    public static func write(records: [RunRecord], to directory: URL, experiment: String) throws -> [URL] {
        let selected = records.filter { $0.experiment == experiment }
        guard !selected.isEmpty else { throw ReportError.noRecords(experiment: experiment) }
        var outputs: [(URL, String)] = []
        for split in SplitResults.all(selected) {
            let name = split.name
            guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.contains("\0") else {
                throw ReportError.invalidSplitName(name)
            }
            let folder = directory.appendingPathComponent(name, isDirectory: true)
            outputs.append((folder.appendingPathComponent("top1.csv"), Top1Table.csv(records: selected, split: name)))
            outputs.append((folder.appendingPathComponent("top1.md"),
                            Top1Table.markdown(records: selected, split: name, experiment: experiment)))
        }
        outputs.append((directory.appendingPathComponent("summary.md"),
                        SummaryReport.markdown(records: selected, experiment: experiment)))
        outputs.append((directory.appendingPathComponent("figure.svg"),
                        TransferFigure.svg(records: selected, experiment: experiment)))
        outputs.append((directory.appendingPathComponent("compute.md"), ComputeSummary.document(selected, experiment: experiment)))
        let sources = SourceCurves.curves(selected, experimentDirectory: directory)
        if !sources.isEmpty {
            outputs.append((directory.appendingPathComponent("sources.svg"), SourceCurves.svg(sources)))
        }
        let benefit = TransferBenefit.points(selected)
        if !benefit.isEmpty {
            outputs.append((directory.appendingPathComponent("transfer_benefit.csv"), TransferBenefit.csv(benefit)))
            outputs.append((directory.appendingPathComponent("transfer_benefit.svg"), TransferBenefit.svg(benefit, experiment: experiment)))
        }
        for (url, text) in outputs { try writeAtomically(text, to: url) }
        return outputs.map(\.0)
    }

    /// Writes `text` (UTF-8) over `url` with `AtomicFile`; failures become `ReportError.writeFailed`.
    public static func writeAtomically(_ text: String, to url: URL) throws {
        do { try AtomicFile.write(text, to: url) } catch let failure as AtomicFile.Failure {
            throw ReportError.writeFailed(path: failure.path, reason: failure.reason)
        }
    }
}
