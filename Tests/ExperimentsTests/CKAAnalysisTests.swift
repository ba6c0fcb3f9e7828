import Foundation
import Plots
import Similarity
import Testing
import TestSupport
@testable import Experiments

/// Linear CKA finds corresponding layers of two independently trained nets (Kornblith et al.
/// 2019's sanity check), on real data.
///
/// Measured here (matrices in the README): at smoke scale (the synthetic data, or 8…16-channel
/// nets on Fashion-MNIST) it does not hold — adjacent conv layers are all 0.9+ alike and a
/// seed's conv1 resembles the other seed's conv2–conv4 more than they resemble each other. It
/// holds for the study's own network (fmnist8 at default widths) after 150 iterations on task
/// B of the dissimilar split, with margins of 0.003 at conv3 and fc6; the same net trained on
/// all of task B's images fails at conv3 and conv5. So this test trains two such nets (~1 min).
@Suite("CKA: corresponding layers across seeds", .serialized)
struct CKAAnalysisTests {
    static let smoke = PythonEnvironment.packageRoot.appendingPathComponent("configs/smoke.json")
    static let quick = PythonEnvironment.packageRoot.appendingPathComponent("configs/quick.json")
    static let layers = ["conv1", "conv2", "conv3", "conv4", "conv5", "fc6", "fc7"]

    static func train(_ plan: ExperimentPlan, _ layout: ResultsLayout, only: (RunSpec) -> Bool = { _ in true }) throws {
        for run in plan.runs where only(run) {
            try RunTrainer(plan: plan, run: run, options: RunOptions(layout: layout, threads: 1, echo: false)).execute()
        }
    }

    @Test("two seeds of fmnist8 (150 iterations on dissimilar task B): each layer's row maximum is its counterpart")
    func correspondingLayers() throws {
        var config = try ExperimentConfig.load(Self.quick)
        config.splits = config.splits.filter { $0.name == "dissimilar" }
        config.splits[0].directions = nil   // A→B only
        config.seeds = [0, 1]
        config.treatments = [.baseA, .baseB]
        // Pinned here (not read from quick.json, which may change): what the check was measured with.
        config.network = NetworkConfig(conv: [32, 32, 64, 64, 128], fc: [512, 512], dropout: 0.5, head: .softmax)
        config.capPerClass = TaskCaps(a: nil, b: 300)
        config.training.batchSize = 64
        config.training.learningRate = 0.01
        config.training.iterationSweep = nil
        config.training.iterations = 150
        config.training.evalEvery = 150
        config.training.checkpointEvery = 150
        let plan = ExperimentPlan(config)
        let layout = ResultsLayout(root: FileManager.default.temporaryDirectory
            .appendingPathComponent("cka-seeds-\(UUID().uuidString)"), experiment: config.name)
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try Self.train(plan, layout) { $0.family == .baseB }

        let data = try LoadedData.load(config.dataset, mean: config.training.mean)
        let baseB = try plan.find(label: "baseB", split: "dissimilar", seed: 0)
        let resolved = try baseB.split.classSplit(seed: 0).resolve(classNames: data.train.classNames)
        let sample = try ImageSample(task: try data.task(for: baseB, split: resolved), size: 1000)
        #expect(sample.count == 1000)
        let nets = try [0, 1].map { seed in
            try NetworkGrams.compute(checkpoint: layout.checkpoint(try plan.find(label: "baseB", split: "dissimilar", seed: seed)),
                                     images: sample)
        }
        #expect(nets[0].layers == Self.layers)
        let matrix = try nets[0].grams.map { a in try nets[1].grams.map { b in try #require(try LinearCKA.similarity(a, b).value) } }
        for (i, row) in matrix.enumerated() {
            let text = row.map { ReportFormat.fixed($0, 3) }.joined(separator: " ")
            #expect(row.indices.allSatisfy { row[i] >= row[$0] }, "\(Self.layers[i]) of seed 0 vs seed 1's layers: \(text)")
        }
    }
}

/// The whole analysis on the smoke config (both splits, seeds 0 and 1, n = 3): missing runs,
/// rows, exact CKA = 1 on frozen copied layers, outputs.
@Suite("CKA analysis end to end", .serialized)
struct CKAAnalysisEndToEndTests {
    static func setUp() throws -> (ExperimentPlan, ResultsLayout) {
        var config = try ExperimentConfig.load(CKAAnalysisTests.smoke)
        config.seeds = [0, 1]
        config.layers = [3]
        config.treatments = [.baseA, .baseB, .BnB, .BnBPlus, .AnB, .AnBPlus, .randomNB]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cka-e2e-\(UUID().uuidString)")
        return (ExperimentPlan(config), ResultsLayout(root: dir, experiment: config.name))
    }

    @Test("missing runs are listed and nothing is written; then every comparison, exact on frozen layers")
    func analyze() throws {
        let (plan, layout) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try CKAAnalysisTests.train(plan, layout) { $0.family.isBase || $0.family == .AnB }
        var lines: [String] = []
        let analysis = CKAAnalysis(plan: plan, layout: layout, threads: 1) { lines.append($0) }
        let missing = analysis.missingRuns().map(\.run.qualifiedName)
        #expect(missing == ["similar/B3B/seed0", "similar/B3B+/seed0", "similar/A3B+/seed0",
                            "similar/B3B/seed1", "similar/B3B+/seed1", "similar/A3B+/seed1",
                            "dissimilar/B3B/seed0", "dissimilar/B3B+/seed0", "dissimilar/A3B+/seed0",
                            "dissimilar/B3B/seed1", "dissimilar/B3B+/seed1", "dissimilar/A3B+/seed1"],
                "random3B has no base to compare with and is not needed")
        #expect(throws: AnalysisError.self) { try analysis.compute() }
        #expect(lines.isEmpty, "nothing computed")
        #expect(!FileManager.default.fileExists(atPath: layout.experimentDirectory.appendingPathComponent("cka.csv").path))

        try CKAAnalysisTests.train(plan, layout) { !$0.family.isBase && $0.family != .AnB && $0.family != .randomNB }
        let rows = try analysis.compute()
        // Per split: 2 seeds × (bases + 4 transferred) pairs + 6 labels × 1 seed pair; 7 layers each.
        #expect(rows.count == 2 * (2 * 5 + 6) * 7)
        #expect(rows.allSatisfy { $0.direction == "A→B" && $0.images == 60 && $0.cka.value != nil })
        for row in rows where row.netB == "A3B" && !row.isAcrossSeeds {
            let copied = ["conv1", "conv2", "conv3"].contains(row.layer)
            if copied { #expect(abs(row.cka.value! - 1) < 1e-9, "\(row.split) \(row.layer): frozen copy of baseA") }
            else { #expect(row.cka.value! < 0.999, "\(row.split) \(row.layer): retrained on B") }
        }
        // The similar split's seeds have different tasks: seed 1's nets are recomputed on seed 0's images.
        #expect(lines.contains { $0.hasPrefix("similar A→B baseB/seed1 on seed 0's images") })
        #expect(!lines.contains { $0.hasPrefix("dissimilar") && $0.contains("images:") && $0.contains("on seed") })
        #expect(lines.contains { $0.hasPrefix("note: the target task of similar A→B (seed 0) has 60 test images") })

        let provenance = try analysis.provenance()
        #expect(provenance.codeVersion == CodeVersion.current && provenance.configHash == plan.config.hash)
        #expect(provenance.netCodeVersions.values.reduce(0, +) == analysis.neededRuns().count)
        let files = try CKAReport.write(rows: rows, config: plan.config, provenance: provenance,
                                        to: layout.experimentDirectory)
        #expect(files.map(\.lastPathComponent) == ["cka.csv", "cka-similar.svg", "cka-dissimilar.svg", "cka.md"])
        let csv = try String(contentsOf: files[0], encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 1 + rows.count)
        let markdown = try String(contentsOf: files[3], encoding: .utf8)
        #expect(markdown.contains("at code version \(CodeVersion.current) from config \(plan.config.hash.prefix(12))"))
    }
}

/// The real tool: asking to analyze runs that are not there.
@Suite("transfer analyze")
struct AnalyzeCommandTests {
    @Test("nothing trained: every needed run is listed, the exit status is non-zero, nothing is written")
    func missing() throws {
        guard TransferBinary.url != nil else { Issue.record("build the transfer tool first (make test does)"); return }
        let results = FileManager.default.temporaryDirectory.appendingPathComponent("analyze-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: results) }
        let smoke = CKAAnalysisTests.smoke.path
        let result = try TransferBinary.run(["analyze", smoke, "--results", results.path])
        #expect(result.status != 0)
        #expect(result.output.contains("28 runs are not done; nothing was written"), "\(result.output)")
        #expect(result.output.contains("similar/baseA/seed0: missing") && result.output.contains("dissimilar/A7B+/seed0: missing"))
        #expect(!result.output.contains("random"), "random-filter controls are not analyzed")
        #expect(!FileManager.default.fileExists(atPath: results.appendingPathComponent("smoke/cka.csv").path))
    }
}

/// The analysis's one adapter to the plan.
@Suite("CKA groups")
struct CKAGroupTests {
    @Test("both directions of a split share its name; each compares its own source and target bases")
    func directions() throws {
        let plan = ExperimentPlan(try ExperimentConfig.load(CKAAnalysisTests.quick))
        let groups = plan.ckaGroups()
        #expect(groups.map { "\($0.split) \($0.direction)" } == ["similar A→B", "dissimilar A→B", "dissimilar B→A"])
        let reverse = groups[2]
        #expect(reverse.sourceBase.split.name == "dissimilar-BA" && reverse.sourceBase.family == .baseA)
        #expect(reverse.targetBase.split.name == "dissimilar-BA" && reverse.targetBase.family == .baseB)
        #expect(reverse.transferred.count == 4 * 7, "AnB, AnB+, BnB, BnB+ at n = 1…7; random3B is not compared")
        #expect(reverse.transferred.allSatisfy { plan.base(of: $0.run) == $0.base })
        #expect(reverse.transferred.allSatisfy { $0.base == ($0.run.family.source == .a ? reverse.sourceBase : reverse.targetBase) })
    }
}
