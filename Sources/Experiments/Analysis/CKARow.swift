import Metrics
import Plots
import Reports

/// One similarity: layer `layer` of net `netA` (seed `seed`) vs the same layer of net `netB`
/// (seed `seedB`), on `images` test images of the direction's target task.
public struct CKARow: Sendable, Equatable {
    public var split: String
    /// "A→B": nets trained on B (with layers from baseA or baseB); "B→A" the reverse.
    public var direction: String
    public var seed: Int
    public var netA: String
    public var netB: String
    /// Equal to `seed` except in comparisons of one treatment across seeds.
    public var seedB: Int
    public var layer: String
    public var images: Int
    /// Linear CKA (unbiased); undefined with a reason, never NaN.
    public var cka: MetricValue

    /// Whether this compares one treatment across two seeds (rather than two nets of one seed).
    public var isAcrossSeeds: Bool { seed != seedB }

    /// The tidy CSV header of `cka.csv`.
    public static let csvHeader = "split,direction,seed,net_a,net_b,seed_b,layer,images,cka,undefined_reason"

    /// One CSV line (RFC 4180 quoting): the value round-trips; an undefined value leaves `cka`
    /// empty and gives the reason.
    public var csvLine: String {
        [split, direction, String(seed), netA, netB, String(seedB), layer, String(images),
         cka.value.map(ReportFormat.exact) ?? "", cka.undefinedReason ?? ""]
            .map(Top1Table.csvField).joined(separator: ",")
    }
}
