import Foundation

/// `analyses.html`, written when the experiment folder holds the outputs of `transfer analyze`
/// (`cka-<split>.svg` layer-similarity heat maps) or the target-size curves
/// (`transfer_benefit.svg`): each figure shown from its file, with links to its tables.
enum AnalysesPage {
    /// The figures found in the experiment folder, sorted: (figure file, related table files).
    static func figures(in directory: URL) -> [(figure: String, tables: [String])] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
        let present = Set(names)
        return names.compactMap { name in
            if name.hasPrefix("cka-") && name.hasSuffix(".svg") {
                return (name, ["cka.md", "cka.csv"].filter(present.contains))
            }
            if name == "transfer_benefit.svg" { return (name, ["transfer_benefit.csv"].filter(present.contains)) }
            return nil
        }
    }

    static func html(experiment: String, figures: [(figure: String, tables: [String])]) -> String {
        var body = ["<p>" + HTML.link("← experiment \(experiment)", href: "index.html") + "</p>",
                    "<h1>Layer similarity and target size</h1>"]
        for (figure, tables) in figures {
            let title = figure == "transfer_benefit.svg" ? "Transfer benefit by target size"
                : "Layer similarity (linear CKA): \(figure.dropFirst(4).dropLast(4))"
            body.append("<h2>\(HTML.escape(title))</h2>")
            body.append("<figure><img src=\"\(HTML.escape(HTML.href(["..", figure])))\" alt=\"\(HTML.escape(title))\"/></figure>")
            let links = ([figure] + tables).map { HTML.link($0, href: HTML.href(["..", $0])) }
            body.append("<p>" + links.joined(separator: " · ") + "</p>")
        }
        return HTML.page(title: "Analyses — \(experiment)", stylesheet: "style.css", body: body)
    }
}
