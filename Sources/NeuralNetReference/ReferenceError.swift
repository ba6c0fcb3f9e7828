/// Errors thrown by the reference layers: bad shapes, bad configurations, bad labels.
///
/// Every message names the layer (or `RefTensor`) and the offending shapes or values.
public enum ReferenceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A tensor's shape does not match its data (or has a negative dimension).
    case invalidTensor(shape: [Int], count: Int)
    /// `layer` got an input (or gradient) of `shape` it cannot accept, for `reason`.
    case invalidShape(layer: String, shape: [Int], reason: String)
    /// `layer` was configured with invalid parameters (weights, stride, probability…).
    case invalidConfiguration(layer: String, reason: String)
    /// A loss got a label it cannot use.
    case invalidLabel(layer: String, index: Int, label: Int, reason: String)

    public var description: String {
        switch self {
        case let .invalidTensor(shape, count):
            return "RefTensor: shape \(shape) does not fit \(count) values"
                + " (needs non-negative dimensions whose product is the value count)"
        case let .invalidShape(layer, shape, reason):
            return "\(layer): shape \(shape): \(reason)"
        case let .invalidConfiguration(layer, reason):
            return "\(layer): invalid configuration: \(reason)"
        case let .invalidLabel(layer, index, label, reason):
            return "\(layer): label \(label) at batch index \(index): \(reason)"
        }
    }
}
