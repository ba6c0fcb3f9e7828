import Foundation

/// Something outside the package a test needs (a Python venv with scikit-learn, Chromium, the
/// built tool). Tests declare it with `.enabled(if: requirement.shouldRun, requirement.skipReason)`
/// so a missing dependency is reported as *skipped*, and call `require()` first: under
/// `CI=true` the test runs anyway and fails there, naming what is missing.
public struct TestRequirement<Value: Sendable>: Sendable {
    public let name: String
    /// How to get it (e.g. "make pydeps").
    public let hint: String
    public let value: Value?

    public init(name: String, hint: String, value: Value?) {
        self.name = name
        self.hint = hint
        self.value = value
    }

    /// True under `CI=true`, where a missing dependency fails instead of skipping.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Run when available; under CI always (to fail on a missing dependency).
    public var shouldRun: Bool { value != nil || Self.isCI }

    /// The skip message.
    public var skipReason: String { "\(name) is not available (\(hint))" }

    /// The dependency, or an error naming it.
    public func require() throws -> Value {
        guard let value else { throw MissingDependency(description: skipReason) }
        return value
    }
}

/// Thrown by `TestRequirement.require()` when the dependency is missing.
public struct MissingDependency: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// Where tests leave artifacts for people (e.g. a screenshot): `TEST_ARTIFACTS`, else
/// `.test-artifacts/` at the package root.
public var testArtifacts: URL {
    ProcessInfo.processInfo.environment["TEST_ARTIFACTS"].map { URL(fileURLWithPath: $0) }
        ?? PythonEnvironment.packageRoot.appendingPathComponent(".test-artifacts")
}

/// The dependencies the test suites use, looked up once.
public enum Requirements {
    /// A Python with numpy and scikit-learn (`make pydeps` or `scripts/python-env.sh .venv`).
    public static let sklearn = TestRequirement(
        name: "a Python venv with numpy and scikit-learn", hint: "make pydeps",
        value: PythonEnvironment.interpreter(requiring: ["sklearn", "numpy"]))

    /// Headless Chromium (Debian's `chromium`; `CHROMIUM` overrides the path) and a Python 3 to drive it.
    public static let chromium = TestRequirement(
        name: "Chromium and python3", hint: "make test installs Debian's chromium",
        value: executable(ProcessInfo.processInfo.environment["CHROMIUM"] ?? "/usr/bin/chromium")
            .flatMap { c in executable("/usr/bin/python3").map { (chromium: c, python: $0) } })

    /// HTML Tidy (Debian's `tidy`), the HTML validator.
    public static let tidy = TestRequirement(name: "HTML Tidy", hint: "make test installs Debian's tidy",
                                             value: executable("/usr/bin/tidy"))

    static func executable(_ path: String) -> URL? {
        FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
    }

    /// The built `transfer` tool.
    public static let transfer = TestRequirement(
        name: "the transfer tool", hint: "swift build --product transfer, or TRANSFER_BIN", value: TransferBinary.url)
}
