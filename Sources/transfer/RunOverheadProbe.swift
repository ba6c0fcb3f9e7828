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
        var record: RunRecord

        var wallSeconds: Double { record.wallSeconds ?? record.seconds }
        var outsideShare: Double { wallSeconds > 0 ? 1 - (record.stepSeconds ?? 0) / wallSeconds : 0 }

        var json: [String: Any] {
            func rounded(_ v: Double?) -> Double { ((v ?? 0) * 1000).rounded() / 1000 }
            let r = record
            return ["run_\(kind)_seconds": rounded(wallSeconds), "run_\(kind)_step_seconds": rounded(r.stepSeconds),
                    "run_\(kind)_outside_share": rounded(outsideShare), "run_\(kind)_peak_rss_mib": (r.peakRSSBytes ?? 0) >> 20,
                    "run_\(kind)_validation_seconds": rounded(r.validationSeconds),
                    "run_\(kind)_checkpoint_seconds": rounded(r.checkpointSeconds),
                    "run_\(kind)_test_seconds": rounded(r.testSeconds), "run_\(kind)_setup_seconds": rounded(r.setUpSeconds)]
        }

        var summary: String {
            let r = record
            return String(format: "%@ run: %.1f s, %.1f s in steps (%.0f %% outside: validation %.1f s, checkpoints %.1f s, "
                          + "test %.1f s, set-up %.1f s), peak RSS %d MiB", kind as NSString, wallSeconds, r.stepSeconds ?? 0,
                          outsideShare * 100, r.validationSeconds ?? 0, r.checkpointSeconds ?? 0, r.testSeconds ?? 0,
                          r.setUpSeconds ?? 0, (r.peakRSSBytes ?? 0) >> 20)
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
            return Figures(kind: kind, record: try RunRecord.load(from: layout.record(run)))
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
