import Foundation

/// The job ids of one submitted batch.
public struct SlurmSubmission: Sendable, Hashable {
    /// The array job id of each wave, in wave order.
    public var waveJobIDs: [String]
    /// The finalize job's id.
    public var finalizeJobID: String

    /// All job ids, waves first.
    public var jobIDs: [String] { waveJobIDs + [finalizeJobID] }

    /// A command that shows the jobs while they are queued or running.
    public var followCommand: String { "squeue -j \(jobIDs.joined(separator: ","))" }
}

/// Submits a written batch with sbatch and records each job id in jobs.tsv as soon as it exists.
///
/// Wave k > 0 gets `--dependency=afterok:<ids of waves 0..k-1>` (afterok on an array job waits
/// for all its tasks), the finalize job `--dependency=afterany:<all wave ids>`, and every job
/// `--kill-on-invalid-dep=yes`, so a failed task cancels the later waves instead of leaving them
/// pending. Resources come from the scripts' `#SBATCH` lines. The first sbatch failure stops the
/// submission. jobs.tsv (appended, fsync'ed per line) has the columns
/// `submitted_at step job_id dependency script`.
public struct SlurmSubmitter: Sendable {
    /// Environment of the Slurm commands (PATH to find them, SLURM_CONF).
    public var environment: [String: String]
    /// Seconds one Slurm command may take before it is terminated.
    public var commandTimeout: Double

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, commandTimeout: Double = 60) {
        self.environment = environment
        self.commandTimeout = commandTimeout
    }

    /// Submits every wave, then the finalize job; returns their ids.
    public func submit(_ batch: SlurmBatch) throws(SlurmError) -> SlurmSubmission {
        let sbatch = try checkCluster(scriptsDirectory: batch.directory.path)
        var waveIDs: [String] = []
        for wave in batch.waves {
            let dependency = waveIDs.isEmpty ? nil : "afterok:" + waveIDs.joined(separator: ":")
            let id = try submitOne(
                sbatch: sbatch, step: wave.step, script: wave.script, dependency: dependency, batch: batch)
            waveIDs.append(id)
        }
        let finalDependency = waveIDs.isEmpty ? nil : "afterany:" + waveIDs.joined(separator: ":")
        let finalID = try submitOne(
            sbatch: sbatch, step: "finalize", script: batch.finalizeScript, dependency: finalDependency, batch: batch)
        return SlurmSubmission(waveJobIDs: waveIDs, finalizeJobID: finalID)
    }

    /// The sbatch arguments of one step: `--parsable --kill-on-invalid-dep=yes [--dependency=…] SCRIPT`.
    public static func sbatchArguments(script: URL, dependency: String?) -> [String] {
        var arguments = ["--parsable", "--kill-on-invalid-dep=yes"]
        if let dependency { arguments.append("--dependency=\(dependency)") }
        arguments.append(script.path)
        return arguments
    }

    /// Checks that sbatch exists, a configuration is there and the controller answers;
    /// returns sbatch's location. `scriptsDirectory` goes into the error messages.
    @discardableResult
    public func checkCluster(scriptsDirectory: String) throws(SlurmError) -> URL {
        let searchPath = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        guard let sbatch = SlurmProcess.find("sbatch", searchPath: searchPath) else {
            throw .sbatchNotFound(path: searchPath, directory: scriptsDirectory)
        }
        let configFile = environment["SLURM_CONF"]
        if let configFile, !FileManager.default.fileExists(atPath: configFile) {
            throw .notConfigured(configFile: configFile, directory: scriptsDirectory)
        }
        guard let scontrol = SlurmProcess.find("scontrol", searchPath: searchPath) else { return sbatch }
        // Without a reachable configuration scontrol retries for a minute: bound it.
        let result: SlurmProcess.Result
        do {
            result = try SlurmProcess.run(
                scontrol, ["ping"], environment: environment, timeout: min(commandTimeout, 20))
        } catch {
            if configFile == nil, !FileManager.default.fileExists(atPath: "/etc/slurm/slurm.conf") {
                throw .notConfigured(configFile: "/etc/slurm/slurm.conf", directory: scriptsDirectory)
            }
            throw .controllerUnreachable(detail: error.description, directory: scriptsDirectory)
        }
        if result.status != 0 {
            if configFile == nil, !FileManager.default.fileExists(atPath: "/etc/slurm/slurm.conf") {
                throw .notConfigured(configFile: "/etc/slurm/slurm.conf", directory: scriptsDirectory)
            }
            let detail = (result.stdout + "\n" + result.stderr).slurmOneLine
            throw .controllerUnreachable(detail: "scontrol ping: \(detail)", directory: scriptsDirectory)
        }
        return sbatch
    }

    /// The jobs (array tasks one by one) that `scontrol -o show job` still knows; ids it has
    /// forgotten (older than MinJobAge) give no entry.
    public func jobInfo(_ jobIDs: [String]) throws(SlurmError) -> [SlurmJobInfo] {
        let searchPath = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        guard let scontrol = SlurmProcess.find("scontrol", searchPath: searchPath) else {
            throw .sbatchNotFound(path: searchPath, directory: "(none)")
        }
        var jobs: [SlurmJobInfo] = []
        for id in jobIDs {
            let result = try SlurmProcess.run(
                scontrol, ["-o", "show", "job", id], environment: environment, timeout: commandTimeout)
            if result.status != 0 {
                if result.stderr.contains("Invalid job id") { continue }
                throw .commandFailed(command: "scontrol -o show job \(id)", status: result.status, stderr: result.stderr)
            }
            jobs += SlurmJobInfo.parse(scontrolOneLiner: result.stdout)
        }
        return jobs
    }

    // MARK: Steps

    private func submitOne(
        sbatch: URL, step: String, script: URL, dependency: String?, batch: SlurmBatch
    ) throws(SlurmError) -> String {
        let arguments = Self.sbatchArguments(script: script, dependency: dependency)
        let result: SlurmProcess.Result
        do {
            result = try SlurmProcess.run(
                sbatch, arguments, environment: environment, currentDirectory: batch.directory,
                timeout: commandTimeout)
        } catch {
            throw .submissionFailed(step: step, status: -1, stderr: error.description)
        }
        guard result.status == 0 else {
            throw .submissionFailed(step: step, status: result.status, stderr: result.stderr)
        }
        // --parsable prints "jobid" or "jobid;cluster".
        let firstLine = result.stdout.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let id = String(firstLine.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, id.allSatisfy(\.isASCII), id.allSatisfy(\.isNumber) else {
            throw .unparsableJobID(step: step, output: result.stdout + result.stderr)
        }
        try Self.appendJobLine(
            [Self.timestamp(), step, id, dependency ?? "-", script.path], to: batch.jobsFile)
        return id
    }

    /// Appends one tab-separated line (and the header if the file is new) and fsyncs it.
    static func appendJobLine(_ columns: [String], to url: URL) throws(SlurmError) {
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .writeFailed(path: url.path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var text = columns.joined(separator: "\t") + "\n"
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_size == 0 {
            text = "submitted_at\tstep\tjob_id\tdependency\tscript\n" + text
        }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .writeFailed(path: url.path, reason: String(cString: strerror(errno)))
            }
            written += n
        }
        if fsync(descriptor) != 0 {
            throw .writeFailed(path: url.path, reason: "fsync: " + String(cString: strerror(errno)))
        }
    }

    private static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}
