import Foundation

/// `value` as compact JSON with sorted keys: the deterministic form that is hashed (run ids,
/// config hash) and stored in checkpoints.
func canonicalJSON<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
}
