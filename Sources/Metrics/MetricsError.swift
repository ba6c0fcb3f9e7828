import Foundation

/// Errors thrown for bad input to the metrics functions.
///
/// Every message names the argument (e.g. `labels`, `logits`) and the reason, so a caller can
/// surface it unchanged.
public enum MetricsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// An input that needs at least one sample was empty.
    case emptyInput(argument: String)
    /// A classification task needs at least two classes.
    case tooFewClasses(argument: String, count: Int)
    /// Two inputs that must agree in length (or an N×K matrix and N, K) do not.
    case lengthMismatch(argument: String, expected: Int, actual: Int)
    /// A label (or prediction) outside `0..<classCount`.
    case labelOutOfRange(argument: String, index: Int, label: Int, classCount: Int)
    /// A NaN (or, where the computation cannot handle it, an infinite) score or probability.
    case invalidScore(argument: String, index: Int, value: Double, reason: String)
    /// A parameter outside its allowed range (e.g. `k` of top-k, a probability outside [0, 1]).
    case invalidParameter(argument: String, reason: String)
    /// The requested quantity is mathematically undefined for this input.
    case undefined(what: String, reason: String)

    public var description: String {
        switch self {
        case .emptyInput(let argument):
            return "\(argument): empty input (at least one sample is required)"
        case .tooFewClasses(let argument, let count):
            return "\(argument): \(count) class(es); a classification task needs at least 2"
        case .lengthMismatch(let argument, let expected, let actual):
            return "\(argument): length \(actual), expected \(expected)"
        case .labelOutOfRange(let argument, let index, let label, let classCount):
            return "\(argument): value \(label) at index \(index) is outside 0..<\(classCount)"
        case .invalidScore(let argument, let index, let value, let reason):
            return "\(argument): value \(value) at index \(index) is invalid (\(reason))"
        case .invalidParameter(let argument, let reason):
            return "\(argument): \(reason)"
        case .undefined(let what, let reason):
            return "\(what) is undefined: \(reason)"
        }
    }
}

/// Shared input checks; each throws a `MetricsError` naming the argument.
enum Validate {
    static func classCount(_ k: Int, argument: String = "classCount") throws {
        if k < 2 { throw MetricsError.tooFewClasses(argument: argument, count: k) }
    }

    static func nonEmpty(_ count: Int, argument: String) throws {
        if count == 0 { throw MetricsError.emptyInput(argument: argument) }
    }

    static func length(_ actual: Int, _ expected: Int, argument: String) throws {
        if actual != expected {
            throw MetricsError.lengthMismatch(argument: argument, expected: expected, actual: actual)
        }
    }

    static func labels(_ labels: [Int], classCount: Int, argument: String = "labels") throws {
        try labels.withUnsafeBufferPointer { buf in
            for i in 0..<buf.count where buf[i] < 0 || buf[i] >= classCount {
                throw MetricsError.labelOutOfRange(argument: argument, index: i, label: buf[i],
                                                   classCount: classCount)
            }
        }
    }

    /// Rejects NaN, and also ±infinity when `allowInfinite` is false.
    static func scores(_ values: [Double], argument: String, allowInfinite: Bool) throws {
        try values.withUnsafeBufferPointer { buf in
            for i in 0..<buf.count {
                let v = buf[i]
                if v.isNaN {
                    throw MetricsError.invalidScore(argument: argument, index: i, value: v, reason: "NaN")
                }
                if !allowInfinite && v.isInfinite {
                    throw MetricsError.invalidScore(argument: argument, index: i, value: v,
                                                    reason: "infinite")
                }
            }
        }
    }

    /// Rejects values outside [0, 1] (and NaN).
    static func probabilities(_ values: [Double], argument: String) throws {
        try values.withUnsafeBufferPointer { buf in
            for i in 0..<buf.count where !(buf[i] >= 0 && buf[i] <= 1) {
                throw MetricsError.invalidScore(argument: argument, index: i, value: buf[i],
                                                reason: buf[i].isNaN ? "NaN" : "not a probability in [0, 1]")
            }
        }
    }

    /// Checks an N×K row-major score matrix against N labels and K classes.
    static func scoreMatrix(_ scores: [Double], labels: [Int], classCount: Int,
                            argument: String, allowInfinite: Bool) throws {
        try Validate.classCount(classCount)
        try Validate.nonEmpty(labels.count, argument: "labels")
        try Validate.length(scores.count, labels.count * classCount, argument: argument)
        try Validate.labels(labels, classCount: classCount)
        try Validate.scores(scores, argument: argument, allowInfinite: allowInfinite)
    }

    /// A row-major N×K matrix without labels: K ≥ 2, non-empty, a multiple of K, no NaN
    /// (and no ±∞ unless allowed).
    static func rows(_ values: [Double], classCount: Int, argument: String, allowInfinite: Bool) throws {
        try Validate.classCount(classCount)
        try Validate.nonEmpty(values.count, argument: argument)
        if values.count % classCount != 0 {
            throw MetricsError.invalidParameter(
                argument: argument, reason: "length \(values.count) is not a multiple of classCount \(classCount)")
        }
        try Validate.scores(values, argument: argument, allowInfinite: allowInfinite)
    }
}
