import Foundation
import Plots
import Records

/// The source nets' validation curves — baseA of every oriented split and seed — read from their
/// `train.log`: the evidence that a source had plateaued before its layers were copied.
/// Written as `sources.svg` beside `figure.svg` when the experiment has source nets.
enum SourceCurves {
    struct Curve: Equatable {
        /// "similar", "dissimilar-BA", …: the record's split folder.
        let split: String
        let seed: Int
        /// (step, validation top-1 in %) in step order.
        let points: [Point]
    }

    struct Point: Equatable {
        let step: Int
        let accuracy: Double
    }

    /// The validation points of a `train.log`: lines `… step N/M … val acc A …` (A a fraction).
    /// A resumed run logs the steps after its checkpoint again; the last value of a step wins.
    static func parse(_ log: String) -> [Point] {
        var byStep: [Int: Double] = [:]
        for line in log.split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let s = words.firstIndex(of: "step"), s + 1 < words.count,
                  let step = Int(words[s + 1].split(separator: "/").first ?? ""),
                  let v = words.firstIndex(of: "acc"), v > 0, words[v - 1] == "val", v + 1 < words.count,
                  let accuracy = Double(words[v + 1]), accuracy.isFinite else { continue }
            byStep[step] = accuracy * 100
        }
        return byStep.keys.sorted().map { Point(step: $0, accuracy: byStep[$0]!) }
    }

    /// One curve per baseA record whose `train.log` (under `experimentDirectory`) has validation
    /// points; records without a readable log are left out. Ordered by split, then seed.
    static func curves(_ records: [RunRecord], experimentDirectory: URL) -> [Curve] {
        records.filter { $0.treatment == .baseA }
            .sorted { ($0.split, $0.seed) < ($1.split, $1.seed) }
            .compactMap { record in
                let log = experimentDirectory.appendingPathComponent(record.split, isDirectory: true)
                    .appendingPathComponent("runs", isDirectory: true)
                    .appendingPathComponent("baseA-seed\(record.seed)", isDirectory: true)
                    .appendingPathComponent("train.log")
                guard let text = try? String(contentsOf: log, encoding: .utf8) else { return nil }
                let points = parse(text)
                return points.isEmpty ? nil : Curve(split: record.split, seed: record.seed, points: points)
            }
    }

    /// The curves as one line chart (validation top-1 % against step), one line per source net.
    static func svg(_ curves: [Curve]) -> String {
        let series = curves.map { curve in
            LineSeries(name: "\(curve.split) seed \(curve.seed)",
                       points: curve.points.map { (x: Double($0.step), y: $0.accuracy) })
        }
        return LinePlot.draw(series, title: "Source nets (baseA): validation top-1",
                             xLabel: "step", yLabel: "validation top-1 %").document
    }
}
