import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The elements of an XML document (an SVG file, or a report page, which is well-formed XML too)
/// in order, with attributes and text, parsed by Foundation's XML parser: parsing succeeds only
/// for well-formed XML.
public struct XMLElements {
    public struct Element {
        public let name: String
        public let attributes: [String: String]
        public var text = ""
    }

    public private(set) var elements: [Element] = []

    public init(_ svg: String) throws {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else { throw CocoaError(.coderReadCorrupt, userInfo: [NSDebugDescriptionErrorKey: collector.error ?? "XML error"]) }
        elements = collector.elements
    }

    /// Elements named `name` with `class` = `cls` (any class when nil).
    public func all(_ name: String, class cls: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (cls == nil || $0.attributes["class"] == cls) }
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []
        var error: String?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append(Element(name: name, attributes: attributes))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let i = open.last { elements[i].text += string }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = "\(parseError)" }
    }
}
