import Foundation
import RecordFixtures
import Records
import Testing
@testable import Reports

@Suite("Source nets' validation curves (sources.svg)")
struct SourceCurvesTests {
    static let log = """
        2026-11-30T06:07:10Z attempt: code abc, run 83b3, 1 thread(s), from step 0
        2026-11-30T06:08:18Z step 100/400  loss 0.7131  val acc 0.8820  95 img/s  ETA 21m16s
        2026-11-30T06:09:30Z step 200/400  loss 0.3130  val acc 0.9120  92 img/s  ETA 20m56s
        2026-11-30T06:10:00Z step 250/400  loss 0.3000  94 img/s  ETA 1m
        2026-11-30T06:11:00Z attempt: code abc, run 83b3, 1 thread(s), resuming at step 200
        2026-11-30T06:12:33Z step 300/400  loss 0.2446  val acc 0.9340  95 img/s  ETA 19m04s
        2026-11-30T06:13:33Z step 400/400  loss 0.2000  val acc 0.9400  95 img/s  ETA 0s
        2026-11-30T06:14:00Z step 200/400  loss 0.3100  val acc 0.9150  95 img/s  ETA 0s
        2026-11-30T06:14:04Z done: top-1 0.9400, test loss 0.2, 7m total
        """

    @Test("parses step and validation accuracy; a step logged again keeps its last value; lines without val acc are skipped")
    func parse() {
        let points = SourceCurves.parse(Self.log)
        #expect(points.map(\.step) == [100, 200, 300, 400])
        #expect(points.map(\.accuracy) == [88.2, 91.5, 93.4, 94.0])
        #expect(SourceCurves.parse("step x/3 val acc 0.5\nno numbers here\n").isEmpty)
    }

    @Test("one line per baseA with a log, written by the report writer; none without logs")
    func writtenByReport() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sources-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let records = [
            ReportFixtures.record(split: "similar", treatment: .baseA, seed: 0, top1: 0.95, experiment: "e"),
            ReportFixtures.record(split: "similar", treatment: .baseA, seed: 1, top1: 0.95, experiment: "e"),
            ReportFixtures.record(split: "similar", treatment: .baseB, seed: 0, top1: 0.9, experiment: "e"),
        ]
        // Without any train.log there is no figure.
        var written = try ReportWriter.write(records: records, to: dir, experiment: "e")
        #expect(!written.map(\.lastPathComponent).contains("sources.svg"))
        for seed in [0, 1] {
            let runs = dir.appendingPathComponent("similar/runs/baseA-seed\(seed)", isDirectory: true)
            try FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
            try Self.log.write(to: runs.appendingPathComponent("train.log"), atomically: true, encoding: .utf8)
        }
        written = try ReportWriter.write(records: records, to: dir, experiment: "e")
        #expect(written.map(\.lastPathComponent).contains("sources.svg"))
        let svg = try String(contentsOf: dir.appendingPathComponent("sources.svg"), encoding: .utf8)
        #expect(svg.components(separatedBy: "<polyline class=\"line\"").count - 1 == 2)
        #expect(svg.contains("data-series=\"similar seed 0\"") && svg.contains("data-series=\"similar seed 1\""))
        let curves = SourceCurves.curves(records, experimentDirectory: dir)
        #expect(curves.map(\.seed) == [0, 1] && curves.allSatisfy { $0.points.count == 4 })
    }
}
