import Foundation

/// A minimal hand-written SVG emitter: elements as escaped text, coordinates with 2 decimals,
/// no locale, no dependencies.
public struct SVGBuilder {
    public private(set) var lines: [String] = []
    private var depth = 0

    public init() {}

    /// Escapes text and attribute values for XML (&, <, >, ", ').
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // Control characters other than tab/newline are not allowed in XML 1.0.
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" {
                    out += " "
                } else if scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A coordinate or length: 2 decimals, locale-independent.
    public static func number(_ value: Double) -> String { ReportFormat.fixed(value, 2) }

    public static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// A self-closing element, e.g. `element("circle", [("cx", "1")])`.
    public mutating func element(_ name: String, _ attributes: [(String, String)]) {
        emit("<\(name)\(Self.attributes(attributes))/>")
    }

    /// An element with text content (escaped).
    public mutating func text(_ content: String, _ attributes: [(String, String)]) {
        emit("<text\(Self.attributes(attributes))>\(Self.escape(content))</text>")
    }

    /// An element with a `<title>` child (tooltip), e.g. a run point.
    public mutating func element(_ name: String, _ attributes: [(String, String)], title: String) {
        emit("<\(name)\(Self.attributes(attributes))><title>\(Self.escape(title))</title></\(name)>")
    }

    public mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        emit("<\(name)\(Self.attributes(attributes))>")
        depth += 1
    }

    public mutating func close(_ name: String) {
        depth = max(0, depth - 1)
        emit("</\(name)>")
    }

    /// Polyline points attribute "x1,y1 x2,y2 …".
    public static func points(_ points: [(x: Double, y: Double)]) -> String {
        points.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
    }

    /// The document: an XML declaration, then the elements, one per line.
    public var document: String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + lines.joined(separator: "\n") + "\n"
    }

    /// The elements without the XML declaration (for inline SVG in HTML).
    public var fragment: String { lines.joined(separator: "\n") + "\n" }

    private mutating func emit(_ line: String) {
        lines.append(String(repeating: "  ", count: depth) + line)
    }
}
