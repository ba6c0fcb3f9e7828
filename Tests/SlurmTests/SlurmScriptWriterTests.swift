import Slurm
import Foundation
import Testing

/// The text of the generated scripts, and what they do when bash runs them as an array task would.
@Suite struct SlurmScriptWriterTests {
    /// A stand-in `transfer` that appends its arguments (and the thread count it saw) to calls.txt,
    /// failing for the subcommands named in `failing`.
    private static func standIn(in directory: URL, failing: [String] = []) throws -> URL {
        let calls = directory.appendingPathComponent("calls.txt").path
        let failCases = failing.map { "    \($0)) exit 1 ;;\n" }.joined()
        return try SlurmTestSupport.writeExecutable(directory.appendingPathComponent("fake-transfer"), """
            printf '%s\\n' "$*" >> '\(calls)'
            case "$1" in
            \(failCases)    *) exit 0 ;;
            esac
            """)
    }

    private static func options(_ directory: URL, transfer: URL) -> SlurmOptions {
        SlurmOptions(
            partition: "cpu", account: "proj-42", time: "02:30:00", cpusPerTask: 3, mem: "6G",
            extraSbatch: ["--qos=short", "--constraint=avx2"], transferBinary: transfer.path,
            configPath: "configs/quick.json", workingDirectory: directory.path)
    }

    @Test func wavesGetOneArrayScriptEach() throws {
        let directory = try SlurmTestSupport.temporaryDirectory("slurm-writer")
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("results/quick/slurm")
        let writer = SlurmScriptWriter(experiment: "quick study", options: Self.options(directory, transfer: directory))
        let batch = try writer.write(SlurmTestSupport.sampleRuns, to: out)

        #expect(batch.waves.map { $0.runs.map(\.id) } == [["baseA", "baseB"], ["AnB3", "BnB3"], ["late"]])
        #expect(batch.waves.map(\.script.lastPathComponent) == ["wave-0.sbatch", "wave-1.sbatch", "wave-2.sbatch"])
        for wave in batch.waves {
            let text = try String(contentsOf: wave.script, encoding: .utf8)
            let directives = text.split(separator: "\n").filter { $0.hasPrefix("#SBATCH ") }.map(String.init)
            #expect(directives == [
                "#SBATCH --job-name=transfer-quick_study-w\(wave.index)",
                "#SBATCH --array=0-\(wave.runs.count - 1)",
                "#SBATCH --output=\(out.path)/logs/wave-\(wave.index)-%a.out",
                "#SBATCH --chdir=\(directory.path)",
                "#SBATCH --cpus-per-task=3",
                "#SBATCH --partition=cpu",
                "#SBATCH --account=proj-42",
                "#SBATCH --time=02:30:00",
                "#SBATCH --mem=6G",
                "#SBATCH --qos=short",
                "#SBATCH --constraint=avx2",
            ])
            #expect(text.hasPrefix("#!/bin/bash\n"))
            #expect(text.contains("--threads \"$THREADS\""))
            #expect(text.contains("THREADS=\"${SLURM_CPUS_PER_TASK:-1}\""))
            // Scripts are executable and no temporary file is left behind.
            let permissions = try FileManager.default.attributesOfItem(atPath: wave.script.path)[.posixPermissions] as? Int
            #expect(permissions == 0o755)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("logs").path, isDirectory: &isDirectory))
        #expect(isDirectory.boolValue)

        let finalize = try String(contentsOf: batch.finalizeScript, encoding: .utf8)
        #expect(finalize.contains("#SBATCH --job-name=transfer-quick_study-final\n"))
        #expect(finalize.contains("#SBATCH --output=\(out.path)/logs/finalize.out\n"))
        #expect(finalize.contains("#SBATCH --cpus-per-task=1\n"))
        #expect(!finalize.contains("--array"))

        let manifest = try String(contentsOf: batch.manifest, encoding: .utf8)
        #expect(manifest == """
            wave\tindex\trun_id\tlabel\tsplit\tseed
            0\t0\tbaseA\tbaseA\tsimilar\t0
            0\t1\tbaseB\tbaseB\tsimilar\t1
            1\t0\tAnB3\tAnB+3\tsimilar\t0
            1\t1\tBnB3\tBnB3\tsimilar\t1
            2\t0\tlate\tlate\tdissimilar\t7

            """)
    }

    /// Every array index runs exactly its manifest entry, with awkward labels quoted correctly.
    @Test func arrayTasksRunTheirManifestEntry() throws {
        let directory = try SlurmTestSupport.temporaryDirectory("slurm-writer")
        defer { try? FileManager.default.removeItem(at: directory) }
        let transfer = try Self.standIn(in: directory)
        let options = Self.options(directory, transfer: transfer)
        let runs = SlurmTestSupport.sampleRuns + [
            SlurmRunSpec(id: "odd", label: "it's a \"label\" $HOME `x`", split: "similar;rm", seed: -3),
        ]
        let batch = try SlurmScriptWriter(experiment: "quick", options: options)
            .write(runs, to: directory.appendingPathComponent("slurm"))
        let calls = directory.appendingPathComponent("calls.txt")
        let config = directory.appendingPathComponent("configs/quick.json").path
        let results = directory.appendingPathComponent("results").path
        for wave in batch.waves {
            for (index, run) in wave.runs.enumerated() {
                try? FileManager.default.removeItem(at: calls)
                var environment = ProcessInfo.processInfo.environment
                environment["SLURM_ARRAY_TASK_ID"] = String(index)
                environment["SLURM_CPUS_PER_TASK"] = "3"
                let result = try SlurmTestSupport.run(["bash", wave.script.path], environment: environment)
                #expect(result.status == 0, "\(result.output)")
                #expect(SlurmTestSupport.lines(calls) == [
                    "run \(config) --run \(run.label) --split \(run.split) --seed \(run.seed) --threads 3 --results \(results)",
                ], "wave \(wave.index) task \(index)")
                #expect(result.output.contains("wave \(wave.index) task \(index): run \(run.id) "))
            }
        }
        // Out of range, not a number, or not an array task at all: refused without running anything.
        try? FileManager.default.removeItem(at: calls)
        for taskID in ["3", "-1", "x", nil] as [String?] {
            var environment = ProcessInfo.processInfo.environment
            environment["SLURM_ARRAY_TASK_ID"] = taskID
            let result = try SlurmTestSupport.run(["bash", batch.waves[0].script.path], environment: environment)
            #expect(result.status != 0, "task id \(taskID ?? "unset")")
        }
        #expect(SlurmTestSupport.lines(calls).isEmpty)
        // Without SLURM_CPUS_PER_TASK the run gets one thread.
        var environment = ProcessInfo.processInfo.environment
        environment["SLURM_ARRAY_TASK_ID"] = "0"
        environment["SLURM_CPUS_PER_TASK"] = nil
        _ = try SlurmTestSupport.run(["bash", batch.waves[0].script.path], environment: environment)
        #expect(SlurmTestSupport.lines(calls).last?.hasSuffix("--threads 1 --results \(results)") == true)
    }

    @Test(arguments: [[String](), ["plan"], ["table", "plot"]])
    func finalizeRunsAllStepsAndReportsFailure(_ failing: [String]) throws {
        let directory = try SlurmTestSupport.temporaryDirectory("slurm-writer")
        defer { try? FileManager.default.removeItem(at: directory) }
        let transfer = try Self.standIn(in: directory, failing: failing)
        let batch = try SlurmScriptWriter(experiment: "quick", options: Self.options(directory, transfer: transfer))
            .write(SlurmTestSupport.sampleRuns, to: directory.appendingPathComponent("slurm"))
        let result = try SlurmTestSupport.run(["bash", batch.finalizeScript.path])
        #expect((result.status == 0) == failing.isEmpty, "\(result.output)")
        let config = directory.appendingPathComponent("configs/quick.json").path
        let results = "--results " + directory.appendingPathComponent("results").path
        #expect(SlurmTestSupport.lines(directory.appendingPathComponent("calls.txt")) == [
            "plan \(config) --failures \(results)", "table \(config) \(results)", "plot \(config) \(results)",
            "report \(config) \(results)",
        ])
    }

    @Test func rewritingAShorterPlanRemovesStaleWaves() throws {
        let directory = try SlurmTestSupport.temporaryDirectory("slurm-writer")
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = SlurmScriptWriter(experiment: "quick", options: Self.options(directory, transfer: directory))
        let out = directory.appendingPathComponent("slurm")
        _ = try writer.write(SlurmTestSupport.sampleRuns, to: out)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("wave-2.sbatch").path))
        let batch = try writer.write(Array(SlurmTestSupport.sampleRuns.prefix(2)), to: out)
        #expect(batch.waves.count == 1)
        let scripts = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".sbatch") }.sorted()
        #expect(scripts == ["finalize.sbatch", "wave-0.sbatch"])
    }

    @Test func relativePathsResolveAgainstTheWorkingDirectory() throws {
        let directory = try SlurmTestSupport.temporaryDirectory("slurm-writer")
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = SlurmOptions(
            transferBinary: ".build/release/transfer", configPath: "./configs/../configs/default.json",
            workingDirectory: directory.path)
        let batch = try SlurmScriptWriter(experiment: "default", options: options)
            .write(Array(SlurmTestSupport.sampleRuns.prefix(1)), to: directory.appendingPathComponent("s"))
        let text = try String(contentsOf: batch.waves[0].script, encoding: .utf8)
        #expect(text.contains("TRANSFER='\(directory.path)/.build/release/transfer'\n"))
        #expect(text.contains("CONFIG='\(directory.path)/configs/default.json'\n"))
        #expect(text.contains("#SBATCH --cpus-per-task=1\n"))
        #expect(!text.contains("--partition") && !text.contains("--account") && !text.contains("--time")
            && !text.contains("--mem"))
        // A bare command name is left for PATH to find.
        var bare = options
        bare.transferBinary = "transfer"
        let text2 = SlurmScriptWriter(experiment: "default", options: bare).waveScript(
            batch.waves[0], logsDirectory: batch.logsDirectory)
        #expect(text2.contains("TRANSFER='transfer'\n"))
    }

    static let badInputs: [(String, SlurmOptions, [SlurmRunSpec])] = {
        let good = SlurmOptions(transferBinary: "/bin/true", configPath: "c.json")
        let runs = [SlurmRunSpec(id: "a", label: "a", split: "s", seed: 0)]
        func with(_ change: (inout SlurmOptions) -> Void) -> SlurmOptions { var o = good; change(&o); return o }
        return [
            ("cpusPerTask", with { $0.cpusPerTask = 0 }, runs),
            ("time", with { $0.time = "1:00\n#SBATCH --x" }, runs),
            ("mem", with { $0.mem = "4 G" }, runs),
            ("partition", with { $0.partition = "" }, runs),
            ("extraSbatch", with { $0.extraSbatch = ["qos=x"] }, runs),
            ("configPath", with { $0.configPath = "" }, runs),
            ("run label", good, [SlurmRunSpec(id: "a", label: "a\tb", split: "s", seed: 0)]),
            ("run split", good, [SlurmRunSpec(id: "a", label: "a", split: "", seed: 0)]),
            ("wave size", with { $0.maxArraySize = 1 }, runs + [SlurmRunSpec(id: "b", label: "b", split: "s", seed: 0)]),
        ]
    }()

    @Test(arguments: badInputs)
    func rejectsWhatCannotGoIntoAScript(_ input: (String, SlurmOptions, [SlurmRunSpec])) throws {
        let directory = try SlurmTestSupport.temporaryDirectory("slurm-writer")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (name, options, runs) = input
        #expect(throws: SlurmError.self, "\(name)") {
            try SlurmScriptWriter(experiment: "x", options: options).write(runs, to: directory.appendingPathComponent("s"))
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("s/wave-0.sbatch").path))
    }
}
