/// Stochastic gradient descent with momentum and L2 weight decay, PyTorch's convention:
/// v ← μ·v + (g + λ·w);  w ← w − η·m·v, where m is the layer's learning-rate multiplier.
///
/// (Caffe folds η into v: v ← μ·v + η·(g + λ·w). The two agree for a constant η and differ
/// only right after a step of the schedule; PyTorch's is used because the design's reference
/// runs are PyTorch.) A layer with m = 0 is frozen: no update, no decay, velocity untouched.
/// Weight decay applies to weights only, not biases (as the paper's Caffe nets: decay_mult 0 on biases).
public struct SGD: Sendable, Equatable, Codable {
    public var momentum: Float
    public var weightDecay: Float

    public init(momentum: Float = 0.9, weightDecay: Float = 5e-4) {
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    /// Updates every trainable layer from its last computed gradients.
    public func step(_ layers: [WeightLayer], learningRate: Float) {
        for layer in layers where !layer.isFrozen {
            let lr = learningRate * layer.learningRateMultiplier
            update(layer.weight.pointer, layer.weightGradient.pointer, layer.weightVelocity.pointer,
                   count: layer.weightCount, lr: lr, decay: weightDecay)
            update(layer.bias.pointer, layer.biasGradient.pointer, layer.biasVelocity.pointer,
                   count: layer.biasCount, lr: lr, decay: 0)
            layer.markChanged()
        }
    }

    @inline(__always)
    private func update(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ v: UnsafeMutablePointer<Float>,
                        count: Int, lr: Float, decay: Float) {
        let mu = momentum
        for i in 0..<count {
            let vi = mu * v[i] + (g[i] + decay * w[i])
            v[i] = vi
            w[i] -= lr * vi
        }
    }
}

/// A step learning-rate schedule: the base rate multiplied by `gamma` at each milestone step.
public struct StepSchedule: Sendable, Equatable, Codable {
    public var baseRate: Float
    public var gamma: Float
    /// Iterations (0-based step indices) at which the rate is multiplied by gamma.
    public var milestones: [Int]

    public init(baseRate: Float, gamma: Float = 0.1, milestones: [Int]) {
        self.baseRate = baseRate
        self.gamma = gamma
        self.milestones = milestones.sorted()
    }

    /// The rate for step `step` (0-based).
    public func rate(at step: Int) -> Float {
        var r = baseRate
        for m in milestones where step >= m { r *= gamma }
        return r
    }
}
