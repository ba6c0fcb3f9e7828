/// Why `transfer analyze` cannot run.
public enum AnalysisError: Error, CustomStringConvertible, Equatable {
    /// Runs the analysis needs that are not done: "split/label/seedK: status" each.
    case missingRuns([String])
    /// Two networks compared layer by layer do not have the same layers.
    case layerMismatch(String, String)

    public var description: String {
        switch self {
        case .missingRuns(let runs):
            return "\(runs.count) run\(runs.count == 1 ? " is" : "s are") not done; nothing was written:\n"
                + runs.map { "  " + $0 }.joined(separator: "\n")
        case let .layerMismatch(a, b): return "cannot compare layer by layer: \(a) and \(b) have different layers"
        }
    }
}
