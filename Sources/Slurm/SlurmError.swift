import Foundation

/// Why writing or submitting the Slurm jobs failed.
public enum SlurmError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Two runs share an id.
    case duplicateRunID(String)
    /// These runs depend on each other in a cycle (or on a run of such a cycle).
    case dependencyCycle([String])
    /// A run field cannot go into a script or the manifest (tab, newline, empty).
    case invalidRun(id: String, reason: String)
    /// An option cannot go into an `#SBATCH` line.
    case invalidOption(name: String, reason: String)
    /// A wave has more runs than one job array may hold.
    case waveTooLarge(wave: Int, runs: Int, maxArraySize: Int)
    /// A script, the manifest or jobs.tsv could not be written.
    case writeFailed(path: String, reason: String)
    /// `sbatch` is not on PATH; the scripts are in `directory`.
    case sbatchNotFound(path: String, directory: String)
    /// No Slurm configuration file; the scripts are in `directory`.
    case notConfigured(configFile: String, directory: String)
    /// The controller does not answer; the scripts are in `directory`.
    case controllerUnreachable(detail: String, directory: String)
    /// sbatch failed for one step ("wave-1", "finalize"); earlier jobs are listed in jobs.tsv.
    case submissionFailed(step: String, status: Int32, stderr: String)
    /// sbatch succeeded but did not print a job id.
    case unparsableJobID(step: String, output: String)
    /// A helper command failed or could not be started.
    case commandFailed(command: String, status: Int32, stderr: String)
    /// A command did not finish in time and was terminated.
    case timedOut(command: String, seconds: Double)

    static let installHint =
        "install Slurm with `make deps-slurm` and start a local node with `scripts/slurm-local.sh start` "
        + "(then `source /tmp/transfer-slurm/env.sh`), or submit from a cluster login node"

    public var description: String {
        switch self {
        case .duplicateRunID(let id):
            return "slurm: run id '\(id)' appears more than once in the plan"
        case .dependencyCycle(let ids):
            return "slurm: dependency cycle among runs: \(ids.joined(separator: ", "))"
        case .invalidRun(let id, let reason):
            return "slurm: run '\(id)': \(reason)"
        case .invalidOption(let name, let reason):
            return "slurm: option \(name): \(reason)"
        case .waveTooLarge(let wave, let runs, let maxArraySize):
            return "slurm: wave \(wave) has \(runs) runs but a job array holds at most \(maxArraySize) "
                + "(the cluster's MaxArraySize; raise SlurmOptions.maxArraySize if the cluster allows more)"
        case .writeFailed(let path, let reason):
            return "slurm: cannot write \(path): \(reason)"
        case .sbatchNotFound(let path, let directory):
            return "slurm: sbatch not found on PATH (\(path)); the scripts are written in \(directory). "
                + "To submit, \(SlurmError.installHint)"
        case .notConfigured(let configFile, let directory):
            return "slurm: no Slurm configuration at \(configFile) (set SLURM_CONF); the scripts are written in "
                + "\(directory). To submit, \(SlurmError.installHint)"
        case .controllerUnreachable(let detail, let directory):
            return "slurm: the Slurm controller is unreachable (\(detail)); the scripts are written in "
                + "\(directory). Start it with `scripts/slurm-local.sh start` and export SLURM_CONF as it prints"
        case .submissionFailed(let step, let status, let stderr):
            return "slurm: sbatch of \(step) failed (exit \(status)): \(stderr.slurmOneLine); "
                + "jobs submitted before it are listed in jobs.tsv"
        case .unparsableJobID(let step, let output):
            return "slurm: sbatch of \(step) printed no job id: '\(output.slurmOneLine)'"
        case .commandFailed(let command, let status, let stderr):
            return "slurm: \(command) failed (exit \(status)): \(stderr.slurmOneLine)"
        case .timedOut(let command, let seconds):
            return "slurm: \(command) did not finish within \(seconds) s"
        }
    }
}

extension String {
    /// The text without surrounding whitespace, lines joined, for one-line error messages.
    var slurmOneLine: String {
        split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " | ")
    }
}
