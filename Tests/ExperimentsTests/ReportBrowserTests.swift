import Foundation
import Testing
import TestSupport

/// The smoke study's report, opened in headless Chromium and validated with HTML Tidy: every
/// page loads without errors, every SVG renders with a size, every internal link resolves; a
/// corrupt metrics.json is reported; a screenshot of index.html is left in `testArtifacts`.
@Suite("HTML report in a browser", .serialized)
struct ReportBrowserTests {
    static let smoke = PythonEnvironment.packageRoot.appendingPathComponent("configs/smoke.json").path
    static let checker = PythonEnvironment.packageRoot.appendingPathComponent("scripts/browser-check.py").path

    struct PageResult: Decodable {
        let svgs: [[Double]]
        let errors: [String]
    }

    /// Runs the browser checker on `pages`; returns its per-page results.
    static func browse(_ pages: [URL], screenshot: URL) throws -> [String: PageResult] {
        let tools = try Requirements.chromium.require()
        let list = FileManager.default.temporaryDirectory.appendingPathComponent("pages-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: list) }
        try JSONEncoder().encode(pages.map(\.path)).write(to: list)
        let run = try PythonEnvironment.run(tools.python, arguments: [checker, tools.chromium.path, list.path, screenshot.path])
        try #require(run.status == 0, "browser check failed: \(run.stderr)")
        return try JSONDecoder().decode([String: PageResult].self, from: Data(run.stdout.utf8))
    }

    /// The internal links of a page (href and src) that do not resolve to a file.
    static func brokenLinks(_ page: URL) throws -> [String] {
        let doc = try XMLElements(try String(contentsOf: page, encoding: .utf8))
        let targets = doc.elements.compactMap { $0.attributes["href"] ?? $0.attributes["src"] }
            .filter { !$0.contains(":") && !$0.hasPrefix("#") }
        return targets.filter { target in
            let path = target.split(separator: "#").first.map(String.init) ?? target
            let url = URL(fileURLWithPath: path.removingPercentEncoding ?? path, relativeTo: page.deletingLastPathComponent())
            return !FileManager.default.fileExists(atPath: url.standardizedFileURL.path)
        }
    }

    static func pages(_ report: URL) -> [URL] {
        let files = FileManager.default.enumerator(at: report, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "html" } ?? []
        let index = report.appendingPathComponent("index.html")
        return [index] + files.filter { $0.lastPathComponent != "index.html" }.sorted { $0.path < $1.path }
    }

    @Test("the smoke report: no console errors, SVGs with size, links resolve, valid HTML, a corrupt metrics.json reported",
          .enabled(if: Requirements.chromium.shouldRun && Requirements.transfer.shouldRun && Requirements.tidy.shouldRun,
                   "needs Chromium, HTML Tidy and the transfer tool (make test installs them)"))
    func smokeReport() throws {
        _ = try Requirements.transfer.require()
        let tidy = try Requirements.tidy.require()
        let results = FileManager.default.temporaryDirectory.appendingPathComponent("report-browser-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: results) }
        let sweep = try TransferBinary.run(["sweep", Self.smoke, "--jobs", "2", "--results", results.path])
        try #require(sweep.status == 0, "\(sweep.output)")
        let corrupt = results.appendingPathComponent("smoke/similar/runs/A4B-seed0/metrics.json")
        try Data("{\"head\": ".utf8).write(to: corrupt)
        let report = try TransferBinary.run(["report", Self.smoke, "--results", results.path])
        #expect(report.status == 1)
        #expect(report.output.contains("not documented: similar/A4B/seed0: \(corrupt.path): not a valid evaluation report"))

        let folder = results.appendingPathComponent("smoke/report")
        let pages = Self.pages(folder)
        #expect(pages.count == 1 + 34)
        try FileManager.default.createDirectory(at: testArtifacts, withIntermediateDirectories: true)
        let screenshot = testArtifacts.appendingPathComponent("report-index.png")
        let seen = try Self.browse(pages, screenshot: screenshot)
        for page in pages {
            let result = try #require(seen[page.path], "\(page.path) not opened")
            #expect(result.errors.isEmpty, "\(page.lastPathComponent): \(result.errors)")
            #expect(!result.svgs.isEmpty && result.svgs.allSatisfy { $0[0] > 0 && $0[1] > 0 }, "\(page.lastPathComponent)")
            #expect(try Self.brokenLinks(page).isEmpty, "\(page.path)")
            let check = try PythonEnvironment.run(tidy, arguments: ["-e", "-q", page.path])
            #expect(check.status < 2 && !check.stderr.contains("Error:"), "tidy: \(page.lastPathComponent): \(check.stderr)")
        }
        let bad = try String(contentsOf: folder.appendingPathComponent("runs/similar/A4B-seed0.html"), encoding: .utf8)
        #expect(bad.contains("metrics.json could not be used: \(corrupt.path)"))
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000)
    }

    @Test("the browser check does fail: a page with a console error and a missing image",
          .enabled(if: Requirements.chromium.shouldRun, Comment(rawValue: Requirements.chromium.skipReason)))
    func checkerCatchesErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("browser-neg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("bad.html")
        try Data("<!DOCTYPE html><html><body><img src=\"missing.png\"/><script>console.error('boom')</script></body></html>".utf8)
            .write(to: page)
        let seen = try Self.browse([page], screenshot: folder.appendingPathComponent("shot.png"))
        let errors = try #require(seen[page.path]).errors
        #expect(errors.contains { $0.contains("boom") })
        #expect(errors.contains { $0.contains("missing.png") })
        #expect(try Self.brokenLinks(page) == ["missing.png"])
    }
}
