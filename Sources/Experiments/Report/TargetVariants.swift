import Foundation

/// How the findings move with the target protocol: for a config that lists several target
/// budgets (`training.iterations`) or sizes (`cap_per_class.B`), one row per variant with
/// baseB and the changes the paper's findings rest on, pooled over directions.
public enum TargetVariants {
    /// A column: a treatment's change vs base, averaged per unit over `layers`; nil = baseB top-1.
    struct Column {
        var title: String, family: String?, layers: ClosedRange<Int>
    }

    static let columns: [Column] = [
        Column(title: "baseB top-1", family: nil, layers: 1...1),
        Column(title: "AnB n = 7", family: "AnB", layers: 7...7),
        Column(title: "AnB+ n = 5–7", family: "AnB+", layers: 5...7),
        Column(title: "BnB+ n = 5–7", family: "BnB+", layers: 5...7),
        Column(title: "randomNB n = 5–7", family: "randomNB", layers: 5...7),
    ]

    static func value(_ group: SplitGroupResults, _ column: Column) -> SampleSummary {
        guard let family = column.family else { return group.baseTop1("baseB") }
        return group.meanChange(family, over: column.layers)
    }

    /// The sensitivity tables, one per split (empty when no group has a variant).
    public static func markdown(_ groups: [SplitGroupResults]) -> [String] {
        let varied = groups.filter { !$0.variant.isEmpty }
        guard !varied.isEmpty else { return [] }
        var lines = ["## Target variants: how the findings move with the target budget and size", "",
                     "One row per target variant (suffix: -i = iterations, -c = images per class of the target). "
                     + "Changes vs baseB in points, mean [95% CI] (units); the source nets are the same for every row.", ""]
        var names: [String] = []
        for g in varied where !names.contains(g.name) { names.append(g.name) }
        for name in names {
            let rows = varied.filter { $0.name == name }
            let shown = columns.filter { c in rows.contains { value($0, c).count > 0 } }
            lines.append("### \(MarkdownCells.escape(rows[0].titleWithoutVariant))")
            lines.append("")
            lines += MarkdownCells.header(["variant", "images / class", "iterations"] + shown.map(\.title))
            for g in rows {
                let records = g.directions.flatMap(\.records).filter { $0.treatment == "baseB" }
                let perClass = Array(Set(records.map { $0.trainImages / max(1, $0.classIDs.count) })).sorted()
                let iterations = Array(Set(records.map(\.iterations))).sorted()
                lines.append(MarkdownCells.row([String(g.variant.dropFirst()),
                                                perClass.map(String.init).joined(separator: ", "),
                                                iterations.map(String.init).joined(separator: ", ")]
                                               + shown.map { c in
                                                   c.family == nil ? MarkdownCells.accuracy(value(g, c)) : MarkdownCells.compact(value(g, c))
                                               }))
            }
            lines.append("")
        }
        return lines
    }
}
