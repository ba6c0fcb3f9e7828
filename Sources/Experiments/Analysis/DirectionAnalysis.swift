import Foundation
import Similarity

/// The comparisons of one split and direction over all seeds, holding the bases' Gram matrices
/// throughout and one treatment's (every seed) at a time.
struct DirectionAnalysis {
    let groups: [CKAGroup]
    /// The image sample of each seed (equal classes = equal images).
    let samples: [Int: ImageSample]
    let layout: ResultsLayout
    let progress: (String) -> Void

    private var split: String { groups[0].split }
    private var direction: String { groups[0].direction }

    func rows() throws -> [CKARow] {
        var rows: [CKARow] = []
        var bases: [String: [Int: NetworkGrams]] = [:]
        for group in groups {
            for base in [group.sourceBase, group.targetBase] {
                bases[base.label, default: [:]][group.seed] = try grams(base, on: group.seed)
            }
        }
        for group in groups {
            rows += try pair(bases[group.sourceBase.label]![group.seed]!, bases[group.targetBase.label]![group.seed]!,
                             labels: (group.sourceBase.label, group.targetBase.label), seeds: (group.seed, group.seed))
        }
        for base in [groups[0].sourceBase, groups[0].targetBase] {
            rows += try acrossSeeds(base.label, bases[base.label]!)
        }
        var labels: [String] = []
        for group in groups { for t in group.transferred where !labels.contains(t.run.label) { labels.append(t.run.label) } }
        for label in labels {
            var bySeed: [Int: NetworkGrams] = [:]
            for group in groups {
                guard let t = group.transferred.first(where: { $0.run.label == label }) else { continue }
                let g = try grams(t.run, on: group.seed)
                rows += try pair(bases[t.base.label]![group.seed]!, g, labels: (t.base.label, label),
                                 seeds: (group.seed, group.seed))
                bySeed[group.seed] = g
            }
            rows += try acrossSeeds(label, bySeed)
        }
        return rows
    }

    /// The run labelled `label` of `seed` in this direction.
    private func run(_ label: String, seed: Int) -> RunSpec? {
        guard let group = groups.first(where: { $0.seed == seed }) else { return nil }
        return ([group.sourceBase, group.targetBase] + group.transferred.map(\.run)).first { $0.label == label }
    }

    /// `label` of each seed s vs `label` of each later seed s', on seed s's images (its Grams are
    /// reused when both seeds' target tasks have the same classes, otherwise recomputed there).
    private func acrossSeeds(_ label: String, _ bySeed: [Int: NetworkGrams]) throws -> [CKARow] {
        let seeds = bySeed.keys.sorted()
        var rows: [CKARow] = []
        for (i, s) in seeds.enumerated() {
            for t in seeds[(i + 1)...] {
                let other: NetworkGrams
                if samples[s]!.classIDs == samples[t]!.classIDs {
                    other = bySeed[t]!
                } else {
                    other = try grams(run(label, seed: t)!, on: s)
                }
                rows += try pair(bySeed[s]!, other, labels: (label, label), seeds: (s, t))
            }
        }
        return rows
    }

    private func grams(_ run: RunSpec, on imageSeed: Int) throws -> NetworkGrams {
        let started = Date()
        let sample = samples[imageSeed]!
        let grams = try NetworkGrams.compute(checkpoint: layout.checkpoint(run), images: sample)
        let on = imageSeed == run.seed ? "" : " on seed \(imageSeed)'s images"
        progress(String(format: "%@ %@ %@/seed%d%@: %d layers × %d images in %.2f s", split, direction, run.label,
                        run.seed, on, grams.grams.count, sample.count, Date().timeIntervalSince(started)))
        return grams
    }

    private func pair(_ a: NetworkGrams, _ b: NetworkGrams, labels: (String, String), seeds: (Int, Int)) throws -> [CKARow] {
        guard a.layers == b.layers else { throw AnalysisError.layerMismatch(labels.0, labels.1) }
        return try zip(a.layers, zip(a.grams, b.grams)).map { layer, grams in
            CKARow(split: split, direction: direction, seed: seeds.0, netA: labels.0, netB: labels.1, seedB: seeds.1,
                   layer: layer, images: grams.0.count, cka: try LinearCKA.similarity(grams.0, grams.1))
        }
    }
}
