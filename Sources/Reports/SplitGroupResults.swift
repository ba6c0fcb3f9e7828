import Foundation
import Records

/// The records of one config split at one target variant, over its directions: the unit the
/// paper's comparisons are made on. A dissimilar split run both ways pools its directions, so a
/// cell's sample is every (seed, direction) pair — independent runs, since each direction draws
/// its own random streams (`RunStream`).
public struct SplitGroupResults: Sendable {
    /// The config's split name ("dissimilar").
    public let name: String
    public let kind: String
    /// The target variant ("" when the config compares none).
    public let variant: String
    /// One `SplitResults` per direction present, A→B first.
    public let directions: [SplitResults]

    /// Groups of `records` in report order (similar first), variants in order of appearance.
    public static func all(_ records: [RunRecord]) -> [SplitGroupResults] {
        let views = SplitResults.all(records)
        var keys: [String] = []
        var byKey: [String: [SplitResults]] = [:]
        for view in views {
            guard let first = view.records.first else { continue }
            let key = first.group + "\u{1}" + first.variant
            if byKey[key] == nil { keys.append(key) }
            byKey[key, default: []].append(view)
        }
        return keys.map { key in
            let parts = key.split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init)
            let members = byKey[key]!.sorted { ($0.records.first?.splitDirection ?? "") < ($1.records.first?.splitDirection ?? "") }
            return SplitGroupResults(name: parts[0], kind: members[0].kind, variant: parts[1], directions: members)
        }.sorted { a, b in
            if a.name != b.name { return ReportOrder.splitPrecedes((a.name, a.kind), (b.name, b.kind)) }
            return variantPrecedes(a.variant, b.variant)
        }
    }

    /// "dissimilar (A→B + B→A)" or "similar"; with the variant ("similar i300") when there is one.
    public var title: String { titleWithoutVariant.replacingOccurrences(of: name, with: name + (variant.isEmpty ? "" : " \(variant.dropFirst())")) }

    /// "dissimilar (A→B + B→A)" or "similar".
    public var titleWithoutVariant: String {
        let directionNames = directions.compactMap { $0.records.first?.splitDirection }
        return directionNames.count > 1 ? "\(name) (\(directionNames.joined(separator: " + ")))" : name
    }

    /// Whether this group pools more than one direction.
    public var isPooled: Bool { directions.count > 1 }

    /// Paired change vs base of a cell, pooled over directions (one value per seed and direction).
    public func change(_ family: TreatmentFamily, n: Int) -> SampleSummary {
        SampleSummary(directions.flatMap { $0.change(family, n: n).values })
    }

    /// Per (seed, direction) mean over `layers` of the paired change, pooled (units with every n).
    public func meanChange(_ family: TreatmentFamily, over layers: ClosedRange<Int>) -> SampleSummary {
        SampleSummary(directions.flatMap { direction -> [Double] in
            let (summary, used) = direction.meanChange(family, over: layers)
            return used == Array(layers) ? summary.values : []
        })
    }

    /// As `SplitResults.meanChange`, pooled: the layers of `layers` present (in every direction)
    /// and, per unit, the mean over them.
    public func meanChangeOfPresentLayers(_ family: TreatmentFamily, over layers: ClosedRange<Int>) -> (summary: SampleSummary, layers: [Int]) {
        let perDirection = directions.map { $0.meanChange(family, over: layers) }
        let used = perDirection.map(\.layers).min { $0.count < $1.count } ?? []
        let values = perDirection.filter { $0.layers == used }.flatMap(\.summary.values)
        return (SampleSummary(values), used)
    }

    /// Per (seed, direction) mean over `layers` of top-1(a) − top-1(b), paired by seed within a direction.
    public func meanDifference(_ a: TreatmentFamily, _ b: TreatmentFamily, over layers: ClosedRange<Int>) -> SampleSummary {
        SampleSummary(directions.flatMap { direction -> [Double] in
            let perLayer = layers.map { n in (direction.top1BySeed(a, n: n), direction.top1BySeed(b, n: n)) }
            var seeds = Set(perLayer[0].0.keys)
            for (x, y) in perLayer { seeds.formIntersection(x.keys); seeds.formIntersection(y.keys) }
            return seeds.sorted().map { seed in
                perLayer.map { $0.0[seed]! - $0.1[seed]! }.reduce(0, +) / Double(perLayer.count)
            }
        })
    }

    /// Top-1 (%) of a base, pooled over directions.
    public func baseTop1(_ base: TreatmentFamily) -> SampleSummary {
        SampleSummary(directions.flatMap { $0.top1(base, n: nil).values })
    }

    /// Variants in a stable order: budgets, then sizes, numerically ("all" last).
    static func variantPrecedes(_ a: String, _ b: String) -> Bool {
        func key(_ v: String) -> [Double] {
            v.split(separator: "-").map { part -> Double in
                let digits = part.dropFirst()
                return digits == "all" ? .infinity : Double(digits) ?? 0
            }
        }
        let ka = key(a), kb = key(b)
        return ka != kb ? ka.lexicographicallyPrecedes(kb) : a < b
    }
}
