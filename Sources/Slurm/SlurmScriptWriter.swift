import Foundation
import Storage

/// Writes the sbatch scripts of a plan: one job array per wave, a finalize job, a manifest.
///
/// Array task i of `wave-k.sbatch` runs
/// `"$TRANSFER" run CONFIG --run LABEL --split SPLIT --seed SEED --threads $SLURM_CPUS_PER_TASK`
/// for the i-th run of the wave (bash arrays embedded in the script; `manifest.tsv` lists the same
/// mapping). Its log is `logs/wave-k-i.out`. `finalize.sbatch` runs `plan CONFIG --failures`, then
/// `table`, `plot` and `report`, and exits non-zero if any of them failed. Every file is written atomically
/// (temporary file in the same directory, then rename).
public struct SlurmScriptWriter: Sendable {
    /// The experiment name, used in job names (`transfer-<experiment>-w<k>`).
    public var experiment: String
    public var options: SlurmOptions

    public init(experiment: String, options: SlurmOptions) {
        self.experiment = experiment
        self.options = options
    }

    /// Groups `runs` into waves and writes all files under `directory` (created if missing).
    /// Stale `wave-k.sbatch` files of an earlier, longer plan are removed.
    public func write(_ runs: [SlurmRunSpec], to directory: URL) throws(SlurmError) -> SlurmBatch {
        try validate(runs)
        let groups = try SlurmWaves.group(runs)
        for (k, group) in groups.enumerated() where group.count > options.maxArraySize {
            throw .waveTooLarge(wave: k, runs: group.count, maxArraySize: options.maxArraySize)
        }
        let directory = URL(fileURLWithPath: Self.absolute(directory.path, base: currentDirectory))
            .standardizedFileURL
        let logs = directory.appendingPathComponent("logs")
        do {
            try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: logs.path, reason: error.localizedDescription)
        }
        var waves: [SlurmWave] = []
        for (k, group) in groups.enumerated() {
            let url = directory.appendingPathComponent("wave-\(k).sbatch")
            let wave = SlurmWave(index: k, runs: group, script: url, jobName: jobName(wave: k))
            try Self.writeAtomically(waveScript(wave, logsDirectory: logs), to: url, permissions: 0o755)
            waves.append(wave)
        }
        try removeStaleWaveScripts(in: directory, keeping: groups.count)
        let finalize = directory.appendingPathComponent("finalize.sbatch")
        try Self.writeAtomically(finalizeScript(logsDirectory: logs), to: finalize, permissions: 0o755)
        let manifest = directory.appendingPathComponent("manifest.tsv")
        try Self.writeAtomically(manifestText(waves), to: manifest, permissions: 0o644)
        return SlurmBatch(
            experiment: experiment, directory: directory, waves: waves,
            finalizeScript: finalize, manifest: manifest, logsDirectory: logs)
    }

    // MARK: Script text

    /// The job name of wave k: `transfer-<experiment>-w<k>`.
    public func jobName(wave k: Int) -> String {
        "transfer-\(SlurmShell.jobNameComponent(experiment))-w\(k)"
    }

    /// The text of `wave-k.sbatch` for `wave`, logging into `logsDirectory`.
    public func waveScript(_ wave: SlurmWave, logsDirectory: URL) -> String {
        let k = wave.index
        let count = wave.runs.count
        var lines = ["#!/bin/bash"]
        lines.append("#SBATCH --job-name=\(wave.jobName)")
        lines.append("#SBATCH --array=0-\(count - 1)")
        lines.append(
            "#SBATCH --output=\(SlurmShell.directiveValue(logsDirectory.appendingPathComponent("wave-\(k)-%a.out").path))")
        lines += resourceDirectives(cpus: options.cpusPerTask)
        lines.append("#")
        lines.append("# Wave \(k) of experiment \(experiment): \(count) run(s). Array task i runs entry i of the")
        lines.append("# arrays below (the same mapping as manifest.tsv); its log is logs/wave-\(k)-i.out.")
        lines.append("set -euo pipefail")
        lines += commonVariables()
        lines.append("RUN_IDS=(\(wave.runs.map { SlurmShell.quote($0.id) }.joined(separator: " ")))")
        lines.append("LABELS=(\(wave.runs.map { SlurmShell.quote($0.label) }.joined(separator: " ")))")
        lines.append("SPLITS=(\(wave.runs.map { SlurmShell.quote($0.split) }.joined(separator: " ")))")
        lines.append("SEEDS=(\(wave.runs.map { String($0.seed) }.joined(separator: " ")))")
        lines.append("TASK=\"${SLURM_ARRAY_TASK_ID:?wave-\(k).sbatch is a job array: submit it with sbatch}\"")
        lines.append("if ! [[ \"$TASK\" =~ ^[0-9]+$ ]] || (( TASK >= ${#LABELS[@]} )); then")
        lines.append("    echo \"wave-\(k): array task $TASK is outside 0-$(( ${#LABELS[@]} - 1 ))\" >&2")
        lines.append("    exit 2")
        lines.append("fi")
        lines.append("THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"")
        lines.append("echo \"wave \(k) task $TASK: run ${RUN_IDS[TASK]} (label ${LABELS[TASK]}, split ${SPLITS[TASK]}, "
            + "seed ${SEEDS[TASK]}) with $THREADS thread(s) on $(hostname)\"")
        lines.append("exec \"$TRANSFER\" run \"$CONFIG\" --run \"${LABELS[TASK]}\" --split \"${SPLITS[TASK]}\" "
            + "--seed \"${SEEDS[TASK]}\" --threads \"$THREADS\" --results \"$RESULTS\"")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The text of `finalize.sbatch`: failures report, table, plots and the HTML report; one CPU.
    public func finalizeScript(logsDirectory: URL) -> String {
        var lines = ["#!/bin/bash"]
        lines.append("#SBATCH --job-name=transfer-\(SlurmShell.jobNameComponent(experiment))-final")
        lines.append(
            "#SBATCH --output=\(SlurmShell.directiveValue(logsDirectory.appendingPathComponent("finalize.out").path))")
        lines += resourceDirectives(cpus: 1)
        lines.append("#")
        lines.append("# Runs after every wave has ended (afterany): lists failed or missing runs, then writes the")
        lines.append("# table, the figures and the HTML report from whatever finished. Exits non-zero if any step failed.")
        lines.append("set -uo pipefail")
        lines += commonVariables()
        lines.append("STATUS=0")
        lines.append("echo \"== transfer plan --failures\"")
        lines.append("\"$TRANSFER\" plan \"$CONFIG\" --failures --results \"$RESULTS\" || STATUS=1")
        lines.append("echo \"== transfer table\"")
        lines.append("\"$TRANSFER\" table \"$CONFIG\" --results \"$RESULTS\" || STATUS=1")
        lines.append("echo \"== transfer plot\"")
        lines.append("\"$TRANSFER\" plot \"$CONFIG\" --results \"$RESULTS\" || STATUS=1")
        lines.append("echo \"== transfer report\"")
        lines.append("\"$TRANSFER\" report \"$CONFIG\" --results \"$RESULTS\" || STATUS=1")
        lines.append("exit \"$STATUS\"")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `manifest.tsv`: a header, then one line per array task.
    public func manifestText(_ waves: [SlurmWave]) -> String {
        var text = "wave\tindex\trun_id\tlabel\tsplit\tseed\n"
        for wave in waves {
            for (i, run) in wave.runs.enumerated() {
                text += "\(wave.index)\t\(i)\t\(run.id)\t\(run.label)\t\(run.split)\t\(run.seed)\n"
            }
        }
        return text
    }

    private func resourceDirectives(cpus: Int) -> [String] {
        var lines = ["#SBATCH --chdir=\(SlurmShell.directiveValue(workingDirectory))"]
        lines.append("#SBATCH --cpus-per-task=\(cpus)")
        if let partition = options.partition { lines.append("#SBATCH --partition=\(SlurmShell.directiveValue(partition))") }
        if let account = options.account { lines.append("#SBATCH --account=\(SlurmShell.directiveValue(account))") }
        if let time = options.time { lines.append("#SBATCH --time=\(time)") }
        if let mem = options.mem { lines.append("#SBATCH --mem=\(mem)") }
        lines += options.extraSbatch.map { "#SBATCH \($0)" }
        return lines
    }

    private func commonVariables() -> [String] {
        let transfer = options.transferBinary.contains("/")
            ? Self.absolute(options.transferBinary, base: workingDirectory) : options.transferBinary
        return [
            "TRANSFER=\(SlurmShell.quote(transfer))",
            "CONFIG=\(SlurmShell.quote(Self.absolute(options.configPath, base: workingDirectory)))",
            "RESULTS=\(SlurmShell.quote(Self.absolute(options.resultsDirectory, base: workingDirectory)))",
        ]
    }

    // MARK: Checks

    private func validate(_ runs: [SlurmRunSpec]) throws(SlurmError) {
        for run in runs {
            for (name, value) in [("id", run.id), ("label", run.label), ("split", run.split)] {
                if value.isEmpty { throw .invalidRun(id: run.id, reason: "empty \(name)") }
                if !SlurmShell.isSingleLine(value) {
                    throw .invalidRun(id: run.id, reason: "\(name) contains a tab or a line break")
                }
            }
        }
        if options.cpusPerTask < 1 { throw .invalidOption(name: "cpusPerTask", reason: "must be at least 1") }
        if options.maxArraySize < 1 { throw .invalidOption(name: "maxArraySize", reason: "must be at least 1") }
        let directiveValues: [(String, String?)] = [
            ("partition", options.partition), ("account", options.account), ("time", options.time),
            ("mem", options.mem), ("workingDirectory", options.workingDirectory),
        ]
        for (name, value) in directiveValues {
            guard let value else { continue }
            if value.isEmpty || !SlurmShell.isSingleLine(value) || value.contains("\"") {
                throw .invalidOption(name: name, reason: "'\(value)' is empty or has a line break, tab or quote")
            }
        }
        for (name, value) in [("time", options.time), ("mem", options.mem)] {
            if let value, value.contains(" ") { throw .invalidOption(name: name, reason: "'\(value)' has a blank") }
        }
        for extra in options.extraSbatch where !extra.hasPrefix("-") || !SlurmShell.isSingleLine(extra) {
            throw .invalidOption(name: "extraSbatch", reason: "'\(extra)' is not one option starting with '-'")
        }
        for (name, value) in [("transferBinary", options.transferBinary), ("configPath", options.configPath)] {
            if value.isEmpty || !SlurmShell.isSingleLine(value) {
                throw .invalidOption(name: name, reason: "'\(value)' is empty or has a line break or tab")
            }
        }
        if experiment.isEmpty { throw .invalidOption(name: "experiment", reason: "empty name") }
    }

    // MARK: Files

    private var currentDirectory: String { FileManager.default.currentDirectoryPath }

    private var workingDirectory: String {
        Self.absolute(options.workingDirectory ?? currentDirectory, base: currentDirectory)
    }

    /// `path` made absolute against `base`, with "." and ".." removed.
    static func absolute(_ path: String, base: String) -> String {
        let url = path.hasPrefix("/")
            ? URL(fileURLWithPath: path) : URL(fileURLWithPath: base).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    /// Writes `text` over `url` with `AtomicFile`, with exactly these permissions.
    static func writeAtomically(_ text: String, to url: URL, permissions: mode_t) throws(SlurmError) {
        do { try AtomicFile.write(text, to: url, permissions: permissions) } catch {
            throw .writeFailed(path: url.path, reason: (error as? AtomicFile.Failure)?.reason ?? "\(error)")
        }
    }

    private func removeStaleWaveScripts(in directory: URL, keeping count: Int) throws(SlurmError) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix("wave-") && name.hasSuffix(".sbatch") {
            let number = name.dropFirst("wave-".count).dropLast(".sbatch".count)
            guard let k = Int(number), k >= count else { continue }
            do {
                try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            } catch {
                throw .writeFailed(path: directory.appendingPathComponent(name).path, reason: error.localizedDescription)
            }
        }
    }
}
