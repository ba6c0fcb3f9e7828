import Foundation
import Testing

/// Something a test needs from the machine (a Python module, a tool, Slurm). A test gated on
/// one is *skipped* by the runner, with the reason, when it is missing — except under
/// `CI=true`, where the test runs and fails with the reason, so a CI machine that lost a
/// dependency never reports green by skipping.
///
/// ```swift
/// @Test(.requires(.python(["h5py", "numpy"])))
/// func readsWithH5py() throws {
///     let python = try Dependency.python(["h5py", "numpy"]).interpreter()
/// }
/// ```
public struct Dependency: Sendable {
    /// What is needed, e.g. "Python with h5py, numpy".
    public let name: String
    /// How to get it, shown in the skip reason.
    public let hint: String
    private let probe: @Sendable () -> Bool

    public init(name: String, hint: String, probe: @escaping @Sendable () -> Bool) {
        self.name = name
        self.hint = hint
        self.probe = probe
    }

    /// True when the environment says this is a CI run (`CI=true` or `CI=1`).
    public static var isCI: Bool { isCI(ProcessInfo.processInfo.environment) }

    /// Whether `environment` marks a CI run.
    public static func isCI(_ environment: [String: String]) -> Bool {
        ["true", "1", "yes"].contains(environment["CI"]?.lowercased() ?? "")
    }

    /// Whether the dependency is present now.
    public var isAvailable: Bool { probe() }

    /// The skip reason.
    public var reason: String { "needs \(name) (\(hint))" }

    /// Whether a test gated on this dependency runs: when present, and always under CI.
    public var shouldRun: Bool { shouldRun(in: ProcessInfo.processInfo.environment) }

    /// Whether a gated test runs in `environment`.
    public func shouldRun(in environment: [String: String]) -> Bool { Self.isCI(environment) || isAvailable }

    /// Throws the reason when the dependency is missing (reached only under CI).
    public func require() throws {
        guard isAvailable else { throw MissingDependency(description: "missing dependency under CI: \(reason)") }
    }

    /// A Python interpreter that can import `modules` (`.venv`, `TRANSFER_PYTHON` or the
    /// system python3 when it has them).
    public static func python(_ modules: [String]) -> Dependency {
        Dependency(name: "Python with \(modules.joined(separator: ", "))",
                   hint: "run `make pydeps` or set TRANSFER_PYTHON") {
            PythonEnvironment.interpreter(requiring: modules) != nil
        }
    }

    /// An executable found at one of `paths`.
    public static func tool(_ name: String, at paths: [String]) -> Dependency {
        Dependency(name: "the \(name) tool", hint: "looked at \(paths.joined(separator: ", "))") {
            paths.contains { FileManager.default.isExecutableFile(atPath: $0) }
        }
    }

    /// The first existing executable of `paths`, or the missing-dependency error.
    public static func toolPath(_ name: String, at paths: [String]) throws -> String {
        try tool(name, at: paths).require()
        return paths.first { FileManager.default.isExecutableFile(atPath: $0) }!
    }

    /// The interpreter for `python(modules)`, or the missing-dependency error.
    public static func pythonInterpreter(_ modules: [String]) throws -> URL {
        guard let url = PythonEnvironment.interpreter(requiring: modules) else {
            try python(modules).require()
            throw MissingDependency(description: "no Python with \(modules)")
        }
        return url
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when `dependency` is present (the runner reports it skipped with
    /// the reason otherwise); under `CI=true` it always runs, so a missing dependency fails.
    public static func requires(_ dependency: Dependency) -> Self {
        .enabled(if: dependency.shouldRun, Comment(rawValue: dependency.reason))
    }
}
