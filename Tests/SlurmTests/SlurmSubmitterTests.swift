import Slurm
import Foundation
import Testing

/// The submitter against stand-in `sbatch` and `scontrol` commands that record their arguments.
@Suite struct SlurmSubmitterTests {
    /// A folder with fake sbatch/scontrol; sbatch prints ids 101, 102, … ("id;cluster"), and fails
    /// on call number `failOnCall` with a message on stderr.
    private struct FakeSlurm {
        let root: URL
        let bin: URL
        var calls: URL { root.appendingPathComponent("sbatch.calls") }

        init(failOnCall: Int? = nil, controllerDown: Bool = false, output: String? = nil) throws {
            root = try SlurmTestSupport.temporaryDirectory("slurm-fake")
            bin = root.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            let state = root.path
            try SlurmTestSupport.writeExecutable(bin.appendingPathComponent("sbatch"), """
                echo "$*" >> '\(state)/sbatch.calls'
                n=$(wc -l < '\(state)/sbatch.calls')
                if [ "$n" = '\(failOnCall.map(String.init) ?? "none")' ]; then
                    echo "sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified" >&2
                    exit 1
                fi
                \(output.map { "echo '\($0)'" } ?? "echo \"$((100 + n));transfer\"")
                """)
            try SlurmTestSupport.writeExecutable(bin.appendingPathComponent("scontrol"), controllerDown
                ? "echo 'Slurmctld(primary) at vm is DOWN'; exit 1\n"
                : "echo 'Slurmctld(primary) at vm is UP'\n")
        }

        var environment: [String: String] {
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = bin.path + ":/usr/bin:/bin"
            environment["SLURM_CONF"] = nil
            return environment
        }
    }

    private static func batch(in root: URL) throws -> SlurmBatch {
        let options = SlurmOptions(transferBinary: "/bin/true", configPath: "c.json", workingDirectory: root.path)
        return try SlurmScriptWriter(experiment: "quick", options: options)
            .write(SlurmTestSupport.sampleRuns, to: root.appendingPathComponent("slurm"))
    }

    @Test func chainsWavesWithAfterokAndFinalizeWithAfterany() throws {
        let fake = try FakeSlurm()
        defer { try? FileManager.default.removeItem(at: fake.root) }
        let batch = try Self.batch(in: fake.root)
        let submission = try SlurmSubmitter(environment: fake.environment).submit(batch)

        #expect(submission.waveJobIDs == ["101", "102", "103"])
        #expect(submission.finalizeJobID == "104")
        #expect(submission.followCommand == "squeue -j 101,102,103,104")
        let dir = batch.directory.path
        #expect(SlurmTestSupport.lines(fake.calls) == [
            "--parsable --kill-on-invalid-dep=yes \(dir)/wave-0.sbatch",
            "--parsable --kill-on-invalid-dep=yes --dependency=afterok:101 \(dir)/wave-1.sbatch",
            "--parsable --kill-on-invalid-dep=yes --dependency=afterok:101:102 \(dir)/wave-2.sbatch",
            "--parsable --kill-on-invalid-dep=yes --dependency=afterany:101:102:103 \(dir)/finalize.sbatch",
        ])
        let jobs = SlurmTestSupport.lines(batch.jobsFile).map { $0.split(separator: "\t").map(String.init) }
        #expect(jobs.first == ["submitted_at", "step", "job_id", "dependency", "script"])
        #expect(jobs.dropFirst().map { Array($0.dropFirst()) } == [
            ["wave-0", "101", "-", "\(dir)/wave-0.sbatch"],
            ["wave-1", "102", "afterok:101", "\(dir)/wave-1.sbatch"],
            ["wave-2", "103", "afterok:101:102", "\(dir)/wave-2.sbatch"],
            ["finalize", "104", "afterany:101:102:103", "\(dir)/finalize.sbatch"],
        ])
        // A second submission appends, without a second header.
        _ = try SlurmSubmitter(environment: fake.environment).submit(batch)
        let again = SlurmTestSupport.lines(batch.jobsFile)
        #expect(again.count == 9)
        #expect(again.filter { $0.hasPrefix("submitted_at") }.count == 1)
    }

    @Test func aPlanWithNothingLeftSubmitsOnlyTheFinalizeJob() throws {
        let fake = try FakeSlurm()
        defer { try? FileManager.default.removeItem(at: fake.root) }
        let options = SlurmOptions(transferBinary: "/bin/true", configPath: "c.json")
        let batch = try SlurmScriptWriter(experiment: "done", options: options)
            .write([], to: fake.root.appendingPathComponent("slurm"))
        let submission = try SlurmSubmitter(environment: fake.environment).submit(batch)
        #expect(submission.waveJobIDs.isEmpty)
        #expect(SlurmTestSupport.lines(fake.calls) == [
            "--parsable --kill-on-invalid-dep=yes \(batch.directory.path)/finalize.sbatch",
        ])
    }

    @Test func anSbatchFailureStopsAndNamesTheWave() throws {
        let fake = try FakeSlurm(failOnCall: 2)
        defer { try? FileManager.default.removeItem(at: fake.root) }
        let batch = try Self.batch(in: fake.root)
        do {
            _ = try SlurmSubmitter(environment: fake.environment).submit(batch)
            Issue.record("submission should have failed")
        } catch {
            guard case .submissionFailed(let step, let status, let stderr) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(step == "wave-1")
            #expect(status == 1)
            #expect(stderr.contains("Invalid account"))
            #expect(error.description.contains("wave-1") && error.description.contains("Invalid account"))
        }
        #expect(SlurmTestSupport.lines(fake.calls).count == 2)
        let jobs = SlurmTestSupport.lines(batch.jobsFile)
        #expect(jobs.count == 2)
        #expect(jobs.last?.contains("\twave-0\t101\t") == true)
    }

    @Test func garbledSbatchOutputIsAnError() throws {
        let fake = try FakeSlurm(output: "Submitted batch job")
        defer { try? FileManager.default.removeItem(at: fake.root) }
        let batch = try Self.batch(in: fake.root)
        #expect(throws: SlurmError.unparsableJobID(step: "wave-0", output: "Submitted batch job\n")) {
            try SlurmSubmitter(environment: fake.environment).submit(batch)
        }
    }

    @Test func missingSbatchSaysHowToInstallAndKeepsTheScripts() throws {
        let root = try SlurmTestSupport.temporaryDirectory("slurm-none")
        defer { try? FileManager.default.removeItem(at: root) }
        let batch = try Self.batch(in: root)
        let empty = root.appendingPathComponent("empty-bin")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        do {
            _ = try SlurmSubmitter(environment: ["PATH": empty.path]).submit(batch)
            Issue.record("submission should have failed")
        } catch {
            #expect(error == .sbatchNotFound(path: empty.path, directory: batch.directory.path))
            #expect(error.description.contains("make deps-slurm"))
            #expect(error.description.contains("scripts/slurm-local.sh start"))
            #expect(error.description.contains(batch.directory.path))
        }
        #expect(FileManager.default.fileExists(atPath: batch.waves[0].script.path))
        #expect(!FileManager.default.fileExists(atPath: batch.jobsFile.path))
    }

    @Test func aMissingConfigurationOrADownControllerIsReportedBeforeSubmitting() throws {
        let fake = try FakeSlurm(controllerDown: true)
        defer { try? FileManager.default.removeItem(at: fake.root) }
        let batch = try Self.batch(in: fake.root)
        var environment = fake.environment
        environment["SLURM_CONF"] = fake.root.appendingPathComponent("absent.conf").path
        #expect(throws: SlurmError.notConfigured(configFile: environment["SLURM_CONF"]!, directory: batch.directory.path)) {
            try SlurmSubmitter(environment: environment).submit(batch)
        }
        let conf = fake.root.appendingPathComponent("slurm.conf")
        try Data("ClusterName=x\n".utf8).write(to: conf)
        environment["SLURM_CONF"] = conf.path
        do {
            _ = try SlurmSubmitter(environment: environment).submit(batch)
            Issue.record("submission should have failed")
        } catch {
            guard case .controllerUnreachable(let detail, _) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(detail.contains("DOWN"))
            #expect(error.description.contains("scripts/slurm-local.sh start"))
        }
        #expect(SlurmTestSupport.lines(fake.calls).isEmpty)
    }

    @Test func parsesScontrolOneLinerOutput() {
        let text = """
            JobId=5 ArrayJobId=1 ArrayTaskId=1 JobName=transfer-q-w0 UserId=root(0) JobState=FAILED Reason=NonZeroExitCode Dependency=(null) ExitCode=1:0 Command=/tmp/a b/wave-0.sbatch WorkDir=/tmp
            JobId=2 ArrayJobId=2 ArrayTaskId=0-1 JobName=transfer-q-w1 JobState=CANCELLED Reason=DependencyNeverSatisfied Dependency=afterok:1_*(failed) ExitCode=0:0
            JobId=3 JobName=transfer-q-final JobState=COMPLETED Reason=None ExitCode=0:0
            JobId=4 JobName=x JobState=PENDING Reason=Dependency
            garbage line
            """
        let jobs = SlurmJobInfo.parse(scontrolOneLiner: text)
        #expect(jobs.map(\.jobID) == ["5", "2", "3", "4"])
        #expect(jobs[0].arrayJobID == "1" && jobs[0].arrayTaskID == "1")
        #expect(jobs[0].state == "FAILED" && jobs[0].exitCode == "1:0")
        #expect(jobs[0].fields["Command"] == "/tmp/a b/wave-0.sbatch")
        #expect(jobs[1].reason == "DependencyNeverSatisfied" && jobs[1].arrayTaskID == "0-1")
        #expect(jobs[2].arrayJobID == nil && jobs[2].name == "transfer-q-final")
        #expect(jobs.map(\.isFinished) == [true, true, true, false])
    }
}
