import Slurm
import Foundation
import Testing
import TestSupport

/// Submits small DAGs to a real one-node Slurm cluster, with a stand-in for `transfer`.
@Suite(.serialized, .requires(SlurmLocalCluster.dependency), .slurmLocalCluster)
struct SlurmClusterTests {
    /// Two bases in wave 0; two transfer runs in wave 1 that depend on them.
    static let runs: [SlurmRunSpec] = [
        SlurmRunSpec(id: "similar/baseA/0", label: "baseA", split: "similar", seed: 0),
        SlurmRunSpec(id: "similar/baseB/1", label: "baseB", split: "similar", seed: 1),
        SlurmRunSpec(id: "similar/AnB+3/0", label: "AnB+3", split: "similar", seed: 0,
                     dependencies: ["similar/baseA/0", "similar/baseB/1"]),
        SlurmRunSpec(id: "similar/BnB3/1", label: "BnB3", split: "similar", seed: 1,
                     dependencies: ["similar/baseB/1", "already-done"]),
    ]

    /// A folder with a stand-in `transfer` (records "$*" in calls.txt, exits 1 for `failLabel`)
    /// and the written batch.
    private static func prepare(failLabel: String?) throws -> (root: URL, calls: URL, config: String, batch: SlurmBatch) {
        let root = try SlurmTestSupport.temporaryDirectory("slurm-cluster")
        let calls = root.appendingPathComponent("calls.txt")
        let failCase = failLabel.map { "*\" --run \($0) \"*) exit 1 ;;" } ?? ""
        let transfer = try SlurmTestSupport.writeExecutable(root.appendingPathComponent("fake-transfer"), """
            printf '%s\\n' "$*" >> '\(calls.path)'
            case " $* " in
                \(failCase)
                *) exit 0 ;;
            esac
            """)
        let options = SlurmOptions(
            time: "00:05:00", cpusPerTask: 1, mem: "100M", transferBinary: transfer.path,
            configPath: "configs/tiny.json", workingDirectory: root.path)
        let batch = try SlurmScriptWriter(experiment: "tiny", options: options)
            .write(runs, to: root.appendingPathComponent("results/tiny/slurm"))
        return (root, calls, root.appendingPathComponent("configs/tiny.json").path, batch)
    }

    /// Polls `scontrol -o show job` until every job (and array task) has finished or been purged.
    private static func waitForAll(
        _ submission: SlurmSubmission, submitter: SlurmSubmitter, timeout: Double = 120
    ) async throws -> [SlurmJobInfo] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let jobs = try submitter.jobInfo(submission.jobIDs)
            if jobs.allSatisfy(\.isFinished) { return jobs }
            if Date() > deadline {
                let open = jobs.filter { !$0.isFinished }.map { "\($0.jobID) \($0.name) \($0.state) \($0.reason)" }
                Issue.record("jobs not finished after \(timeout) s: \(open)")
                return jobs
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    private static func records(_ jobs: [SlurmJobInfo], of id: String) -> [SlurmJobInfo] {
        jobs.filter { $0.arrayJobID == id || ($0.arrayJobID == nil && $0.jobID == id) }
    }

    private static func runLine(_ run: SlurmRunSpec, config: String) -> String {
        let results = URL(fileURLWithPath: config).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("results").path
        return "run \(config) --run \(run.label) --split \(run.split) --seed \(run.seed) --threads 1 --results \(results)"
    }

    private static func finalizeLines(config: String) -> [String] {
        let results = "--results " + URL(fileURLWithPath: config).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("results").path
        return ["plan \(config) --failures \(results)", "table \(config) \(results)", "plot \(config) \(results)",
                "report \(config) \(results)"]
    }

    @Test func everyTaskRunsOnceWithItsArgumentsThenFinalize() async throws {
        let environment = try SlurmLocalCluster.requireEnvironment()
        let (root, calls, config, batch) = try Self.prepare(failLabel: nil)
        defer { try? FileManager.default.removeItem(at: root) }
        let submitter = SlurmSubmitter(environment: environment)
        let started = Date()
        let submission = try submitter.submit(batch)
        #expect(submission.waveJobIDs.count == 2)
        let jobs = try await Self.waitForAll(submission, submitter: submitter)
        print("2-wave DAG (4 tasks + finalize) on the local cluster: \(String(format: "%.1f", Date().timeIntervalSince(started))) s")

        for wave in submission.waveJobIDs {
            let tasks = Self.records(jobs, of: wave)
            #expect(tasks.count == 2 && tasks.allSatisfy { $0.state == "COMPLETED" }, "wave job \(wave): \(tasks)")
        }
        #expect(Self.records(jobs, of: submission.finalizeJobID).map(\.state) == ["COMPLETED"])

        let lines = SlurmTestSupport.lines(calls)
        #expect(lines.count == 8, "\(lines)")
        #expect(Set(lines.prefix(4)) == Set(Self.runs.map { Self.runLine($0, config: config) }))
        #expect(Array(lines.suffix(4)) == Self.finalizeLines(config: config))
        // Wave 1 started only after both bases.
        let firstTransfer = lines.firstIndex { $0.contains("--run AnB+3") || $0.contains("--run BnB3") } ?? -1
        let lastBase = lines.lastIndex { $0.contains("--run baseA") || $0.contains("--run baseB") } ?? Int.max
        #expect(lastBase < firstTransfer)
        // Per-task logs, named by wave and index.
        for wave in batch.waves {
            for (index, run) in wave.runs.enumerated() {
                let log = batch.logsDirectory.appendingPathComponent("wave-\(wave.index)-\(index).out")
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                #expect(text.contains("wave \(wave.index) task \(index): run \(run.id) "), "\(log.path): \(text)")
            }
        }
        #expect(FileManager.default.fileExists(atPath: batch.logsDirectory.appendingPathComponent("finalize.out").path))
        #expect(SlurmTestSupport.lines(batch.jobsFile).count == 4)
    }

    @Test func aRejectedSubmissionNamesTheWaveAndSbatchsMessage() throws {
        let environment = try SlurmLocalCluster.requireEnvironment()
        let root = try SlurmTestSupport.temporaryDirectory("slurm-cluster")
        defer { try? FileManager.default.removeItem(at: root) }
        let options = SlurmOptions(partition: "no-such-partition", transferBinary: "/bin/true", configPath: "c.json")
        let batch = try SlurmScriptWriter(experiment: "tiny", options: options).write(Self.runs, to: root)
        do {
            let submission = try SlurmSubmitter(environment: environment).submit(batch)
            Issue.record("sbatch accepted an unknown partition: \(submission.jobIDs)")
        } catch {
            guard case .submissionFailed(let step, _, let stderr) = error else {
                Issue.record("wrong error: \(error)")
                return
            }
            #expect(step == "wave-0")
            #expect(stderr.lowercased().contains("partition"), "\(stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: batch.jobsFile.path))
    }

    @Test func aFailedBaseCancelsTheNextWaveAndFinalizeStillRuns() async throws {
        let environment = try SlurmLocalCluster.requireEnvironment()
        let (root, calls, config, batch) = try Self.prepare(failLabel: "baseB")
        defer { try? FileManager.default.removeItem(at: root) }
        let submitter = SlurmSubmitter(environment: environment)
        let started = Date()
        let submission = try submitter.submit(batch)
        let jobs = try await Self.waitForAll(submission, submitter: submitter)
        print("2-wave DAG with a failing base: \(String(format: "%.1f", Date().timeIntervalSince(started))) s")

        let wave0 = Self.records(jobs, of: submission.waveJobIDs[0])
        #expect(Set(wave0.map { "\($0.arrayTaskID ?? "?")=\($0.state)" }) == ["0=COMPLETED", "1=FAILED"])
        // Cancelled because afterok can never be satisfied, not left pending.
        let wave1 = Self.records(jobs, of: submission.waveJobIDs[1])
        #expect(wave1.allSatisfy { $0.state == "CANCELLED" && $0.reason == "DependencyNeverSatisfied" }, "\(wave1)")
        #expect(Self.records(jobs, of: submission.finalizeJobID).map(\.state) == ["COMPLETED"])

        let lines = SlurmTestSupport.lines(calls)
        #expect(Set(lines.prefix(2)) == Set(Self.runs.prefix(2).map { Self.runLine($0, config: config) }))
        #expect(Array(lines.dropFirst(2)) == Self.finalizeLines(config: config))
    }
}
