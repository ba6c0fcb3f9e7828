import Checkpoints
import NeuralNet

/// Conversions between a live `Network` and the checkpoint format (plain PyTorch layouts).
extension Network {
    /// Weights and biases of every layer as checkpoint tensors.
    func checkpointLayers() -> [Checkpoint.Layer] {
        layers.map { (name: $0.name, weight: Tensor(shape: $0.weightShape, values: $0.weights),
                      bias: Tensor(shape: $0.biasShape, values: $0.biases)) }
    }

    /// Momentum buffers of every layer, for an exact resume.
    func checkpointVelocities() -> [Checkpoint.Layer] {
        layers.map { (name: $0.name, weight: Tensor(shape: $0.weightShape, values: $0.weightVelocities),
                      bias: Tensor(shape: $0.biasShape, values: $0.biasVelocities)) }
    }

    /// The shapes this network's checkpoints must have.
    var expectedArchitecture: ExpectedArchitecture {
        ExpectedArchitecture(layers.map { (name: $0.name, weightShape: $0.weightShape, biasShape: $0.biasShape) })
    }

    /// The shapes of layers 1…n only (what a transfer copies).
    func expectedArchitecture(prefix n: Int) -> ExpectedArchitecture {
        ExpectedArchitecture(layers.prefix(n).map { (name: $0.name, weightShape: $0.weightShape, biasShape: $0.biasShape) })
    }

    /// Loads weights (and velocities, when `withVelocities`) of the named layers from a checkpoint.
    func load(_ checkpoint: Checkpoint, layers names: [String], withVelocities: Bool) throws {
        for name in names {
            let layer = try self.layer(named: name)
            guard let saved = checkpoint.layers.first(where: { $0.name == name }) else {
                throw NetworkError.unknownLayer(name)
            }
            guard saved.weight.shape == layer.weightShape, saved.bias.shape == layer.biasShape else {
                throw NetworkError.shapeMismatch(layer: name, expected: layer.weightShape, got: saved.weight.shape)
            }
            layer.weights = saved.weight.values
            layer.biases = saved.bias.values
            if withVelocities, let v = checkpoint.velocities.first(where: { $0.name == name }) {
                layer.weightVelocities = v.weight.values
                layer.biasVelocities = v.bias.values
            }
        }
    }
}
