import Slurm
import Foundation
import Testing
import TestSupport

/// The real `transfer` tool on a real one-node Slurm cluster (same suite, so one cluster at a time).
extension SlurmClusterTests {
    static let smoke = PythonEnvironment.packageRoot.appendingPathComponent("configs/smoke.json").path

    /// Submits the smoke config with `transfer slurm --submit` and waits for every job it submitted.
    static func submitSmoke(results: URL, environment: [String: String]) async throws -> (output: String, jobs: [SlurmJobInfo]) {
        let jobsFile = results.appendingPathComponent("smoke/slurm/jobs.tsv")
        let before = SlurmTestSupport.lines(jobsFile).count
        let submit = try TransferBinary.run(["slurm", smoke, "--submit", "--results", results.path, "--time", "00:10:00"],
                                            environment: environment)
        #expect(submit.status == 0, "\(submit.output)")
        let ids = SlurmTestSupport.lines(jobsFile).dropFirst(before).compactMap { line -> String? in
            let fields = line.split(separator: "\t").map(String.init)
            return fields.count > 2 && fields[2].allSatisfy(\.isNumber) ? fields[2] : nil
        }
        let submitter = SlurmSubmitter(environment: environment)
        let deadline = Date().addingTimeInterval(600)
        while true {
            let jobs = try submitter.jobInfo(ids)
            if jobs.allSatisfy(\.isFinished) { return (submit.output, jobs) }
            if Date() > deadline {
                Issue.record("jobs not finished after 600 s: \(jobs.filter { !$0.isFinished }.map(\.jobID))")
                return (submit.output, jobs)
            }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// top1.md, summary.md and figure.svg, and top1.csv without its timing column.
    static func tables(_ results: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        for file in ["similar/top1.md", "dissimilar/top1.md", "summary.md", "figure.svg"] {
            out[file] = try String(contentsOf: results.appendingPathComponent("smoke/\(file)"), encoding: .utf8)
        }
        for split in ["similar", "dissimilar"] {
            let csv = try String(contentsOf: results.appendingPathComponent("smoke/\(split)/top1.csv"), encoding: .utf8)
            let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let seconds = rows[0].firstIndex(of: "seconds")!
            out["\(split)/top1.csv"] = rows.map { r in r.enumerated().filter { $0.offset != seconds }.map { String($0.element) }
                .joined(separator: ",") }.joined(separator: "\n")
        }
        return out
    }

    @Test func aSlurmSweepGivesTheSameTablesAsALocalSweep() async throws {
        let environment = try SlurmLocalCluster.requireEnvironment()
        guard TransferBinary.url != nil else { Issue.record("build the transfer tool first (make test does)"); return }
        let root = try SlurmTestSupport.temporaryDirectory("slurm-e2e")
        defer { try? FileManager.default.removeItem(at: root) }
        let local = root.appendingPathComponent("local"), cluster = root.appendingPathComponent("cluster")
        let sweep = try TransferBinary.run(["sweep", Self.smoke, "--jobs", "2", "--results", local.path])
        #expect(sweep.status == 0, "\(sweep.output)")

        let (output, jobs) = try await Self.submitSmoke(results: cluster, environment: environment)
        #expect(output.contains("squeue -j"))
        #expect(jobs.allSatisfy { $0.state == "COMPLETED" }, "\(jobs.map { "\($0.jobID) \($0.state)" })")
        #expect(try Self.tables(cluster) == Self.tables(local), "Slurm and local sweeps must give identical tables")
        // Every run ran exactly once: one task log per run, naming it.
        let logs = try FileManager.default.contentsOfDirectory(atPath: cluster.appendingPathComponent("smoke/slurm/logs").path)
        #expect(logs.filter { $0.hasPrefix("wave-") }.count == 34)
        let again = try TransferBinary.run(["slurm", Self.smoke, "--results", cluster.path], environment: environment)
        #expect(again.output.contains("nothing to submit"))
    }

    @Test func aFailingBaseIsReportedAndAResubmissionCompletes() async throws {
        let environment = try SlurmLocalCluster.requireEnvironment()
        guard TransferBinary.url != nil else { Issue.record("build the transfer tool first (make test does)"); return }
        let root = try SlurmTestSupport.temporaryDirectory("slurm-e2e-fail")
        defer { try? FileManager.default.removeItem(at: root) }
        let results = root.appendingPathComponent("results")
        let blocker = results.appendingPathComponent("smoke/similar/runs/baseA-seed0/record.json")
        try FileManager.default.createDirectory(at: blocker.appendingPathComponent("x"), withIntermediateDirectories: true)

        let (_, jobs) = try await Self.submitSmoke(results: results, environment: environment)
        #expect(jobs.contains { $0.state == "FAILED" })
        #expect(jobs.contains { $0.state == "CANCELLED" && $0.reason == "DependencyNeverSatisfied" }, "not left pending")
        #expect(!jobs.contains { $0.state == "PENDING" })
        let finalize = try String(contentsOf: results.appendingPathComponent("smoke/slurm/logs/finalize.out"), encoding: .utf8)
        #expect(finalize.contains("similar/baseA/seed0"), "\(finalize)")
        #expect(finalize.contains("similar/A4B/seed0"), "the runs that never started are listed")

        try FileManager.default.removeItem(at: blocker)
        let (output, again) = try await Self.submitSmoke(results: results, environment: environment)
        #expect(again.allSatisfy { $0.state == "COMPLETED" }, "\(again.map { "\($0.jobID) \($0.state)" })")
        #expect(!output.contains("for 34 run(s)"), "only what was missing is resubmitted: \(output)")
        let plan = try TransferBinary.run(["plan", Self.smoke, "--failures", "--results", results.path])
        #expect(plan.status == 0, "\(plan.output)")
    }
}
