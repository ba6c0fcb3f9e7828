import Experiments
import Foundation
import Records

/// The time a run spends around its training steps, measured the way a sweep runs it: two short
/// runs of the default protocol's target cadences (batch 64, validation every 25 steps,
/// a checkpoint every 100, the test evaluation) as `transfer run` child processes on
/// Fashion-MNIST's similar split, seed 0 — a baseB that trains every layer, then B5B, whose
/// copied prefix is frozen. Each record gives wall and step seconds and its process's peak RSS.
struct RunOverheadProbe {
    /// Training steps of each run.
    var steps: Int
    var threads: Int

    /// The figures of one run, under `run_<kind>_…` keys of the bench's JSON line.
    struct Figures {
        var kind: String
        var wallSeconds: Double
        var stepSeconds: Double
        var validationSeconds: Double
        var checkpointSeconds: Double
        var testSeconds: Double
        var peakRSSBytes: Int

        var outsideShare: Double { wallSeconds > 0 ? 1 - stepSeconds / wallSeconds : 0 }
        var setUpSeconds: Double { max(0, wallSeconds - stepSeconds - validationSeconds - checkpointSeconds - testSeconds) }

        var json: [String: Any] {
            func rounded(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }
            return ["run_\(kind)_seconds": rounded(wallSeconds), "run_\(kind)_step_seconds": rounded(stepSeconds),
                    "run_\(kind)_outside_share": rounded(outsideShare), "run_\(kind)_peak_rss_mib": peakRSSBytes >> 20,
                    "run_\(kind)_validation_seconds": rounded(validationSeconds),
                    "run_\(kind)_checkpoint_seconds": rounded(checkpointSeconds),
                    "run_\(kind)_test_seconds": rounded(testSeconds), "run_\(kind)_setup_seconds": rounded(setUpSeconds)]
        }

        var summary: String {
            String(format: "%@ run: %.1f s, %.1f s in steps (%.0f %% outside: validation %.1f s, checkpoints %.1f s, "
                   + "test %.1f s, set-up %.1f s), peak RSS %d MiB", kind as NSString, wallSeconds, stepSeconds,
                   outsideShare * 100, validationSeconds, checkpointSeconds, testSeconds, setUpSeconds, peakRSSBytes >> 20)
        }
    }

    /// Runs both and removes their folder.
    func measure() throws -> [Figures] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("transfer-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let configURL = folder.appendingPathComponent("bench-run.json")
        try Data(config.utf8).write(to: configURL)
        let config = try ExperimentConfig.load(configURL)
        let plan = ExperimentPlan(config)
        let layout = ResultsLayout(root: folder.appendingPathComponent("results"), experiment: config.name)
        return try [("trained", "baseB"), ("frozen", "B5B")].map { kind, label in
            let run = try plan.find(label: label, split: "similar", seed: 0)
            try launch(label, config: configURL, results: layout.root)
            let record = try RunRecord.load(from: layout.record(run))
            return Figures(kind: kind, wallSeconds: record.wallSeconds ?? record.seconds, stepSeconds: record.stepSeconds ?? 0,
                           validationSeconds: record.validationSeconds ?? 0, checkpointSeconds: record.checkpointSeconds ?? 0,
                           testSeconds: record.testSeconds ?? 0, peakRSSBytes: record.peakRSSBytes ?? 0)
        }
    }

    private var config: String {
        """
        { "name": "bench-run", "splits": [{ "name": "similar", "kind": "similar" }], "seeds": [0], "layers": [5],
          "treatments": ["baseB", "BnB"], "threads": \(threads),
          "training": { "iterations": \(steps), "batch_size": 64, "eval_every": 25, "checkpoint_every": 100,
                        "eval_batch_size": 512, "validation_per_class": 100 },
          "cap_per_class": { "A": null, "B": 300 } }
        """
    }

    private func launch(_ label: String, config: URL, results: URL) throws {
        let p = Process()
        p.executableURL = currentExecutable
        p.arguments = ["run", config.path, "--run", label, "--split", "similar", "--seed", "0",
                       "--threads", String(threads), "--results", results.path, "--quiet"]
        p.environment = ChildProcesses.childEnvironment()
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw fail("the overhead probe's \(label) run failed (exit \(p.terminationStatus))")
        }
    }
}
