import Slurm
import Foundation
import Testing
import TestSupport

/// A suite trait that starts a real one-node Slurm cluster (scripts/slurm-local.sh) before the
/// suite and stops it after. Suites gate on `.requires(SlurmLocalCluster.dependency)` (root and
/// an installed Slurm: skipped with the reason otherwise, failing under CI); tests call
/// `SlurmLocalCluster.requireEnvironment()`.
///
/// The cluster lives in its own state folder and ports (6827/6828), so a developer's cluster
/// started with the defaults (/tmp/transfer-slurm, 6817/6818) is not disturbed.
struct SlurmLocalCluster: SuiteTrait, TestScoping {
    /// The environment for Slurm commands (SLURM_CONF, PATH), while the cluster is up.
    @TaskLocal static var environment: [String: String]?
    /// Why the cluster is not there.
    @TaskLocal static var skipReason: String = "the suite is not running inside SlurmLocalCluster"

    /// Root (the cluster's daemons) and Slurm installed (`make deps-slurm`).
    static let dependency = Dependency(name: "root and an installed Slurm (slurmctld, slurmd, munge)",
                                       hint: "run `make deps-slurm` as root") {
        geteuid() == 0 && ["/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/munged"]
            .allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The cluster's environment, or an error with the reason it is not up.
    static func requireEnvironment() throws -> [String: String] {
        guard let environment else { throw MissingDependency(description: "no local Slurm cluster: \(skipReason)") }
        return environment
    }
    static let stateDirectory = "/tmp/transfer-slurm-test"
    static let port = "6827"

    /// scripts/slurm-local.sh of this package (Tests/SlurmTests/ → ../../scripts).
    static var script: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/slurm-local.sh")
    }

    private static var scriptEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["SLURM_LOCAL_PORT"] = port
        environment["PATH"] = (environment["PATH"] ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin"
        return environment
    }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard geteuid() == 0 else {
            try await Self.$skipReason.withValue("a local Slurm cluster needs root") { try await function() }
            return
        }
        let started = Date()
        let start = try SlurmTestSupport.run(["bash", Self.script.path, "start", Self.stateDirectory],
                                             environment: Self.scriptEnvironment)
        if start.status == 3 {
            // Slurm is not installed and apt could not install it (no network to the mirror).
            try await Self.$skipReason.withValue("Slurm could not be installed: \(start.output)") { try await function() }
            return
        }
        defer {
            let stopping = Date()
            let stop = try? SlurmTestSupport.run(["bash", Self.script.path, "stop", Self.stateDirectory],
                                                 environment: Self.scriptEnvironment)
            if stop?.status != 0 { print("slurm-local.sh stop failed: \(stop?.output ?? "could not run")") }
            print("local Slurm cluster stopped in \(String(format: "%.1f", Date().timeIntervalSince(stopping))) s: \(stop?.output ?? "")")
        }
        try #require(start.status == 0, "slurm-local.sh start failed (exit \(start.status)):\n\(start.output)")
        print("local Slurm cluster up in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        var environment = Self.scriptEnvironment
        environment["SLURM_CONF"] = Self.stateDirectory + "/slurm.conf"
        try await Self.$environment.withValue(environment) { try await function() }
    }
}

extension Trait where Self == SlurmLocalCluster {
    /// Runs the suite against a real one-node Slurm cluster started for it.
    static var slurmLocalCluster: Self { SlurmLocalCluster() }
}
