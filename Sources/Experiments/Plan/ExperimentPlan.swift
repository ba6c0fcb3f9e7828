import Datasets
import Foundation
import Records

/// The config expanded into a DAG of runs: bases first, then the runs that copy from them.
public struct ExperimentPlan: Sendable {
    public let config: ExperimentConfig
    /// Every run, bases before their dependents.
    public let runs: [RunSpec]

    public init(_ config: ExperimentConfig) {
        self.config = config
        var runs: [RunSpec] = []
        for split in config.splits {
            for direction in split.runDirections {
                for seed in config.seeds {
                    runs += Self.runs(config, split: split, direction: direction, seed: seed)
                }
            }
        }
        self.runs = runs
    }

    /// The runs of one oriented split and seed: the source base once, then per target variant
    /// baseB and every treatment at every n.
    private static func runs(_ config: ExperimentConfig, split: SplitConfig, direction: SplitDirection, seed: Int) -> [RunSpec] {
        let oriented = split.oriented(direction)
        func spec(_ view: SplitConfig, _ family: TreatmentFamily, _ n: Int?, _ training: TrainingConfig,
                  _ caps: TaskCaps, base: RunSpec?) -> RunSpec {
            RunSpec(config: config, split: view, group: split.name, direction: direction, seed: seed, family: family,
                    n: n, training: training, caps: caps, baseID: base?.id)
        }
        var runs: [RunSpec] = []
        // The source net does not depend on the target's budget or size: one per oriented split.
        let source = config.treatments.contains(.baseA)
            ? spec(oriented, .baseA, nil, config.training.effective(source: true),
                   config.capPerClass.sourceOnly, base: nil) : nil
        if let source { runs.append(source) }
        for variant in config.targetVariants {
            var view = oriented
            view.name += variant.nameSuffix
            let training = config.training.effective(source: false, iterations: variant.iterations)
            let caps = config.capPerClass.effective(b: variant.cap)
            var baseB: RunSpec?
            if config.treatments.contains(.baseB) {
                baseB = spec(view, .baseB, nil, training, caps, base: nil)
                runs.append(baseB!)
            }
            for family in config.treatments where !family.isBase {
                let base = family.requiredBase.map { $0 == .baseA ? source : baseB } ?? nil
                for n in config.layers {
                    runs.append(spec(view, family, n, training, caps, base: base))
                }
            }
        }
        return runs
    }

    /// The run with this id.
    public func run(id: String) -> RunSpec? { runs.first { $0.id == id } }

    /// The base run `run` copies from, if any.
    public func base(of run: RunSpec) -> RunSpec? { run.baseID.flatMap { self.run(id: $0) } }

    /// Finds a run by label, split and seed (the seed may be omitted when the config has one).
    public func find(label: String, split: String, seed: Int?) throws -> RunSpec {
        let views = Array(Set(runs.map(\.split.name))).sorted()
        guard views.contains(split) else { throw PlanError.unknownSplit(split, known: views) }
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
        var checked = Set<String>()
        for run in runs where run.isSource || run.family == .baseB || run.family == .randomNB {
            let key = "\(run.split.name)|\(run.seed)|\(run.family.target)"
            guard checked.insert(key).inserted else { continue }
            let resolved: ResolvedSplit
            do { resolved = try run.split.classSplit(seed: run.seed).resolve(classNames: data.train.classNames) } catch {
                throw ConfigError(file: file, key: "splits[\(run.splitGroup)]", reason: "\(error)")
            }
            do { _ = try data.task(for: run, split: resolved) } catch {
                throw ConfigError(file: file, key: "cap_per_class.\(run.family.target.rawValue)",
                                  reason: "split \(run.split.name), seed \(run.seed): \(error)")
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
