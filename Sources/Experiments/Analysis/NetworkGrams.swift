import Checkpoints
import Foundation
import NeuralNet
import Similarity

/// The centered Gram matrix of each of layers 1…7 (conv1…fc7: after ReLU, pooled layers after
/// pooling, no dropout) of one checkpointed network on one image sample.
///
/// The layers are walked one at a time through the engine's inference path, so at most two
/// layers' features exist at once; what is kept is n² floats per layer, whatever its width.
struct NetworkGrams {
    /// "conv1" … "fc7".
    let layers: [String]
    let grams: [GramMatrix]

    /// Layers compared: every weight layer but the classifier (fc8 has a different width per task).
    static func comparedLayers(of net: Network) -> Int { net.layers.count - 1 }

    static func compute(checkpoint url: URL, images: ImageSample, batchSize: Int = 256) throws -> NetworkGrams {
        let checkpoint = try Checkpoint.read(from: url)
        let description = try JSONDecoder().decode(NetworkDescription.self,
                                                   from: Data(checkpoint.metadata.architecture.utf8))
        return try ComputeThread.shared.run {
            let net = try Network(description, seed: 0)
            try net.load(checkpoint, layers: net.layers.map(\.name), withVelocities: false)
            let depth = comparedLayers(of: net)
            var grams: [GramMatrix] = []
            var current = try net.inferenceFeatures(images.pixels, afterLayer: 1, batchSize: batchSize)
            for n in 1...depth {
                // The next layer's features come from this one's before its Gram consumes it.
                let next = n < depth ? try net.inferenceFeatures(current, afterLayer: n + 1, fromLayer: n,
                                                                 batchSize: batchSize) : []
                let features = consume current
                current = next
                grams.append(try GramMatrix(features: features, count: images.count,
                                            product: MatrixProduct.gram(_:rows:columns:into:)))
            }
            return NetworkGrams(layers: net.layers.prefix(depth).map(\.name), grams: grams)
        }
    }
}
