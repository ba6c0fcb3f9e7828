import Records
import Reports

/// Means over seeds of `cka.csv` rows, the view the heat maps and the summary share.
struct CKAMeans {
    let rows: [CKARow]

    /// Splits in row order.
    var splits: [String] { unique(rows.map(\.split)) }
    /// Directions of a split in row order.
    func directions(_ split: String) -> [String] { unique(rows.filter { $0.split == split }.map(\.direction)) }
    /// Layers in row order ("conv1" … "fc7").
    var layers: [String] { unique(rows.map(\.layer)) }

    /// Mean CKA over seeds of one comparison at one layer: defined values only; `seeds` counts
    /// them, `undefined` counts the seeds whose value is undefined. `acrossSeeds` selects the
    /// comparisons of one treatment between seeds instead of two nets of one seed.
    func mean(_ split: String, _ direction: String, _ netA: String, _ netB: String, layer: String,
              acrossSeeds: Bool = false) -> (value: Double?, seeds: Int, undefined: Int) {
        let matching = rows.filter {
            $0.split == split && $0.direction == direction && $0.netA == netA && $0.netB == netB
                && $0.layer == layer && $0.isAcrossSeeds == acrossSeeds
        }
        let values = matching.compactMap(\.cka.value)
        return (Statistics.mean(values), values.count, matching.count - values.count)
    }

    /// Mean over the copied layers: of `family` at every planned n ≥ the layer's depth (1-based),
    /// vs `base` — how far training on the target moved layers that started as the base's.
    func copiedMean(_ split: String, _ direction: String, base: String, family: TreatmentFamily,
                    layer: String) -> Double? {
        guard let depth = layers.firstIndex(of: layer).map({ $0 + 1 }) else { return nil }
        let values = rows.filter {
            guard $0.split == split, $0.direction == direction, $0.netA == base, $0.layer == layer,
                  !$0.isAcrossSeeds, let (f, n) = TreatmentFamily.parse(label: $0.netB) else { return false }
            return f == family && (n ?? 0) >= depth
        }.compactMap(\.cka.value)
        return Statistics.mean(values)
    }

    /// The n values of the transferred nets of a split and direction.
    func depths(_ split: String, _ direction: String) -> [Int] {
        let ns = rows.filter { $0.split == split && $0.direction == direction }
            .compactMap { TreatmentFamily.parse(label: $0.netB)?.1 }
        return Array(Set(ns)).sorted()
    }

    /// The transferred families of a split and direction, in report order.
    func families(_ split: String, _ direction: String) -> [TreatmentFamily] {
        let fs = rows.filter { $0.split == split && $0.direction == direction && !$0.isAcrossSeeds }
            .compactMap { TreatmentFamily.parse(label: $0.netB).flatMap { $0.0.isBase ? nil : $0.0 } }
        return Array(Set(fs)).sorted()
    }

    /// The two bases of a split and direction as their rows name them: (source, target).
    func bases(_ split: String, _ direction: String) -> (source: String, target: String) {
        let pair = rows.first {
            $0.split == split && $0.direction == direction && !$0.isAcrossSeeds && $0.netA != $0.netB
                && TreatmentFamily(rawValue: $0.netA)?.isBase == true && TreatmentFamily(rawValue: $0.netB)?.isBase == true
        }
        return (pair?.netA ?? "baseA", pair?.netB ?? "baseB")
    }

    private func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
