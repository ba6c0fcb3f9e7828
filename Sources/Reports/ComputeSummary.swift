import Foundation
import Plots
import Records

/// Where a study's compute went, from its records alone: run-minutes by kind of run and the
/// share of them spent in training steps, the machines (CPU, ISA, threads per run), the code
/// versions, and the span from the first run's start to the last run's end. Written as
/// `compute.md`, apart from `summary.md`: the results of two sweeps of one config are the same,
/// their timings are not.
enum ComputeSummary {
    /// `compute.md`.
    static func document(_ records: [RunRecord], experiment: String) -> String {
        (["# Compute: experiment \(MarkdownCells.escape(experiment))", ""] + markdown(records)).joined(separator: "\n")
    }

    enum Kind: String, CaseIterable {
        case source = "source nets (baseA)"
        case trained = "target nets trained whole (baseB, BnB+, AnB+)"
        case frozen = "target nets with a frozen prefix (AnB, BnB, randomNB)"
        case other = "other"

        init(_ record: RunRecord) {
            switch (record.treatment, record.n, record.fineTuned) {
            case (.baseA, _, _): self = .source
            case (_, nil, _), (_, _, true?): self = record.target == "B" ? .trained : .other
            default: self = record.target == "B" ? .frozen : .other
            }
        }
    }

    static func markdown(_ all: [RunRecord]) -> [String] {
        // Runs adopted from another experiment were computed (and are counted) there.
        let records = all.filter { $0.reusedFrom == nil }
        let adopted = all.compactMap(\.reusedFrom)
        guard !records.isEmpty else { return adopted.isEmpty ? [] : [adoptedLine(adopted), ""] }
        let total = records.reduce(0) { $0 + seconds($1) }
        var lines = ["From the records: run-minutes (each run's wall time; runs side by side overlap), the share of "
                     + "them in training steps (the rest: start-up, data, validation, checkpoints, the test "
                     + "evaluation, and for frozen runs computing the prefix's features once) and, where recorded, the "
                     + "largest peak resident memory of one run's process.", ""]
        // Peak memory is a column once any record has it (older records do not).
        let memory = records.contains { $0.peakRSSBytes != nil }
        lines += MarkdownCells.header(["kind", "runs", "run-minutes", "share", "minutes per run (median)", "in training steps"]
                                      + (memory ? ["peak RSS per run (largest)"] : []))
        for kind in Kind.allCases {
            let group = records.filter { Kind($0) == kind }
            guard !group.isEmpty else { continue }
            lines.append(MarkdownCells.row(row(kind.rawValue, group, total: total, memory: memory)))
        }
        lines.append(MarkdownCells.row(row("all", records, total: total, memory: memory)))
        lines += breakdown(records)
        lines += ["", "- Machines: " + counted(records.map { r in
            "\(r.cpu ?? "CPU not recorded") (\(r.isa ?? "ISA not recorded")), \(r.threads) thread\(r.threads == 1 ? "" : "s") per run"
        })]
        lines.append("- Code versions: " + counted(records.map(\.codeVersion)))
        if let span = span(records) {
            lines.append("- First run start to last run end: \(duration(span)) of wall clock (pauses and interruptions included)")
        }
        if !adopted.isEmpty { lines.append(adoptedLine(adopted)) }
        return lines + [""]
    }

    /// "- Adopted from other experiments (…): default (27 runs)", by the experiment each came from.
    static func adoptedLine(_ origins: [String]) -> String {
        "- Adopted from other experiments (the same run ids, computed and counted there; not in the table above): "
            + counted(origins.map { String($0.split(separator: "/").first ?? Substring($0)) })
    }

    /// Where each kind's wall time went, in shares of it, for the records that itemise it
    /// (older records do not): none when no record does.
    static func breakdown(_ records: [RunRecord]) -> [String] {
        let itemised = records.filter { $0.setUpSeconds != nil }
        guard !itemised.isEmpty else { return [] }
        var lines = ["", "Where the time of a run goes (shares of the run-minutes of the runs that itemise it; "
                     + "set-up = start-up, data, the base's checkpoint and the frozen prefix's features):", ""]
        lines += MarkdownCells.header(["kind", "runs", "training steps", "validation", "checkpoints", "test evaluation", "set-up"])
        for kind in Kind.allCases + [nil] {
            let group = itemised.filter { kind == nil || Kind($0) == kind }
            guard !group.isEmpty else { continue }
            let wall = group.reduce(0) { $0 + seconds($1) }
            func share(_ part: (RunRecord) -> Double?) -> String { percent(group.reduce(0) { $0 + (part($1) ?? 0) } / wall) }
            let steps = share(\.stepSeconds), validation = share(\.validationSeconds)
            let checkpoints = share(\.checkpointSeconds), test = share(\.testSeconds), setUp = share(\.setUpSeconds)
            lines.append(MarkdownCells.row([kind?.rawValue ?? "all", "\(group.count)", steps, validation, checkpoints, test, setUp]))
        }
        return lines
    }

    /// A run's wall seconds (older records: `seconds`).
    static func seconds(_ r: RunRecord) -> Double { r.wallSeconds ?? r.seconds }

    static func row(_ name: String, _ group: [RunRecord], total: Double, memory: Bool) -> [String] {
        let minutes = group.reduce(0) { $0 + seconds($1) } / 60
        let perRun = group.map { seconds($0) / 60 }.sorted()
        let median = perRun.count % 2 == 1 ? perRun[perRun.count / 2]
            : (perRun[perRun.count / 2 - 1] + perRun[perRun.count / 2]) / 2
        let timed = group.filter { $0.stepSeconds != nil }
        let inSteps = timed.isEmpty ? ReportFormat.missing
            : percent(timed.reduce(0) { $0 + $1.stepSeconds! } / timed.reduce(0) { $0 + seconds($1) })
            + (timed.count < group.count ? " (\(timed.count) runs)" : "")
        return [name, "\(group.count)", ReportFormat.fixed(minutes, 1), percent(minutes * 60 / total),
                ReportFormat.fixed(median, 1), inSteps] + (memory ? [peakMemory(group)] : [])
    }

    /// The largest recorded peak RSS in MiB ("—" when no record has one; older records do not).
    static func peakMemory(_ group: [RunRecord]) -> String {
        let recorded = group.compactMap(\.peakRSSBytes)
        guard let largest = recorded.max() else { return ReportFormat.missing }
        return "\(largest >> 20) MiB" + (recorded.count < group.count ? " (\(recorded.count) runs)" : "")
    }

    static func percent(_ fraction: Double) -> String { ReportFormat.fixed(fraction * 100, 0) + " %" }

    /// "a (3 runs), b (1 run)" in order of first appearance.
    static func counted(_ values: [String]) -> String {
        var order: [String] = [], count: [String: Int] = [:]
        for v in values {
            if count[v] == nil { order.append(v) }
            count[v, default: 0] += 1
        }
        return order.map { "\($0) (\(count[$0]!) run\(count[$0]! == 1 ? "" : "s"))" }.joined(separator: ", ")
    }

    /// Seconds from the earliest start (`created` − wall seconds) to the latest `created`.
    static func span(_ records: [RunRecord]) -> Double? {
        let format = ISO8601DateFormatter()
        let ends = records.compactMap { r in format.date(from: r.created).map { (end: $0, start: $0 - seconds(r)) } }
        guard let first = ends.map(\.start).min(), let last = ends.map(\.end).max(), ends.count == records.count else {
            return nil
        }
        return last.timeIntervalSince(first)
    }

    static func duration(_ seconds: Double) -> String {
        let minutes = Int((seconds / 60).rounded())
        return minutes < 60 ? "\(minutes) min" : "\(minutes / 60) h \(minutes % 60) min"
    }
}
