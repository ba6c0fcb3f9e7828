import Datasets
import Foundation
import NeuralNet
import Records
import Testing
import TestSupport
@testable import Experiments

/// Configs: defaults are explicit, and every kind of mistake names the file, key and reason.
@Suite("config")
struct ConfigTests {
    static func parse(_ json: String) throws -> ExperimentConfig {
        try ExperimentConfig.parse(Data(json.utf8), file: "test.json")
    }

    static func error(_ json: String) -> ConfigError? {
        do { _ = try parse(json); return nil } catch let e as ConfigError { return e } catch { return nil }
    }

    @Test("a minimal config gets every default, written out explicitly")
    func defaults() throws {
        let c = try Self.parse(#"{"name": "x"}"#)
        #expect(c.dataset.kind == .fashionMNIST)
        #expect(c.splits.map(\.name) == ["similar", "dissimilar"])
        #expect(c.seeds == [0, 1, 2])
        #expect(c.layers == Array(1...7))
        #expect(c.treatments == TreatmentFamily.defaults)
        #expect(c.capPerClass.b == 300 && c.capPerClass.a == nil)
        let json = c.canonicalJSON
        for key in ["\"iterations\"", "\"batch_size\"", "\"learning_rate\"", "\"cap_per_class\"", "\"A\":null"] {
            #expect(json.contains(key), "canonical JSON lacks \(key)")
        }
        // The canonical form parses back to the same config and hash.
        let again = try Self.parse(json.replacingOccurrences(of: "\"head\":\"softmax\"", with: "\"head\":\"softmax\""))
        #expect(again == c)
        #expect(again.hash == c.hash)
    }

    @Test("each config struct owns its defaults; the resolved config reads back identical")
    func resolved() throws {
        let c = try Self.parse(#"{"name": "x"}"#)
        #expect(c.network == .default && c.training == .default && c.capPerClass == .default && c.analysis == .default)
        #expect(c.splits == SplitConfig.defaults(for: .fashionMNIST) && c.seeds == ExperimentConfig.defaultSeeds)
        #expect(c.network.conv == NetworkDescription.Widths().conv && c.network.fc == NetworkDescription.Widths().fc)
        let everyKey = try Self.parse(Self.everyKey)
        for name in ["default", "quick", "budget", "smoke", "target-size", "x", "every key"] {
            let config = name == "x" ? c : name == "every key" ? everyKey : try ExperimentConfig.load(
                PythonEnvironment.packageRoot.appendingPathComponent("configs/\(name).json"))
            let again = try Self.parse(config.resolvedJSON)
            #expect(again == config, "\(name)")
            #expect(again.hash == config.hash && again.resolvedJSON == config.resolvedJSON, "\(name)")
        }
    }

    /// A config that sets every key to a value other than its default: the parser and the
    /// encoder must agree on each key's name and form for it to read back identical.
    static let everyKey = #"""
        { "name": "every-key",
          "dataset": { "kind": "synthetic", "path": "/data", "emnist_subset": "letters", "cifar100_label": "coarse",
                       "synthetic": { "seed": 7, "classes": 6, "train_per_class": 40, "test_per_class": 9, "channels": 2,
                                      "height": 10, "width": 11, "noise": 0.2, "max_shift": 1 } },
          "splits": [ { "name": "sim", "kind": "similar", "size_a": 2 },
                      { "name": "dis", "kind": "dissimilar", "a": ["class 0", 1], "b": [2, "class 3"],
                        "directions": ["B→A", "A→B"] } ],
          "seeds": [4, 2], "layers": [6, 2], "treatments": ["randomNB", "baseB", "BnB+", "baseA", "AnB"],
          "network": { "conv": [3, 4, 5, 6, 7], "fc": [9, 8], "dropout": 0.25, "head": "softmax" },
          "training": { "iterations": [40, 20], "batch_size": 16, "learning_rate": 0.05, "lr_decay_at": [0.8, 0.5],
                        "lr_gamma": 0.5, "momentum": 0.8, "weight_decay": 0.001, "mean": "perChannel",
                        "validation_per_class": 3, "eval_every": 5, "checkpoint_every": 10, "eval_batch_size": 32,
                        "augmentation": { "crop_padding": 2, "horizontal_flip": true }, "cache_frozen_prefix": false,
                        "source": { "iterations": 90, "batch_size": 32, "learning_rate": 0.02, "lr_decay_at": [0.6],
                                    "lr_gamma": 0.2, "eval_every": 30, "checkpoint_every": 45 } },
          "cap_per_class": { "A": 30, "B": [5, null, 10] },
          "threads": 1,
          "analysis": { "cka_images": 16, "cka_threshold": 0.7 } }
        """#

    @Test("a checkpoint's stored dataset reads back through the config's parser, strictly")
    func storedDataset() throws {
        let specs = [DatasetSpec.fashionMNIST, DatasetSpec(kind: .cifar100, path: "/x", cifar100Label: .coarse),
                     try Self.parse(Self.everyKey).dataset]
        for spec in specs {
            var o = try StrictObject.parse(Data(canonicalJSON(spec).utf8), file: "c.h5")
            #expect(try ExperimentConfig.parseDataset(object: &o) == spec)
        }
        var unknown = try StrictObject.parse(Data(#"{"kind": "mnist", "subset": "x"}"#.utf8), file: "c.h5")
        #expect(throws: ConfigError(file: "c.h5", key: "subset", reason: "unknown key (known keys here: cifar100_label, "
                                    + "emnist_subset, kind, path, synthetic)")) {
            try ExperimentConfig.parseDataset(object: &unknown)
        }
    }

    @Test("bad configs fail with file, key and reason", arguments: [
        (#"{"name": "x", "trainig": {}}"#, "trainig", "unknown key"),
        (#"{"name": "x", "training": {"batchsize": 3}}"#, "training.batchsize", "unknown key"),
        (#"{"name": "x", "training": {"batch_size": "64"}}"#, "training.batch_size", "expected an integer"),
        (#"{"name": "x", "training": {"iterations": 0}}"#, "training.iterations", "≥ 1"),
        (#"{"name": "x", "layers": [0, 3]}"#, "layers", "outside 1…7"),
        (#"{"name": "x", "layers": [8]}"#, "layers", "outside 1…7"),
        (#"{"name": "x", "splits": [{"name": "d", "kind": "dissimilar", "a": [], "b": ["Bag"]}]}"#, "splits[0].a", "non-empty"),
        (#"{"name": "x", "splits": [{"name": "d", "kind": "dissimilar", "a": ["Bag"], "b": ["Bag"]}]}"#, "splits[0].b", "both A and B"),
        (#"{"name": "x", "splits": [{"name": "d", "kind": "dissimilar", "a": [3], "b": [4, 3]}]}"#, "splits[0].b", "class #3 is in both"),
        (##"{"name": "x", "splits": [{"name": "d", "kind": "dissimilar", "a": ["#3"], "b": ["Bag"]}]}"##, "splits[0].a[0]", "the integer 3"),
        (#"{"name": "x", "splits": [{"name": "d", "kind": "dissimilar", "a": [true], "b": ["Bag"]}]}"#, "splits[0].a[0]", "a class name or an integer"),
        (#"{"name": "x", "splits": [{"name": "d", "kind": "dissimilar", "a": [1.5], "b": ["Bag"]}]}"#, "splits[0].a[0]", "a class name or an integer"),
        (#"{"name": "x", "treatments": ["baseB", "AnB"]}"#, "treatments", "baseA"),
        (#"{"name": "x", "treatments": ["AnX"]}"#, "treatments[0]", "unknown treatment"),
        (#"{"name": "x", "seeds": []}"#, "seeds", "at least one"),
        (#"{"name": "x", "network": {"conv": [1, 2]}}"#, "network.conv", "5 positive"),
        (#"{"name": "x", "network": {"head": "tanh"}}"#, "network.head", "softmax"),
        (#"{"name": "x", "cap_per_class": {"B": 0}}"#, "cap_per_class.B", "≥ 1"),
        (#"{"name": "x", "dataset": {"kind": "imagenet"}}"#, "dataset.kind", "unknown dataset"),
        (#"{"name": "x", "training": {"augmentation": {"flip": true}}}"#, "training.augmentation.flip", "unknown key"),
        (#"{"seeds": [1]}"#, "name", "required"),
        (#"[1, 2]"#, "", "top level"),
        (#"{"name": "x""#, "", "not valid JSON"),
    ])
    func badConfig(json: String, key: String, reason: String) throws {
        let e = try #require(Self.error(json), "expected a ConfigError for \(json)")
        #expect(e.file == "test.json")
        #expect(e.key == key)
        #expect(e.description.contains(reason), "\(e)")
    }

    @Test("a cap larger than a class has fails before training, naming the key")
    func capTooLarge() throws {
        let c = try Self.parse(#"""
        {"name": "x", "dataset": {"kind": "synthetic", "synthetic": {"classes": 4, "train_per_class": 30,
         "test_per_class": 5, "height": 12, "width": 12}},
         "splits": [{"name": "s", "kind": "similar"}], "seeds": [0],
         "training": {"validation_per_class": 5}, "cap_per_class": {"B": 50}}
        """#)
        let data = try LoadedData.load(c.dataset, mean: c.training.mean)
        do {
            try ExperimentPlan(c).validateData(file: "test.json", data: data)
            Issue.record("a cap of 50 with 25 images per class must fail")
        } catch let e as ConfigError {
            #expect(e.key == "cap_per_class.B")
            #expect(e.description.contains("50"))
        }
    }

    @Test("a class name the dataset lacks fails before training")
    func unknownClass() throws {
        let c = try Self.parse(#"""
        {"name": "x", "splits": [{"name": "d", "kind": "dissimilar", "a": ["Sock"], "b": ["Bag"]}], "seeds": [0]}
        """#)
        let data = try LoadedData.load(c.dataset, mean: c.training.mean)
        #expect(throws: ConfigError.self) { try ExperimentPlan(c).validateData(file: "test.json", data: data) }
    }
}

@Suite("plan")
struct PlanTests {
    @Test("the default plan: bases first, 2 + 7×5 runs per oriented split and seed, stable ids")
    func defaultPlan() throws {
        let c = try ConfigTests.parse(#"{"name": "x"}"#)
        let plan = ExperimentPlan(c)
        #expect(plan.runs.count == 3 * 3 * (2 + 7 * 5), "similar, dissimilar A→B and B→A")
        var seen = Set<String>()
        for run in plan.runs {
            if let base = plan.base(of: run) { #expect(seen.contains(base.id), "\(run.label) before its base") }
            seen.insert(run.id)
        }
        #expect(seen.count == plan.runs.count, "ids are unique")
        #expect(ExperimentPlan(c).runs.map(\.id) == plan.runs.map(\.id), "ids are stable")
        let a3b = try plan.find(label: "A3B+", split: "similar", seed: 1)
        #expect(plan.base(of: a3b)?.label == "baseA")
        #expect(try plan.find(label: "random5B", split: "dissimilar", seed: 2).baseID == nil)
    }

    @Test("a change that affects results changes the ids of the runs it affects, and their dependents")
    func idsFollowChanges() throws {
        let a = ExperimentPlan(try ConfigTests.parse(#"{"name": "x", "seeds": [0]}"#))
        let b = ExperimentPlan(try ConfigTests.parse(#"{"name": "x", "seeds": [0], "cap_per_class": {"A": 1000}}"#))
        let baseA1 = try a.find(label: "baseA", split: "similar", seed: 0), baseA2 = try b.find(label: "baseA", split: "similar", seed: 0)
        #expect(baseA1.id != baseA2.id)
        #expect(try a.find(label: "A2B", split: "similar", seed: 0).id != b.find(label: "A2B", split: "similar", seed: 0).id)
        let threads = ExperimentPlan(try ConfigTests.parse(#"{"name": "x", "seeds": [0], "threads": 1}"#))
        #expect(threads.runs.map(\.id) == a.runs.map(\.id), "threads do not change what a run computes")
    }

    @Test("labels round-trip and --only globs select runs")
    func labels() throws {
        for family in TreatmentFamily.allCases {
            let n: Int? = family.isBase ? nil : 4
            let parsed = try #require(TreatmentFamily.parse(label: family.label(n: n)))
            #expect(parsed.0 == family && parsed.1 == n)
        }
        let plan = ExperimentPlan(try ConfigTests.parse(#"{"name": "x", "seeds": [0]}"#))
        #expect(plan.matching("similar/A*B+/*").count == 7)
        #expect(plan.matching("baseB").count == 3)
    }
}

/// Config names become folders: they must stay plain names, and `clean` stays inside its folder.
@Suite struct PathSafetyTests {
    @Test("names that would leave the results folder are rejected, naming the key", arguments: [
        (#"{"name": ".."}"#, "name"), (#"{"name": "."}"#, "name"), (#"{"name": ".hidden"}"#, "name"),
        (#"{"name": "a\u0001b"}"#, "name"), (#"{"name": "x/y"}"#, "name"), (#"{"name": ""}"#, "name"),
        (#"{"name": "x", "splits": [{"name": "..", "kind": "similar"}]}"#, "splits[0].name"),
        (#"{"name": "x", "splits": [{"name": "a/b", "kind": "similar"}]}"#, "splits[0].name"),
    ])
    func unsafeNames(json: String, key: String) throws {
        do {
            _ = try ExperimentConfig.parse(Data(json.utf8), file: "test.json")
            Issue.record("\(json) must be rejected")
        } catch let error as ConfigError {
            #expect(error.file == "test.json" && error.key == key, "\(error)")
        }
    }

    @Test func plainNamesPass() {
        for name in ["default", "quick-2", "fmnist_small", "v1.2", "Übung"] { #expect(PlainName.problem(name) == nil, "\(name)") }
        for name in ["", ".", "..", ".x", "a/b", "a\\b", "a\u{0}b", "tab\there", String(repeating: "x", count: 101)] {
            #expect(PlainName.problem(name) != nil, "\(name.debugDescription)")
        }
    }

    @Test func cleanRemovesOnlyTheExperimentFolder() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("clean-\(UUID().uuidString)")
        let results = base.appendingPathComponent("results")
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createDirectory(at: results.appendingPathComponent("exp/similar"), withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: base.appendingPathComponent("keep.txt"))

        // ".." would be the parent of the results folder: refused, nothing removed.
        #expect(throws: ResultsCleaning.Refusal.self) {
            try ResultsCleaning.removeExperimentDirectory(ResultsLayout(root: results, experiment: ".."))
        }
        #expect(FileManager.default.fileExists(atPath: base.appendingPathComponent("keep.txt").path))
        // A link named like the experiment is not followed.
        let outside = base.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: results.appendingPathComponent("linked"), withDestinationURL: outside)
        #expect(throws: ResultsCleaning.Refusal.self) {
            try ResultsCleaning.removeExperimentDirectory(ResultsLayout(root: results, experiment: "linked"))
        }
        #expect(FileManager.default.fileExists(atPath: outside.path))
        // The experiment's own folder goes; its siblings stay.
        #expect(try ResultsCleaning.removeExperimentDirectory(ResultsLayout(root: results, experiment: "exp")))
        #expect(!FileManager.default.fileExists(atPath: results.appendingPathComponent("exp").path))
        #expect(FileManager.default.fileExists(atPath: results.appendingPathComponent("linked").path))
        #expect(try !ResultsCleaning.removeExperimentDirectory(ResultsLayout(root: results, experiment: "exp")))
    }
}

/// Every number of a config is held to a documented limit before anything runs.
@Suite struct ConfigLimitTests {
    static func error(_ json: String) -> ConfigError? {
        do { _ = try ExperimentConfig.parse(Data(json.utf8), file: "limits.json"); return nil } catch {
            return error as? ConfigError
        }
    }

    static func synthetic(_ fields: String) -> String {
        #"{"name": "x", "dataset": {"kind": "synthetic", "synthetic": {\#(fields)}}, "splits": [{"name": "s", "kind": "similar"}]}"#
    }

    @Test("numbers that used to crash a run fail up front, naming file, key and limit", arguments: [
        (#"{"name": "x", "threads": 1e14}"#, "threads", "0…1024"),
        (#"{"name": "x", "threads": 2147483648}"#, "threads", "0…1024"),
        (synthetic(#""classes": 1000000000"#), "dataset.synthetic.classes", "2…1000"),
        (synthetic(#""height": 1000000000"#), "dataset.synthetic.height", "1…1024"),
        (synthetic(#""channels": 1000000"#), "dataset.synthetic.channels", "1…64"),
        (synthetic(#""train_per_class": 1000000000000"#), "dataset.synthetic.train_per_class", "1…1000000"),
        (#"{"name": "x", "training": {"batch_size": 100000000}}"#, "training.batch_size", "1…65536"),
        (#"{"name": "x", "network": {"fc": [100000000, 2]}}"#, "network.fc", "1…65536"),
        (#"{"name": "x", "seeds": [3000000000]}"#, "seeds", "0…2147483647"),
    ])
    func outOfLimits(json: String, key: String, limit: String) throws {
        let error = try #require(Self.error(json), "\(json) must be rejected")
        #expect(error.file == "limits.json")
        #expect(error.key == key, "\(error)")
        #expect(error.reason.contains(limit), "\(error)")
    }

    @Test func aPlanThatCannotFitInMemoryIsRejectedWithTheEstimate() throws {
        let error = try #require(Self.error(Self.synthetic(#""classes": 1000, "train_per_class": 1000000, "height": 64, "width": 64"#)))
        #expect(error.reason.contains("would need about") && error.reason.contains("GiB"), "\(error)")
    }

    @Test func theShippedConfigsAreWithinTheLimits() throws {
        let dir = TestSupportPaths.configs
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".json") {
            #expect(throws: Never.self) { try ExperimentConfig.load(dir.appendingPathComponent(name)) }
        }
        let estimate = MemoryEstimate(try ExperimentConfig.load(TestSupportPaths.configs.appendingPathComponent("default.json")))
        #expect(estimate.bytes > 0.5 * Double(1 << 30) && estimate.bytes < 4 * Double(1 << 30), "\(estimate.bytes)")
    }
}

enum TestSupportPaths {
    static let configs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("configs")
}
