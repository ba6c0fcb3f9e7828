/// Names that become one path component (the experiment name, split names): never empty,
/// `.` or `..`, never holding `/`, `\`, NUL or control characters, never hidden (a leading
/// `.`, which also keeps them apart from the tool's `.…tmp-…` files), at most 100 bytes.
public enum PlainName {
    /// Why `name` cannot be a path component, or nil when it can.
    public static func problem(_ name: String) -> String? {
        if name.isEmpty { return "must not be empty" }
        if name == "." || name == ".." { return "\"\(name)\" is not a name (it would leave the results folder)" }
        if name.hasPrefix(".") { return "must not start with '.'" }
        if name.contains("/") || name.contains("\\") { return "must not contain '/' or '\\' (it names one folder)" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.value == 0x7F }) {
            return "must not contain control characters"
        }
        if name.utf8.count > 100 { return "is longer than 100 bytes" }
        return nil
    }
}
