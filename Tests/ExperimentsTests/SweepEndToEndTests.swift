import Foundation
import Testing
import TestSupport

/// The real `transfer` tool on the synthetic smoke config: plan, sweep, skip, rerun, force,
/// failure handling.
@Suite("sweep end to end", .serialized)
struct SweepEndToEndTests {
    static let smoke = PythonEnvironment.packageRoot.appendingPathComponent("configs/smoke.json").path

    static func transfer(_ args: [String], results: URL) throws -> (status: Int32, output: String) {
        try TransferBinary.run(args + ["--results", results.path])
    }

    static func top1(_ json: String) -> Double? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["top1_accuracy"] as? Double
    }

    static func lines(_ output: String, starting prefix: String) -> [Substring] {
        output.split(separator: "\n").filter { $0.hasPrefix(prefix) }
    }

    @Test("plan, sweep, nothing to redo, one deleted record reruns alone, --force reruns")
    func sweep() throws {
        guard TransferBinary.url != nil else { Issue.record("build the transfer tool first (make test does)"); return }
        let results = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: results) }

        let plan = try Self.transfer(["plan", Self.smoke], results: results)
        #expect(plan.status == 0)
        #expect(plan.output.contains("34 runs"))
        #expect(plan.output.contains("missing 34"))

        let first = try Self.transfer(["sweep", Self.smoke, "--jobs", "2"], results: results)
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("computed 34, reused 0, waited for 0, failed 0, blocked 0 of 34"))
        let csv = try String(contentsOf: results.appendingPathComponent("smoke/similar/top1.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 1 + 17)
        for file in ["smoke/summary.md", "smoke/figure.svg", "smoke/dissimilar/top1.md"] {
            #expect(FileManager.default.fileExists(atPath: results.appendingPathComponent(file).path), "\(file)")
        }

        let second = try Self.transfer(["sweep", Self.smoke, "--jobs", "2"], results: results)
        #expect(second.status == 0)
        #expect(second.output.contains("computed 0, reused 34"))
        #expect(Self.lines(second.output, starting: "[skip]").count == 34)

        let record = results.appendingPathComponent("smoke/similar/runs/B4B-seed0/record.json")
        try FileManager.default.removeItem(at: record)
        let third = try Self.transfer(["sweep", Self.smoke], results: results)
        #expect(third.status == 0)
        #expect(third.output.contains("computed 1, reused 33"))
        #expect(third.output.contains("similar/B4B/seed0: top-1"))

        let forced = try Self.transfer(["sweep", Self.smoke, "--force", "--only", "dissimilar/baseB/*"], results: results)
        #expect(forced.status == 0)
        #expect(forced.output.contains("computed 1, reused 0"))

        // A checkpoint can be inspected and evaluated from the file alone.
        let checkpoint = results.appendingPathComponent("smoke/dissimilar/runs/A4B+-seed0/checkpoint.h5").path
        let inspect = try TransferBinary.run(["inspect", checkpoint])
        #expect(inspect.status == 0, "\(inspect.output)")
        #expect(inspect.output.contains("conv1") && inspect.output.contains("fc8"))
        let json = results.appendingPathComponent("eval.json").path
        let eval = try TransferBinary.run(["eval", checkpoint, "--json", json])
        #expect(eval.status == 0, "\(eval.output)")
        #expect(eval.output.contains("class 3"), "the report names the classes")
        let recorded = try String(contentsOf: results.appendingPathComponent("smoke/dissimilar/runs/A4B+-seed0/metrics.json"),
                                  encoding: .utf8)
        let evaluated = try String(contentsOf: URL(fileURLWithPath: json), encoding: .utf8)
        #expect(Self.top1(recorded) == Self.top1(evaluated), "eval reproduces the run's own test top-1")
        let notHDF5 = try TransferBinary.run(["inspect", json])
        #expect(notHDF5.status != 0)
        #expect(notHDF5.output.contains(json))
    }

    @Test("a failing base: its dependents do not start, the rest finish, exit status non-zero; fixing it completes")
    func failure() throws {
        guard TransferBinary.url != nil else { Issue.record("build the transfer tool first (make test does)"); return }
        let results = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-fail-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: results) }
        // A directory where baseA's record must go: the run trains, then cannot write its record.
        let blocker = results.appendingPathComponent("smoke/similar/runs/baseA-seed0/record.json")
        try FileManager.default.createDirectory(at: blocker.appendingPathComponent("x"), withIntermediateDirectories: true)
        let run = try Self.transfer(["sweep", Self.smoke, "--jobs", "2"], results: results)
        #expect(run.status != 0)
        #expect(run.output.contains("failed: similar/baseA/seed0"))
        let notStarted = Self.lines(run.output, starting: "not started: similar/A")
        #expect(notStarted.count == 6, "A1B, A1B+, A4B, A4B+, A7B, A7B+ depend on it: \(run.output)")
        #expect(run.output.contains("dissimilar/A7B+/seed0: top-1"), "the other split is unaffected")
        let listing = try Self.transfer(["plan", Self.smoke, "--failures"], results: results)
        #expect(listing.status != 0)
        #expect(listing.output.contains("similar/A4B/seed0"))

        try FileManager.default.removeItem(at: blocker)
        let again = try Self.transfer(["sweep", Self.smoke, "--jobs", "2"], results: results)
        #expect(again.status == 0, "\(again.output)")
        #expect(again.output.contains("computed 7"))
    }

    @Test("an invalid config fails before training, naming file, key and reason")
    func invalidConfig() throws {
        guard TransferBinary.url != nil else { Issue.record("build the transfer tool first (make test does)"); return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bad-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.json")
        try Data(#"{"name": "bad", "layers": [0], "training": {"iterations": 5}}"#.utf8).write(to: file)
        let out = try Self.transfer(["sweep", file.path], results: dir)
        #expect(out.status != 0)
        #expect(out.output.contains("bad.json: layers: n = 0 is outside 1…7"), "\(out.output)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad").path), "nothing was written")
    }

    /// The smoke config renamed, on the similar split, seed 0, with these treatments at n = 4.
    static func sharedConfig(_ name: String, treatments: [String], in folder: URL) throws -> String {
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: smoke))) as! [String: Any]
        json["name"] = name
        json["splits"] = [["name": "similar", "kind": "similar"]]
        json["layers"] = [4]
        json["treatments"] = treatments
        let url = folder.appendingPathComponent("\(name).json")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        return url.path
    }

    @Test("a run done in another experiment with the same id is adopted, not retrained; an unusable one is not")
    func adoption() throws {
        guard TransferBinary.url != nil else { Issue.record("build the transfer tool first (make test does)"); return }
        let results = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-adopt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: results) }
        let a = try Self.sharedConfig("share-a", treatments: ["baseA", "baseB", "AnB"], in: results)
        let b = try Self.sharedConfig("share-b", treatments: ["baseA", "baseB", "AnB", "AnB+"], in: results)
        let first = try Self.transfer(["sweep", a], results: results)
        #expect(first.status == 0 && first.output.contains("computed 3, reused 0, waited"), "\(first.output)")

        // share-b: three runs are the same runs (same ids), AnB+ is new and copies from the adopted baseA.
        let before = try Self.transfer(["plan", b], results: results)
        #expect(before.output.contains("(same run done in share-a/similar/runs/baseA-seed0: a sweep adopts it)"), "\(before.output)")
        #expect(before.output.contains("missing 4; 3 of the runs not done are done in another experiment"), "\(before.output)")
        let second = try Self.transfer(["sweep", b], results: results)
        #expect(second.status == 0, "\(second.output)")
        #expect(second.output.contains("computed 1, reused 0, adopted 3, waited"), "\(second.output)")
        #expect(second.output.contains("[adopt] similar/baseA/seed0: the same run"), "\(second.output)")
        func record(_ experiment: String, _ run: String) throws -> [String: Any] {
            let url = results.appendingPathComponent("\(experiment)/similar/runs/\(run)/record.json")
            return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        }
        for run in ["baseA-seed0", "baseB-seed0", "A4B-seed0"] {
            let original = try record("share-a", run), copy = try record("share-b", run)
            #expect(copy["reused_from"] as? String == "share-a/similar/runs/\(run)")
            #expect(copy["experiment"] as? String == "share-b" && original["reused_from"] == nil)
            #expect(copy["top1"] as? Double == original["top1"] as? Double && copy["run_id"] as? String == original["run_id"] as? String)
        }
        #expect(try record("share-b", "A4B+-seed0")["reused_from"] == nil)
        let log = try String(contentsOf: results.appendingPathComponent("share-b/similar/runs/baseA-seed0/train.log"), encoding: .utf8)
        #expect(log.contains("reused: the run with the same id"))
        let plan = try Self.transfer(["plan", b], results: results)
        #expect(plan.output.contains("done 4"), "\(plan.output)")
        let compute = try String(contentsOf: results.appendingPathComponent("share-b/compute.md"), encoding: .utf8)
        #expect(compute.contains("Adopted from other experiments") && compute.contains("share-a (3 runs)"), "\(compute)")

        // A damaged original is never copied: with both copies of baseB broken, share-c trains it.
        for experiment in ["share-a", "share-b"] {
            let checkpoint = results.appendingPathComponent("\(experiment)/similar/runs/baseB-seed0/checkpoint.h5")
            var bytes = try Data(contentsOf: checkpoint)
            bytes[bytes.count / 2] ^= 0xFF
            try bytes.write(to: checkpoint)
        }
        let c = try Self.sharedConfig("share-c", treatments: ["baseA", "baseB", "AnB"], in: results)
        let third = try Self.transfer(["sweep", c], results: results)
        #expect(third.status == 0, "\(third.output)")
        #expect(third.output.contains("computed 1, reused 0, adopted 2, waited"), "\(third.output)")
        #expect(third.output.contains("[train] similar/baseB/seed0: the same run in share-b/similar/runs/baseB-seed0 cannot be used"),
                "\(third.output)")
        #expect(try record("share-c", "baseB-seed0")["top1"] as? Double == (try record("share-a", "baseB-seed0"))["top1"] as? Double,
                "retrained, the same numbers")
    }
}
