import CDNNL

/// A oneDNN call that did not succeed: names the call and oneDNN's status.
public struct DNNLError: Error, CustomStringConvertible {
    public let call: String
    public let status: Int

    public var description: String {
        let reason: String
        switch dnnl_status_t(rawValue: UInt32(status)) {
        case dnnl_out_of_memory: reason = "out of memory"
        case dnnl_invalid_arguments: reason = "invalid arguments"
        case dnnl_unimplemented: reason = "no implementation for these shapes/layouts"
        case dnnl_runtime_error: reason = "runtime error"
        default: reason = "status \(status)"
        }
        return "oneDNN \(call) failed: \(reason)"
    }
}

/// Throws a `DNNLError` unless `status` is success.
@inline(__always)
func check(_ status: dnnl_status_t, _ call: @autoclosure () -> String) throws {
    if status != dnnl_success { throw DNNLError(call: call(), status: Int(status.rawValue)) }
}
