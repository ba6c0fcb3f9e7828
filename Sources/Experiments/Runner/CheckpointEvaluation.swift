import Checkpoints
import Datasets
import Foundation
import Metrics
import NeuralNet

/// A checkpoint's outputs on its test set: what `transfer eval` evaluates and `--predictions` exports.
public struct CheckpointPredictions: Sendable {
    /// Row-major N×K logits, or N logits of a single-logit (sigmoid) head.
    public let logits: [Float]
    public let labels: [Int]
    public let classNames: [String]
    /// True for a single-logit binary head.
    public let isSigmoid: Bool
    public let provenance: EvaluationProvenance

    /// The evaluation report of these outputs.
    public func report() throws -> EvaluationReport {
        if isSigmoid {
            return try EvaluationReport.computeSigmoid(logits: logits, labels: labels, classNames: classNames,
                                                       provenance: provenance)
        }
        return try EvaluationReport.compute(logits: logits, labels: labels, classNames: classNames,
                                            provenance: provenance)
    }
}

/// Evaluates a checkpoint on its dataset's test images of its classes, from the checkpoint
/// alone (dataset, class mapping, input mean and architecture are stored in it).
public enum CheckpointEvaluation {
    public static func evaluate(_ url: URL, datasetPath: String? = nil, threads: Int) throws -> EvaluationReport {
        try predict(url, datasetPath: datasetPath, threads: threads).report()
    }

    /// Runs the checkpoint's network on its test set.
    public static func predict(_ url: URL, datasetPath: String? = nil, threads: Int) throws -> CheckpointPredictions {
        let checkpoint = try Checkpoint.read(from: url)
        let meta = checkpoint.metadata
        // The stored spec is read by the config's own parser: one schema, unknown keys are errors.
        var stored = try StrictObject.parse(Data(meta.dataset.utf8), file: "\(url.path) (metadata dataset)")
        var spec = try ExperimentConfig.parseDataset(object: &stored)
        if let datasetPath { spec.path = datasetPath }
        let description = try JSONDecoder().decode(NetworkDescription.self, from: Data(meta.architecture.utf8))
        let (_, fullTest) = try spec.load()
        var mapping = [Int](repeating: -1, count: fullTest.classCount)
        for (k, id) in meta.classIDs.enumerated() where id < mapping.count { mapping[id] = k }
        let indices = fullTest.labels.indices.filter { mapping[fullTest.labels[$0]] >= 0 }
        var test = try fullTest.subset(indices)
        test = try test.relabeled(test.labels.map { mapping[$0] }, classNames: meta.classNames)
        let c = test.channels, h = test.height, w = test.width
        // The stored mean's shape says its mode: [C, H, W] per pixel, [C] per channel, empty for none.
        let mode: MeanMode = meta.inputMean.values.isEmpty ? .none
            : (meta.inputMean.shape.count == 3 ? .perPixel : .perChannel)
        try MeanNormalizer(mode: mode, mean: meta.inputMean.values, channels: c, height: h, width: w).apply(to: &test)
        ComputeThread.shared.threads = threads
        let logits = try ComputeThread.shared.run { () throws -> [Float] in
            let net = try Network(description, seed: 0)
            try net.load(checkpoint, layers: net.layers.map(\.name), withVelocities: false)
            return try net.predict(test.pixels, batchSize: 512)
        }
        let provenance = EvaluationProvenance(
            checkpointPath: url.path, dataset: spec.kind.rawValue, split: "run \(meta.treatment), seed \(meta.seed)",
            testSetDescription: "the dataset's test images of classes \(meta.classNames.joined(separator: ", ")) (\(test.count) images)",
            extra: ["run_id": meta.runID])
        let isSigmoid = description.layers.last.map { if case .dense(_, 1) = $0 { return true } else { return false } }
        return CheckpointPredictions(logits: logits, labels: test.labels, classNames: meta.classNames,
                                     isSigmoid: isSigmoid == true, provenance: provenance)
    }
}
