import Foundation
import Records

/// How the findings move with the target protocol: for a config that lists several target
/// budgets (`training.iterations`) or sizes (`cap_per_class.B`), one row per variant with
/// baseB and the changes the paper's findings rest on, pooled over directions.
public enum TargetVariants {
    /// A column: a treatment's change vs base, averaged per unit over `layers`; nil = baseB top-1.
    struct Column {
        var title: String, family: TreatmentFamily?, layers: ClosedRange<Int>
    }

    static let columns: [Column] = [
        Column(title: "baseB top-1", family: nil, layers: 1...1),
        Column(title: "AnB n = 7", family: .AnB, layers: 7...7),
        Column(title: "AnB+ n = 5–7", family: .AnBPlus, layers: 5...7),
        Column(title: "BnB+ n = 5–7", family: .BnBPlus, layers: 5...7),
        Column(title: "randomNB n = 5–7", family: .randomNB, layers: 5...7),
    ]

    /// The columns for `groups`: the fixed ones; a family's fixed column without data (a config
    /// that ran other depths, e.g. `"layers": [5]`) becomes its change over the depths it ran
    /// (all of them when they are contiguous, else the deepest).
    static func columns(for groups: [SplitGroupResults]) -> [Column] {
        columns.map { column in
            guard let family = column.family, !groups.contains(where: { value($0, column).count > 0 }) else { return column }
            let ran = Set(groups.flatMap { $0.directions.flatMap(\.records) }.filter { $0.treatment == family }.compactMap(\.n))
            guard let low = ran.min(), let high = ran.max() else { return column }
            let layers = ran.count == high - low + 1 ? low...high : high...high
            let depths = layers.count == 1 ? "\(layers.lowerBound)" : "\(layers.lowerBound)–\(layers.upperBound)"
            return Column(title: "\(family.rawValue) n = \(depths)", family: family, layers: layers)
        }
    }

    static func value(_ group: SplitGroupResults, _ column: Column) -> SampleSummary {
        guard let family = column.family else { return group.baseTop1(.baseB) }
        return group.meanChange(family, over: column.layers)
    }

    /// One row of a sensitivity table: a target variant of one split.
    public struct Row: Sendable {
        /// The variant without its leading "-" (e.g. "i600", "c100").
        public let variant: String
        /// The target's training images per class and iterations (of its baseB runs).
        public let imagesPerClass: [Int]
        public let iterations: [Int]
        /// One summary per shown column (baseB top-1 in percent, then changes in points).
        public let values: [SampleSummary]
    }

    /// One split's sensitivity table: the columns that have data, one row per variant.
    public struct Table: Sendable {
        public let title: String
        /// Column titles of `Row.values`; the first is baseB's top-1 when `firstIsAccuracy`.
        public let columns: [String]
        public let firstIsAccuracy: Bool
        public let rows: [Row]

        /// A row's cells (plain text): variant, images / class, iterations, then the values.
        public func cells(_ row: Row) -> [String] {
            [row.variant, row.imagesPerClass.map(String.init).joined(separator: ", "),
             row.iterations.map(String.init).joined(separator: ", ")]
                + row.values.enumerated().map { i, v in
                    i == 0 && firstIsAccuracy ? MarkdownCells.accuracy(v) : MarkdownCells.compact(v)
                }
        }
    }

    /// The sensitivity tables, one per split with target variants (empty when there are none).
    public static func tables(_ groups: [SplitGroupResults]) -> [Table] {
        let varied = groups.filter { !$0.variant.isEmpty }
        var names: [String] = []
        for g in varied where !names.contains(g.name) { names.append(g.name) }
        return names.map { name in
            let groups = varied.filter { $0.name == name }
            let shown = columns(for: groups).filter { c in groups.contains { value($0, c).count > 0 } }
            let rows = groups.map { g -> Row in
                let records = g.directions.flatMap(\.records).filter { $0.treatment == .baseB }
                return Row(variant: String(g.variant.dropFirst()),
                           imagesPerClass: Array(Set(records.map { $0.trainImages / max(1, $0.classIDs.count) })).sorted(),
                           iterations: Array(Set(records.map(\.iterations))).sorted(),
                           values: shown.map { value(g, $0) })
            }
            return Table(title: groups[0].titleWithoutVariant, columns: shown.map(\.title),
                         firstIsAccuracy: shown.first?.family == nil, rows: rows)
        }
    }

    /// The header of a table: the row labels, then the columns.
    public static func header(_ table: Table) -> [String] { ["variant", "images / class", "iterations"] + table.columns }

    /// The sensitivity tables as Markdown (empty when no group has a variant).
    public static func markdown(_ groups: [SplitGroupResults]) -> [String] {
        let tables = tables(groups)
        guard !tables.isEmpty else { return [] }
        var lines = ["## Target variants: how the findings move with the target budget and size", "", intro, ""]
        for table in tables {
            lines += ["### \(MarkdownCells.escape(table.title))", ""] + MarkdownCells.header(header(table))
            lines += table.rows.map { MarkdownCells.row(table.cells($0)) } + [""]
        }
        return lines
    }

    /// What the tables show, in one sentence.
    public static let intro = "One row per target variant (suffix: -i = iterations, -c = images per class of the target). "
        + "Changes vs baseB in points, mean [95% CI] (units); the source nets are the same for every row."
}
