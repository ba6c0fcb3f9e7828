import Foundation
import Records

/// The records of one split, grouped into cells (treatment, n) with one value per seed.
///
/// Units: top-1 in percent (record.top1 · 100); differences in percentage points. When several
/// records share (treatment, n, seed) — e.g. a rerun — their values are averaged, so k always
/// counts distinct seeds.
public struct SplitResults: Sendable {
    /// Split name from the config (record.split).
    public let name: String
    /// Split kind (record.splitKind of the first record in report order): "similar", "dissimilar", …
    public let kind: String
    /// The split's records in report order (ReportOrder.recordPrecedes).
    public let records: [RunRecord]

    /// The rows of the per-n tables: the depths n the experiment ran (in any split), ascending,
    /// so a split that lacks one shows it as missing and a config of `"layers": [5]` shows n = 5
    /// only; 1…7 when none has run yet.
    public let layerCounts: [Int]

    /// Groups `records` (all of one split) — use `SplitResults.all(_:)` for mixed input.
    /// `experimentLayers`: every n of the experiment (default: those of `records`).
    public init(name: String, records: [RunRecord], experimentLayers: [Int]? = nil) {
        self.name = name
        self.records = records.sorted(by: ReportOrder.recordPrecedes)
        self.kind = self.records.first?.splitKind ?? ""
        self.layerCounts = experimentLayers ?? Self.layers(of: records)
    }

    /// The depths n present in `records`, ascending; 1…7 when there are none (an experiment
    /// without transferred nets, or none finished yet).
    public static func layers(of records: [RunRecord]) -> [Int] {
        let present = Set(records.compactMap(\.n))
        return present.isEmpty ? Array(1...7) : present.sorted()
    }

    /// One `SplitResults` per split present in `records`, in split order (similar, dissimilar, …).
    public static func all(_ records: [RunRecord]) -> [SplitResults] {
        var bySplit: [String: [RunRecord]] = [:]
        for record in records { bySplit[record.split, default: []].append(record) }
        let layers = layers(of: records)
        return bySplit.map { SplitResults(name: $0.key, records: $0.value, experimentLayers: layers) }
            .sorted { ReportOrder.splitPrecedes(($0.name, $0.kind), ($1.name, $1.kind)) }
    }

    /// Distinct seeds, ascending.
    public var seeds: [Int] { Array(Set(records.map(\.seed))).sorted() }

    /// Distinct iteration counts, ascending.
    public var iterations: [Int] { Array(Set(records.map(\.iterations))).sorted() }

    /// The non-base treatments present, in report order.
    public var families: [TreatmentFamily] {
        Set(records.filter { $0.n != nil }.map(\.treatment)).sorted()
    }

    /// Top-1 (percent) per seed of a cell; n = nil selects the base runs of `treatment`.
    public func top1BySeed(_ treatment: TreatmentFamily, n: Int?) -> [Int: Double] {
        var sums: [Int: (sum: Double, count: Int)] = [:]
        for record in records where record.treatment == treatment && record.n == n {
            let entry = sums[record.seed] ?? (0, 0)
            sums[record.seed] = (entry.sum + record.top1 * 100, entry.count + 1)
        }
        return sums.mapValues { $0.sum / Double($0.count) }
    }

    /// The per-seed top-1 of a cell (percent), values sorted by seed.
    public func top1(_ treatment: TreatmentFamily, n: Int?) -> SampleSummary {
        SampleSummary(Self.sortedBySeed(top1BySeed(treatment, n: n)))
    }

    /// Paired change vs the base of the target task, per seed (percentage points):
    /// top1(treatment, n, seed s) − top1(base of its target, seed s). Seeds without a base run
    /// are left out; a base treatment gives an empty result.
    public func changeBySeed(_ treatment: TreatmentFamily, n: Int?) -> [Int: Double] {
        guard !treatment.isBase else { return [:] }
        var baseBySeed: [TreatmentFamily: [Int: Double]] = [:]
        var sums: [Int: (sum: Double, count: Int)] = [:]
        for record in records where record.treatment == treatment && record.n == n {
            let base = record.treatment.comparisonBase
            if baseBySeed[base] == nil { baseBySeed[base] = top1BySeed(base, n: nil) }
            guard let reference = baseBySeed[base]?[record.seed] else { continue }
            let entry = sums[record.seed] ?? (0, 0)
            sums[record.seed] = (entry.sum + record.top1 * 100 - reference, entry.count + 1)
        }
        return sums.mapValues { $0.sum / Double($0.count) }
    }

    /// The paired changes of a cell (percentage points), values sorted by seed.
    public func change(_ treatment: TreatmentFamily, n: Int?) -> SampleSummary {
        SampleSummary(Self.sortedBySeed(changeBySeed(treatment, n: n)))
    }

    /// Per-seed mean over `layers` of the paired change of `treatment`, using only the layer
    /// counts of `layers` that are present for the treatment and only seeds that have all of them.
    /// Returns the summary over seeds and the layer counts actually used.
    public func meanChange(_ treatment: TreatmentFamily, over layers: ClosedRange<Int>) -> (summary: SampleSummary, layers: [Int]) {
        let present = Set(records.filter { $0.treatment == treatment }.compactMap(\.n))
        let used = layers.filter { present.contains($0) }
        guard !used.isEmpty else { return (SampleSummary([]), []) }
        let perLayer = used.map { changeBySeed(treatment, n: $0) }
        var common = Set(perLayer[0].keys)
        for changes in perLayer.dropFirst() { common.formIntersection(changes.keys) }
        let values = common.sorted().map { seed -> Double in
            var sum = 0.0
            for changes in perLayer { sum += changes[seed] ?? 0 }
            return sum / Double(perLayer.count)
        }
        return (SampleSummary(values), used)
    }

    static func sortedBySeed(_ bySeed: [Int: Double]) -> [Double] {
        bySeed.keys.sorted().compactMap { bySeed[$0] }
    }
}
