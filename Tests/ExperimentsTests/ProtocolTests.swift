import Checkpoints
import Foundation
import NeuralNet
import Records
import TestSupport
import Testing
@testable import Experiments

/// The faithful protocol: source nets with their own budget, both directions of a split, and
/// target variants (budgets, sizes) that share their sources.
@Suite("protocol")
struct ProtocolTests {
    static let dissimilar = #"{"name": "d", "kind": "dissimilar", "directions": ["A→B", "B->A"], "a": ["Bag", "Coat"], "b": ["Dress", "Shirt"]}"#

    @Test("reversing a split swaps the class lists' roles; the config lists each class once")
    func reversal() throws {
        let c = try ConfigTests.parse(#"{"name": "x", "seeds": [0], "splits": [\#(Self.dissimilar)]}"#)
        #expect(c.splits[0].directions == [.forward, .reverse])
        let plan = ExperimentPlan(c)
        let forward = try plan.find(label: "baseB", split: "d", seed: 0)
        let reverse = try plan.find(label: "baseB", split: "d-BA", seed: 0)
        #expect(forward.split.a == ["Bag", "Coat"] && forward.split.b == ["Dress", "Shirt"])
        #expect(reverse.split.a == ["Dress", "Shirt"] && reverse.split.b == ["Bag", "Coat"])
        #expect(reverse.direction == .reverse && reverse.splitGroup == "d")
        #expect(forward.id != reverse.id)
        // Source (full) and target (capped) keep their roles in both directions.
        #expect(reverse.caps.b == 300 && forward.caps.b == 300)
        #expect(try plan.find(label: "A3B", split: "d-BA", seed: 0).baseID == plan.find(label: "baseA", split: "d-BA", seed: 0).id)
        // Different directions and splits draw independent random streams for the same seed.
        #expect(forward.stream(.initialization(label: "baseB")) != reverse.stream(.initialization(label: "baseB")))
        #expect(forward.stream(.subsample(.b)) != reverse.stream(.subsample(.b)))
    }

    @Test("a source block gives baseA its own budget; only baseA and the runs copying from it change ids")
    func sourceBudget() throws {
        let plain = ExperimentPlan(try ConfigTests.parse(#"{"name": "x", "seeds": [0], "training": {"iterations": 40}}"#))
        let sourced = ExperimentPlan(try ConfigTests.parse(
            #"{"name": "x", "seeds": [0], "training": {"iterations": 40, "source": {"iterations": 90, "batch_size": 32}}}"#))
        let baseA = try sourced.find(label: "baseA", split: "similar", seed: 0)
        #expect(baseA.training.iterations == 90 && baseA.training.batchSize == 32 && baseA.isSource)
        for run in sourced.runs where !run.isSource {
            #expect(run.training.iterations == 40 && run.training.batchSize == 128, "\(run.qualifiedName)")
            #expect(run.training.source == nil)
        }
        for (a, b) in zip(plain.runs, sourced.runs) {
            #expect(a.qualifiedName == b.qualifiedName)
            let dependsOnA = a.family == .baseA || a.family.requiredBase == .baseA
            #expect((a.id != b.id) == dependsOnA, "\(a.qualifiedName)")
        }
    }

    @Test("lists of target budgets and sizes expand per variant and share the source nets")
    func variants() throws {
        let c = try ConfigTests.parse(#"""
        {"name": "x", "seeds": [0, 1], "layers": [2], "splits": [{"name": "s", "kind": "similar"}],
         "training": {"iterations": [30, 60], "source": {"iterations": 100}},
         "cap_per_class": {"B": [10, null]}}
        """#)
        let plan = ExperimentPlan(c)
        let views = Set(plan.runs.map(\.split.name))
        #expect(views == ["s", "s-i30-c10", "s-i30-call", "s-i60-c10", "s-i60-call"])
        let sources = plan.runs.filter(\.isSource)
        #expect(sources.count == 2, "one source per seed, shared by the 4 variants")
        let a2b = plan.runs.filter { $0.label == "A2B" && $0.seed == 1 }
        #expect(a2b.count == 4)
        #expect(Set(a2b.map(\.baseID)) == [sources.first { $0.seed == 1 }!.id])
        #expect(Set(a2b.map(\.training.iterations)) == [30, 60])
        #expect(Set(a2b.map { $0.caps.b ?? -1 }) == [10, -1])
        // A variant's runs have the ids of the same single-budget config: nothing is recomputed.
        let single = ExperimentPlan(try ConfigTests.parse(#"""
        {"name": "x", "seeds": [0, 1], "layers": [2], "splits": [{"name": "s", "kind": "similar"}],
         "training": {"iterations": 60, "source": {"iterations": 100}}, "cap_per_class": {"B": 10}}
        """#))
        let variantIDs = Set(plan.runs.filter { $0.split.name == "s-i60-c10" || $0.isSource }.map(\.id))
        #expect(variantIDs == Set(single.runs.map(\.id)))
    }

    @Test("protocol mistakes name the file and key", arguments: [
        (#"{"name": "x", "splits": [{"name": "s", "kind": "similar", "directions": ["A→B"]}]}"#, "splits[0].directions", "only a dissimilar"),
        (#"{"name": "x", "splits": [{"name": "d", "kind": "dissimilar", "directions": ["A→B", "A→C"], "a": ["Bag"], "b": ["Coat"]}]}"#,
         "splits[0].directions[1]", "unknown direction"),
        (#"{"name": "x", "splits": [{"name": "d", "kind": "dissimilar", "directions": ["B→A", "B->A"], "a": ["Bag"], "b": ["Coat"]}]}"#,
         "splits[0].directions[1]", "twice"),
        (#"{"name": "x", "training": {"iterations": [30, 30], "source": {"iterations": 9}}}"#, "training.iterations", "distinct"),
        (#"{"name": "x", "training": {"iterations": [30, 60]}}"#, "training.iterations", "training.source.iterations"),
        (#"{"name": "x", "training": {"source": {"iterations": 0}}}"#, "training.source.iterations", "≥ 1"),
        (#"{"name": "x", "training": {"source": {"epochs": 3}}}"#, "training.source.epochs", "unknown key"),
        (#"{"name": "x", "training": {"source": {}}, "treatments": ["baseA", "baseB", "BnA"]}"#, "training.source", "directions"),
        (#"{"name": "x", "cap_per_class": {"B": [30, 100, 30]}}"#, "cap_per_class.B", "distinct"),
        (#"{"name": "x", "cap_per_class": {"B": [30, 0]}}"#, "cap_per_class.B[1]", "≥ 1"),
        (#"{"name": "x", "cap_per_class": {"B": [30, "all"]}}"#, "cap_per_class.B[1]", "integer or null"),
    ])
    func mistakes(json: String, key: String, reason: String) throws {
        let e = try #require(ConfigTests.error(json), "expected a ConfigError for \(json)")
        #expect(e.file == "test.json")
        #expect(e.key == key)
        #expect(e.description.contains(reason), "\(e)")
    }

    @Test("a source budget smaller than the target's is allowed, with a warning")
    func smallSourceWarns() throws {
        let small = try ConfigTests.parse(#"{"name": "x", "training": {"iterations": 300, "source": {"iterations": 100}}}"#)
        #expect(small.warnings.count == 1 && small.warnings[0].contains("training.source"))
        let large = try ConfigTests.parse(#"{"name": "x", "training": {"iterations": 300, "source": {"iterations": 2000}}}"#)
        #expect(large.warnings.isEmpty)
    }

    @Test("a source run trains the source budget, a target run the target budget (smoke, in-process)")
    func budgetsTrained() throws {
        let (plan, layout) = try TransferCorrectnessTests.setUp {
            $0.training.iterations = 20
            var source = SourceTraining()
            source.iterations = 45
            source.evalEvery = 15
            $0.training.source = source
        }
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let base = try TransferCorrectnessTests.train(plan, layout, "baseA")
        let transfer = try TransferCorrectnessTests.train(plan, layout, "A4B+")
        #expect(base.trainer.step == 45)
        #expect(base.trainer.history["val_step"] == [15, 30, 45])
        #expect(transfer.trainer.step == 20)
        let record = try JSONDecoder().decode(RunRecord.self, from: Data(contentsOf: layout.record(
            try plan.find(label: "baseA", split: "similar", seed: 0))))
        #expect(record.iterations == 45 && record.splitGroup == "similar" && record.direction == "A→B")
        #expect(record.isa == DNNLInfo.effectiveISA && !(record.cpu ?? "").isEmpty, "the machine is recorded")
        #expect(record.wallSeconds! >= record.stepSeconds! && record.stepSeconds! > 0)
        let log = try String(contentsOf: layout.log(try plan.find(label: "baseA", split: "similar", seed: 0)), encoding: .utf8)
        #expect(log.contains("attempt: code "))
    }
}

/// Provenance of a run's log: every attempt is kept, headed by its code version and start step.
@Suite("train.log", .serialized)
struct TrainLogTests {
    @Test("an interrupted and resumed run keeps both attempts' lines")
    func appendsAcrossAttempts() throws {
        let (plan, layout) = try TransferCorrectnessTests.setUp { $0.training.iterations = 30; $0.training.evalEvery = 10 }
        defer { try? FileManager.default.removeItem(at: layout.root) }
        #expect(throws: RunError.self) { _ = try TransferCorrectnessTests.train(plan, layout, "baseB", stopAfter: 10) }
        _ = try TransferCorrectnessTests.train(plan, layout, "baseB")
        let run = try plan.find(label: "baseB", split: "similar", seed: 0)
        let lines = try String(contentsOf: layout.log(run), encoding: .utf8).split(separator: "\n")
        let attempts = lines.filter { $0.contains("attempt: code \(CodeVersion.current)") }
        #expect(attempts.count == 2)
        #expect(attempts.first?.hasSuffix("from step 0") == true)
        #expect(attempts.last?.hasSuffix("resuming at step 10") == true)
        #expect(lines.contains { $0.contains("step 10/30") }, "the first attempt's progress is still there")
        #expect(lines.last?.contains("done: top-1") == true)
    }
}

/// The sweep's launch order: what others wait for first, then the longest.
@Suite struct SweepOrderTests {
    @Test("sources start first (every split's), then the longest ready runs; dependents wait for their base")
    func longRunsFirst() throws {
        let plan = ExperimentPlan(try ConfigTests.parse(#"""
        {"name": "x", "seeds": [0], "layers": [3], "training": {"iterations": 30, "source": {"iterations": 200}}}
        """#))
        var todo = plan.runs
        var pending = Set(todo.map(\.id))
        let dependents = Dictionary(grouping: todo.compactMap(\.baseID)) { $0 }.mapValues(\.count)
        var order: [RunSpec] = []
        // Launch three without finishing anything: the three sources (one per oriented split).
        for _ in 0..<3 {
            let i = try #require(Sweep.next(in: todo, pending: pending, dependents: dependents))
            order.append(todo.remove(at: i))
        }
        #expect(order.allSatisfy { $0.isSource })
        #expect(Set(order.map(\.split.name)) == ["similar", "dissimilar", "dissimilar-BA"])
        // Next: baseB (others wait for it), never an AnB whose source is still running.
        let next = try #require(Sweep.next(in: todo, pending: pending, dependents: dependents))
        #expect(todo[next].family == .baseB)
        for run in order { pending.remove(run.id) }
        todo.removeAll { $0.family == .baseB }
        let afterBases = try #require(Sweep.next(in: todo, pending: pending.subtracting(plan.runs.filter { $0.family == .baseB }.map(\.id)),
                                                 dependents: dependents))
        #expect(todo[afterBases].family.fineTuned, "a fine-tuned run (full cost) before a frozen one")
    }
}
