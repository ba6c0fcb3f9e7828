import Foundation

/// One job (or array task) as `scontrol -o show job` reports it.
///
/// Without slurmdbd, finished jobs stay visible only for the cluster's `MinJobAge` seconds.
public struct SlurmJobInfo: Sendable, Hashable {
    /// `JobId`: the job's own id (array tasks have their own).
    public var jobID: String
    /// `ArrayJobId` for array jobs, nil otherwise.
    public var arrayJobID: String?
    /// `ArrayTaskId`: one index, or a range like "0-3" for tasks not started yet.
    public var arrayTaskID: String?
    /// `JobName`.
    public var name: String
    /// `JobState`: PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, …
    public var state: String
    /// `Reason`: e.g. "Dependency", "DependencyNeverSatisfied", "NonZeroExitCode", "None".
    public var reason: String
    /// `ExitCode` as "status:signal".
    public var exitCode: String
    /// Every `Key=Value` field of the line.
    public var fields: [String: String]

    /// True once the job will not run any more.
    public var isFinished: Bool {
        !["PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED", "RESIZING",
          "REQUEUE_HOLD", "REQUEUE_FED", "SIGNALING", "STAGE_OUT", "STOPPED"].contains(state)
    }

    /// Parses the one-line-per-job output of `scontrol -o show job`; lines without a JobId are skipped.
    public static func parse(scontrolOneLiner text: String) -> [SlurmJobInfo] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            var fields: [String: String] = [:]
            var lastKey: String?
            for token in line.split(separator: " ", omittingEmptySubsequences: true) {
                if let equals = token.firstIndex(of: "="), equals != token.startIndex {
                    let key = String(token[..<equals])
                    fields[key] = String(token[token.index(after: equals)...])
                    lastKey = key
                } else if let key = lastKey {
                    // A value with blanks (e.g. a path): keep it whole.
                    fields[key, default: ""] += " " + token
                }
            }
            guard let jobID = fields["JobId"] else { return nil }
            return SlurmJobInfo(
                jobID: jobID, arrayJobID: fields["ArrayJobId"], arrayTaskID: fields["ArrayTaskId"],
                name: fields["JobName"] ?? "", state: fields["JobState"] ?? "UNKNOWN",
                reason: fields["Reason"] ?? "", exitCode: fields["ExitCode"] ?? "", fields: fields)
        }
    }
}
