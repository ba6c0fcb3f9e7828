import ArgumentParser
import Experiments

/// Limits of the command-line numbers (the config's are `ConfigLimits`): checked in each
/// command's `validate()`, so a bad value fails with the option's name before anything runs.
enum OptionLimits {
    /// Checks an option's value against `limit`; nil (not given) passes.
    static func check(_ option: String, _ value: Int?, _ limit: ClosedRange<Int>) throws {
        guard let value, !limit.contains(value) else { return }
        throw ValidationError("--\(option) \(value) is outside the limit \(limit.lowerBound)…\(limit.upperBound)")
    }

    /// Compute threads of one process.
    static let threads = 1...ConfigLimits.threads.upperBound
    /// Runs side by side.
    static let jobs = 1...256
}
