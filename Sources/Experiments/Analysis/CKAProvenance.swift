import Foundation
import Records

/// What produced a `cka.md`: the analyzing binary's code version, the config (by hash), the
/// threads (the SGEMMs' rounding depends on them) and the code versions of the nets compared,
/// read from their records.
public struct CKAProvenance: Sendable, Equatable {
    public var codeVersion: String
    public var configHash: String
    public var threads: Int
    /// Code version → how many of the analyzed runs it trained.
    public var netCodeVersions: [String: Int]

    public init(codeVersion: String, configHash: String, threads: Int, netCodeVersions: [String: Int]) {
        self.codeVersion = codeVersion
        self.configHash = configHash
        self.threads = threads
        self.netCodeVersions = netCodeVersions
    }

    /// The line `cka.md` carries.
    var markdownLine: String {
        let nets = netCodeVersions.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value) run\($0.value == 1 ? "" : "s"))" }
        return "Computed by `transfer analyze` at code version \(codeVersion) from config \(configHash.prefix(12)) "
            + "with \(threads) thread(s); the nets were trained by code version "
            + (nets.isEmpty ? "—" : nets.joined(separator: ", ")) + "."
    }
}

extension CKAAnalysis {
    /// This analysis's provenance: this binary's code version, the config hash, the threads and
    /// the code versions in the records of every run it reads.
    public func provenance() throws -> CKAProvenance {
        var versions: [String: Int] = [:]
        for run in neededRuns() {
            versions[try RunRecord.load(from: layout.record(run)).codeVersion, default: 0] += 1
        }
        return CKAProvenance(codeVersion: CodeVersion.current, configHash: plan.config.hash, threads: threads,
                             netCodeVersions: versions)
    }
}
