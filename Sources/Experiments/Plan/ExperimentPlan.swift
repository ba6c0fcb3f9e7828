import Datasets
import Foundation

/// The config expanded into a DAG of runs: bases first, then the runs that copy from them.
public struct ExperimentPlan: Sendable {
    public let config: ExperimentConfig
    /// Every run, bases before their dependents.
    public let runs: [RunSpec]

    public init(_ config: ExperimentConfig) {
        self.config = config
        var runs: [RunSpec] = []
        for split in config.splits {
            for seed in config.seeds {
                var bases: [TreatmentFamily: RunSpec] = [:]
                for family in config.treatments where family.isBase {
                    let run = RunSpec(config: config, split: split, seed: seed, family: family, n: nil, baseID: nil)
                    bases[family] = run
                    runs.append(run)
                }
                for family in config.treatments where !family.isBase {
                    for n in config.layers {
                        let base = family.requiredBase.flatMap { bases[$0] }
                        runs.append(RunSpec(config: config, split: split, seed: seed, family: family, n: n,
                                            baseID: base?.id))
                    }
                }
            }
        }
        self.runs = runs
    }

    /// The run with this id.
    public func run(id: String) -> RunSpec? { runs.first { $0.id == id } }

    /// The base run `run` copies from, if any.
    public func base(of run: RunSpec) -> RunSpec? { run.baseID.flatMap { self.run(id: $0) } }

    /// Finds a run by label, split and seed (the seed may be omitted when the config has one).
    public func find(label: String, split: String, seed: Int?) throws -> RunSpec {
        guard config.splits.contains(where: { $0.name == split }) else {
            throw PlanError.unknownSplit(split, known: config.splits.map(\.name))
        }
        guard TreatmentFamily.parse(label: label) != nil else { throw PlanError.unknownLabel(label) }
        let seed = seed ?? (config.seeds.count == 1 ? config.seeds[0] : nil)
        guard let seed else { throw PlanError.seedRequired(config.seeds) }
        guard let run = runs.first(where: { $0.split.name == split && $0.label == label && $0.seed == seed }) else {
            throw PlanError.notPlanned("\(split)/\(label)/seed\(seed)")
        }
        return run
    }

    /// Runs whose qualified name ("split/label/seedK") or label matches the glob `pattern`.
    public func matching(_ pattern: String?) -> [RunSpec] {
        guard let pattern else { return runs }
        return runs.filter { fnmatch(pattern, $0.qualifiedName, 0) == 0 || fnmatch(pattern, $0.label, 0) == 0 }
    }

    /// Loads the data once and builds every task of every split and seed, so that a bad class
    /// list or a cap larger than a class has fails before any training (with the config key).
    public func validateData(file: String, data: LoadedData) throws {
        for split in config.splits {
            for seed in config.seeds {
                let resolved: ResolvedSplit
                do { resolved = try split.classSplit(seed: seed).resolve(classNames: data.train.classNames) } catch {
                    throw ConfigError(file: file, key: "splits[\(split.name)]", reason: "\(error)")
                }
                for side in [TaskSide.a, .b] {
                    do { _ = try data.task(config: config, split: resolved, seed: seed, side: side) } catch {
                        throw ConfigError(file: file, key: "cap_per_class.\(side.rawValue)",
                                          reason: "split \(split.name), seed \(seed): \(error)")
                    }
                }
            }
        }
    }
}

public enum PlanError: Error, CustomStringConvertible {
    case unknownSplit(String, known: [String])
    case unknownLabel(String)
    case seedRequired([Int])
    case notPlanned(String)

    public var description: String {
        switch self {
        case let .unknownSplit(s, known): return "no split named \(s) in the config (splits: \(known.joined(separator: ", ")))"
        case let .unknownLabel(l): return "\(l) is not a run label (examples: baseA, baseB, A3B, A3B+, B5B, random2B)"
        case let .seedRequired(seeds): return "the config has several seeds (\(seeds.map(String.init).joined(separator: ", "))): pass --seed"
        case let .notPlanned(name): return "\(name) is not part of this config's plan"
        }
    }
}
