import Checkpoints
import Foundation
import Testing
import TestSupport
@testable import Experiments

/// Transfer does what the paper says, in-process on the synthetic smoke config: copied layers
/// are the base's, frozen ones stay put, the rest start fresh; caching and resuming change nothing.
@Suite("transfer correctness", .serialized)
struct TransferCorrectnessTests {
    static let smoke = PythonEnvironment.packageRoot.appendingPathComponent("configs/smoke.json")

    static func setUp(_ edit: (inout ExperimentConfig) -> Void = { _ in }) throws -> (ExperimentPlan, ResultsLayout) {
        var config = try ExperimentConfig.load(smoke)
        config.seeds = [0]
        edit(&config)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("transfer-tests-\(UUID().uuidString)")
        return (ExperimentPlan(config), ResultsLayout(root: dir, experiment: config.name))
    }

    static func train(_ plan: ExperimentPlan, _ layout: ResultsLayout, _ label: String, stopAfter: Int? = nil) throws -> Checkpoint {
        let run = try plan.find(label: label, split: "similar", seed: 0)
        try RunTrainer(plan: plan, run: run, options: RunOptions(layout: layout, threads: 1, echo: false,
                                                                 stopAfterSteps: stopAfter)).execute()
        return try Checkpoint.read(from: layout.checkpoint(run))
    }

    static func weights(_ c: Checkpoint, _ name: String) -> [Float] { c.layers.first { $0.name == name }!.weight.values }

    @Test("A4B: layers 1–4 equal baseA's exactly, 5–8 differ; A4B+: every layer moved")
    func copiedAndFrozen() throws {
        let (plan, layout) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let base = try Self.train(plan, layout, "baseA")
        let frozen = try Self.train(plan, layout, "A4B")
        let tuned = try Self.train(plan, layout, "A4B+")
        for (i, name) in ["conv1", "conv2", "conv3", "conv4", "conv5", "fc6", "fc7"].enumerated() {
            if i < 4 {
                #expect(Self.weights(frozen, name) == Self.weights(base, name), "\(name) copied and frozen")
            } else {
                #expect(Self.weights(frozen, name) != Self.weights(base, name), "\(name) trained anew")
            }
            #expect(Self.weights(tuned, name) != Self.weights(base, name), "\(name) fine-tuned")
        }
        #expect(frozen.metadata.treatment == "A4B" && frozen.metadata.n == 4)
    }

    @Test("re-initialised layers do not start from the base's values")
    func reinitialised() throws {
        let (plan, layout) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let base = try Self.train(plan, layout, "baseA")
        #expect(throws: RunError.self) { _ = try Self.train(plan, layout, "A4B", stopAfter: 1) }
        let run = try plan.find(label: "A4B", split: "similar", seed: 0)
        let early = try Checkpoint.read(from: layout.checkpoint(run))
        #expect(early.trainer.step == 1)
        #expect(Self.weights(early, "conv4") == Self.weights(base, "conv4"))
        for name in ["conv5", "fc6", "fc7"] {
            let a = Self.weights(early, name), b = Self.weights(base, name)
            let distance = zip(a, b).map { Double($0 - $1) * Double($0 - $1) }.reduce(0, +).squareRoot()
            let norm = b.map { Double($0) * Double($0) }.reduce(0, +).squareRoot()
            #expect(distance > 0.5 * norm, "\(name) after one step is still far from the base")
        }
    }

    @Test("a frozen-prefix cached run gives the same result as an uncached one", arguments: ["A4B", "random1B", "B7B"])
    func cachedEqualsUncached(label: String) throws {
        let (plan, layout) = try Self.setUp()
        let (plainPlan, plainLayout) = try Self.setUp { $0.training.cacheFrozenPrefix = false }
        defer {
            try? FileManager.default.removeItem(at: layout.root)
            try? FileManager.default.removeItem(at: plainLayout.root)
        }
        let baseLabel = label.hasPrefix("A") ? "baseA" : "baseB"
        _ = try Self.train(plan, layout, baseLabel)
        _ = try Self.train(plainPlan, plainLayout, baseLabel)
        let cached = try Self.train(plan, layout, label), plain = try Self.train(plainPlan, plainLayout, label)
        for (a, b) in zip(cached.layers, plain.layers) { #expect(a.weight.values == b.weight.values, "\(a.name)") }
        // Validation on the cached prefix's features gives the full pass's accuracies.
        let curve = HistoryName.validationAccuracy
        #expect(cached.trainer.history[curve] != nil && cached.trainer.history[curve] == plain.trainer.history[curve])
        let log = try String(contentsOf: layout.log(try plan.find(label: label, split: "similar", seed: 0)), encoding: .utf8)
        #expect(log.contains("cached the frozen prefix"))
    }

    @Test("a run stopped halfway and resumed ends bit-identical to an uninterrupted run")
    func exactResume() throws {
        let (plan, layout) = try Self.setUp()
        let (_, straightLayout) = try Self.setUp()
        defer {
            try? FileManager.default.removeItem(at: layout.root)
            try? FileManager.default.removeItem(at: straightLayout.root)
        }
        let straight = try Self.train(plan, straightLayout, "baseB")
        let half = plan.config.training.iterations / 2 + 3  // not on a checkpoint boundary
        #expect(throws: RunError.self) { _ = try Self.train(plan, layout, "baseB", stopAfter: half) }
        let run = try plan.find(label: "baseB", split: "similar", seed: 0)
        guard case .resumable(let step) = RunStatus.of(run, in: layout) else {
            Issue.record("expected a resumable run"); return
        }
        #expect(step == half)
        let resumed = try Self.train(plan, layout, "baseB")
        for (a, b) in zip(resumed.layers, straight.layers) { #expect(a.weight.values == b.weight.values, "\(a.name)") }
        for (a, b) in zip(resumed.velocities, straight.velocities) { #expect(a.weight.values == b.weight.values) }
        let log = try String(contentsOf: layout.log(run), encoding: .utf8)
        #expect(log.contains("resuming from the checkpoint at step \(half)"))
    }

    @Test("a corrupt checkpoint is never used: the run is reported corrupt and retrained")
    func corruptCheckpoint() throws {
        let (plan, layout) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        _ = try Self.train(plan, layout, "baseB")
        let run = try plan.find(label: "baseB", split: "similar", seed: 0)
        let url = layout.checkpoint(run)
        var bytes = try Data(contentsOf: url)
        bytes = bytes.prefix(bytes.count / 2)  // truncated
        try bytes.write(to: url)
        guard case .corrupt = RunStatus.of(run, in: layout) else { Issue.record("truncation must be detected"); return }
        _ = try Self.train(plan, layout, "baseB")
        #expect(RunStatus.of(run, in: layout).isDone)
    }

    @Test("divergence stops the run with an error that names the step, and leaves no record")
    func divergence() throws {
        let (plan, layout) = try Self.setUp { $0.training.learningRate = 1e9 }
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let run = try plan.find(label: "baseB", split: "similar", seed: 0)
        do {
            try RunTrainer(plan: plan, run: run, options: RunOptions(layout: layout, threads: 1, echo: false)).execute()
            Issue.record("a learning rate of 1e9 must diverge")
        } catch {
            #expect("\(error)".contains("diverged"), "\(error)")
            #expect("\(error)".contains("at step"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: layout.record(run).path))
        guard case .failed(let why) = RunStatus.of(run, in: layout) else { Issue.record("must be reported failed"); return }
        #expect(why.contains("diverged"))
    }

    @Test("the reverse direction: B4A copies baseB's first layers and trains on task A")
    func reverse() throws {
        let (plan, layout) = try Self.setUp { $0.treatments += [.BnA, .BnAPlus] }
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let run = try plan.find(label: "B4A", split: "similar", seed: 0)
        #expect(plan.base(of: run)?.label == "baseB")
        let base = try Self.train(plan, layout, "baseB")
        let reverse = try Self.train(plan, layout, "B4A")
        #expect(Self.weights(reverse, "conv4") == Self.weights(base, "conv4"))
        #expect(Self.weights(reverse, "conv5") != Self.weights(base, "conv5"))
        let record = try #require(try RunStatus.record(of: run, in: layout))
        #expect(record.target == "A" && record.source == "B")
        let taskA = try run.split.classSplit(seed: 0).resolve(classNames: (0..<6).map { "class \($0)" }).a
        #expect(record.classIDs == taskA)
    }
}
