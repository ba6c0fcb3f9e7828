import ArgumentParser
import Checkpoints
import Datasets
import Experiments
import Foundation
import Storage
import NeuralNet
import Predictions

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a checkpoint on its test set: top-1, confusion matrix, per-class and averaged metrics, ROC/AUC.")

    @Argument(help: "A checkpoint.h5 written by this project.")
    var checkpoint: String

    @Option(help: "Write the full report as JSON here.")
    var json: String?

    @Option(help: "Also write the logits and labels as CSV here (read back by `transfer metrics`).")
    var predictions: String?

    @Option(help: "Read the dataset from this folder instead of the one recorded in the checkpoint.")
    var datasetPath: String?

    @Option(help: "Compute threads (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws { try OptionLimits.check("threads", threads, OptionLimits.threads) }

    func run() throws {
        let outputs = try reportOrFail {
            try CheckpointEvaluation.predict(URL(fileURLWithPath: checkpoint), datasetPath: datasetPath, threads: threads)
        }
        let report = try reportOrFail { try outputs.report() }
        print(report.markdown())
        if let predictions {
            let csv = try PredictionExport.logitsCSV(logits: outputs.logits, labels: outputs.labels,
                                                     classNames: outputs.classNames)
            try AtomicFile.write(Data(csv.utf8), to: URL(fileURLWithPath: predictions))
            print("wrote \(predictions)")
        }
        if let json {
            try AtomicFile.write(try report.jsonData(prettyPrinted: true), to: URL(fileURLWithPath: json))
            print("wrote \(json)")
        }
    }
}

/// Runs `body`, turning any error into the tool's one-line failure.
func reportOrFail<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw fail("\(error)") }
}

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Print a checkpoint's metadata, layers and shapes, and verify its checksums.")

    @Argument(help: "A checkpoint.h5 file.")
    var file: String

    func run() throws {
        do { print(try Checkpoint.inspect(URL(fileURLWithPath: file))) } catch { throw fail("\(error)") }
    }
}

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure fmnist8 training and inference throughput (images/s, GFLOP/s) and dataset loading; prints one JSON line.")

    @Option(help: "Compute threads.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Timed training steps.")
    var steps: Int = 40

    @Option(help: "Training batch size.")
    var batch: Int = 128

    @Flag(help: "Also print where a training step's time goes, per primitive.")
    var profile = false

    @Option(help: "Steps of the two short runs (baseB, B5B) that measure the time around the steps and peak memory; 0 skips them.")
    var runSteps: Int = 200

    func validate() throws {
        try OptionLimits.check("threads", threads, OptionLimits.threads)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if threads > cores {
            throw ValidationError("--threads \(threads) is more than this machine's \(cores) cores: "
                                  + "oversubscribed threads measure contention, not the engine")
        }
        try OptionLimits.check("steps", steps, 1...100_000)
        try OptionLimits.check("batch", batch, ConfigLimits.batchSize)
        try OptionLimits.check("run-steps", runSteps, 0...100_000)
    }

    func run() throws {
        let t0 = Date()
        let data = try DatasetSpec.fashionMNIST.load()
        let loadSeconds = Date().timeIntervalSince(t0)
        ComputeThread.shared.threads = threads
        let result = try ComputeThread.shared.run {
            try Benchmark.run(.fmnist8(classes: 5), name: "fmnist8", trainBatch: batch, steps: steps, profile: profile)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var json = try JSONSerialization.jsonObject(with: encoder.encode(result)) as! [String: Any]
        json["fashion_mnist_load_seconds"] = (loadSeconds * 1000).rounded() / 1000
        json["fashion_mnist_images"] = data.train.count + data.test.count
        let phases = json.removeValue(forKey: "train_phase_seconds")
        let runs = runSteps > 0 ? try RunOverheadProbe(steps: runSteps, threads: threads).measure() : []
        for run in runs { json.merge(run.json) { $1 } }
        if !runs.isEmpty { json["run_steps"] = runSteps }
        let line = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        print(String(decoding: line, as: UTF8.self))
        print(Self.summary(result))
        for run in runs { print(run.summary) }
        if profile, let phases = phases as? [String: Double] {
            print("per training step (ms):")
            for (name, s) in phases.sorted(by: { $0.value > $1.value }) where s * 1000 >= 0.05 {
                print(String(format: "  %-32@ %8.2f", name as NSString, s * 1000))
            }
        }
    }

    /// One human line: the rates and their share of the measured FMA peak.
    static func summary(_ r: BenchmarkResult) -> String {
        func share(_ value: Double?) -> String { value.map { String(format: " = %.0f %% of peak", $0 * 100) } ?? "" }
        let peak = r.fmaPeakGFLOPs.map { String(format: "FMA peak %.0f GFLOP/s", $0) } ?? "FMA peak not measured (no AVX2/AVX-512)"
        return String(format: "training %.0f img/s = %.1f GFLOP/s", r.trainImagesPerSecond, r.trainGFLOPs) + share(r.trainShareOfPeak)
            + String(format: "; inference %.0f img/s = %.1f GFLOP/s", r.inferImagesPerSecond, r.inferGFLOPs)
            + share(r.inferShareOfPeak) + "; \(peak); \(r.threads) thread(s), oneDNN \(r.isa)"
            + (disturbedPeak(r) ? "\nwarning: a share above 100 % means the FMA peak was measured while something else held a core: measure again on a quiet machine" : "")
    }

    /// No network can beat the FMA peak: a share above it means the peak's measurement was disturbed.
    static func disturbedPeak(_ r: BenchmarkResult) -> Bool {
        max(r.trainShareOfPeak ?? 0, r.inferShareOfPeak ?? 0) > 1
    }
}
