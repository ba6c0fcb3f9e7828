import Foundation
import Plots

/// Small helpers that write HTML5 which is also well-formed XML (void elements self-closed,
/// every text and attribute escaped), so pages validate as HTML and parse as XML in tests.
enum HTML {
    /// Escapes text and attribute values (&, <, >, ", ').
    static func escape(_ text: String) -> String { SVGBuilder.escape(text) }

    /// A complete page: doctype, UTF-8, viewport for narrow windows, the stylesheet, the body lines.
    static func page(title: String, stylesheet: String, body: [String]) -> String {
        (["<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\"/>",
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>",
          "<title>\(escape(title))</title>",
          "<link rel=\"stylesheet\" href=\"\(escape(stylesheet))\"/>", "</head>", "<body>"]
         + body + ["</body>", "</html>"]).joined(separator: "\n") + "\n"
    }

    /// `<a href="…">text</a>` (text escaped here).
    static func link(_ text: String, href: String) -> String {
        "<a href=\"\(escape(href))\">\(escape(text))</a>"
    }

    /// A relative URL from path components, each percent-encoded.
    static func href(_ components: [String]) -> String {
        components.map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? $0 }
            .joined(separator: "/")
    }

    /// A table; `header` is plain text, `rows` hold HTML cells; columns from `numericFrom` on align right.
    static func table(header: [String], rows: [[String]], numericFrom: Int = 1, caption: String? = nil) -> [String] {
        var lines = ["<div class=\"table\"><table>"]
        if let caption { lines.append("<caption>\(escape(caption))</caption>") }
        lines.append("<thead><tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>")
        lines.append("<tbody>")
        for row in rows {
            let cells = row.enumerated().map { i, cell in
                i >= numericFrom ? "<td class=\"num\">\(cell)</td>" : "<td>\(cell)</td>"
            }
            lines.append("<tr>" + cells.joined() + "</tr>")
        }
        lines.append("</tbody></table></div>")
        return lines
    }

    /// A definition list of (term, HTML description) pairs.
    static func facts(_ pairs: [(String, String)]) -> String {
        "<dl class=\"facts\">" + pairs.map { "<dt>\(escape($0.0))</dt><dd>\($0.1)</dd>" }.joined() + "</dl>"
    }

    /// A bulleted list of HTML items.
    static func list(_ items: [String]) -> String {
        "<ul>" + items.map { "<li>\($0)</li>" }.joined() + "</ul>"
    }

    /// Inline SVG (no XML declaration) inside a figure.
    static func figure(_ svg: SVGBuilder, caption: String? = nil) -> [String] {
        ["<figure>", svg.fragment] + (caption.map { ["<figcaption>\(escape($0))</figcaption>"] } ?? []) + ["</figure>"]
    }
}

/// The site's stylesheet: readable in a narrow window (tables scroll, figures shrink) and in print.
enum SiteStyle {
    static let css = """
        body { font-family: Helvetica, Arial, sans-serif; max-width: 72rem; margin: 0 auto; padding: 1rem; color: #202020; }
        h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; } h3 { font-size: 1rem; }
        .table { overflow-x: auto; }
        table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.9rem; }
        th, td { border: 1px solid #d0d0d0; padding: 0.2rem 0.45rem; text-align: left; vertical-align: top; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
        figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
        .seeds a { font-size: 0.75rem; margin-left: 0.2rem; }
        .problem { background: #fff1f0; border-left: 4px solid #d62728; padding: 0.4rem 0.6rem; }
        pre { background: #f6f8fa; padding: 0.6rem; overflow-x: auto; font-size: 0.8rem; }
        dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; }
        dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
        .plots { display: flex; flex-wrap: wrap; gap: 1rem; }
        @media print { body { max-width: none; } a { color: inherit; text-decoration: none; } figure { break-inside: avoid; } }
        """
}
