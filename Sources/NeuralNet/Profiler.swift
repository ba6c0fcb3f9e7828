import Foundation

/// Optional wall-clock accounting of every primitive execution, by name (e.g. "conv3.bwd_weights").
/// Off by default; `make bench` turns it on to show where a training step's time goes.
final class Profiler: @unchecked Sendable {
    static let shared = Profiler()
    var isEnabled = false
    private(set) var seconds: [String: Double] = [:]

    func reset() { seconds.removeAll() }

    @inline(__always)
    func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard isEnabled else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        defer { seconds[name, default: 0] += Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9 }
        return try body()
    }
}
