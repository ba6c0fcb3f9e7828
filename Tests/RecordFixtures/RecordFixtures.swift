import Foundation
import Records

/// Synthetic run records for the report tests (of `Reports` and of the HTML site in `Experiments`).
public enum ReportFixtures {
    /// The non-base families, in report order.
    public static let families: [TreatmentFamily] = [.BnB, .BnBPlus, .AnB, .AnBPlus, .randomNB, .AnA, .AnAPlus, .BnA, .BnAPlus]

    /// One record with plausible defaults; `top1` is a fraction in [0, 1].
    public static func record(split: String = "similar", kind: String? = nil, treatment: TreatmentFamily, n: Int? = nil,
                              seed: Int, top1: Double, experiment: String = "exp", runID: String? = nil,
                              codeVersion: String = "v1", iterations: Int = 1000) -> RunRecord {
        let isBase = n == nil
        let source: String? = isBase ? nil : treatment == .randomNB ? "random" : treatment.source?.rawValue
        return RunRecord(
            runID: runID ?? "\(split)-\(treatment)-\(n.map(String.init) ?? "0")-\(seed)",
            experiment: experiment, split: split, splitKind: kind ?? split, treatment: treatment,
            source: source, target: treatment.target.rawValue, n: n, fineTuned: isBase ? nil : treatment.fineTuned,
            seed: seed, top1: top1, testLoss: 1.25, iterations: iterations, seconds: 12.5, threads: 2,
            configHash: "cfg", codeVersion: codeVersion, classIDs: [0, 1], classNames: ["a", "b"],
            trainImages: 100, testImages: 50, created: "2024-01-01T00:00:00Z")
    }

    /// Both splits, seeds 1…3, bases and all nine families at n = 1…7 (195 runs per split).
    /// Values are deterministic and vary by seed, n and family.
    public static func fullSet(seeds: [Int] = [1, 2, 3]) -> [RunRecord] {
        var records: [RunRecord] = []
        for (splitIndex, split) in ["similar", "dissimilar"].enumerated() {
            for seed in seeds {
                let s = Double(seed)
                records.append(record(split: split, treatment: .baseA, seed: seed, top1: 0.62 + 0.004 * s))
                records.append(record(split: split, treatment: .baseB, seed: seed, top1: 0.60 + 0.005 * s))
                for (familyIndex, family) in families.enumerated() {
                    for n in 1...7 {
                        let wobble = Double((seed * 7 + n * 3 + familyIndex * 5) % 11) * 0.001
                        let drop = Double(n) * 0.004 * Double(familyIndex % 3) + Double(splitIndex) * 0.01 * Double(n) / 7
                        records.append(record(split: split, treatment: family, n: n, seed: seed,
                                              top1: 0.60 + 0.005 * s - drop + wobble))
                    }
                }
            }
        }
        return records
    }
}
