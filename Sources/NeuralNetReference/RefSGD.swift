/// One step of momentum SGD with L2 weight decay, in **PyTorch's** convention
/// (`torch.optim.SGD`, dampening 0, no Nesterov):
///
///     v ← momentum · v + (g + weightDecay · decayMultiplier · w)
///     w ← w − learningRate · lrMultiplier · v
///
/// Caffe's convention differs: `v ← momentum · v + lr · (g + wd · w); w ← w − v`, i.e. the
/// learning rate is folded into the velocity. The two agree while lr is constant but differ
/// right after an lr change (Caffe's velocity keeps the old lr for a while). We use PyTorch's
/// because the project's results are compared with a PyTorch reference implementation.
///
/// `lrMultiplier` scales the rate per parameter (Caffe's `lr_mult`); `lrMultiplier == 0`
/// means **frozen**: no update, no decay, and the velocity is left untouched.
/// PyTorch initialises the velocity to the first `g + wd·w`; that equals the formula above
/// with a zero initial velocity, which is what callers should start from.
public struct RefSGD<T: BinaryFloatingPoint>: Equatable {
    /// Base learning rate.
    public var learningRate: T
    /// Momentum coefficient (0 = plain SGD).
    public var momentum: T
    /// L2 weight-decay coefficient (added to the gradient, PyTorch `weight_decay`).
    public var weightDecay: T

    public init(learningRate: T, momentum: T = 0, weightDecay: T = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    /// Updates `weight` and `velocity` in place from `gradient` (all three the same shape).
    /// `decayMultiplier` scales the weight decay for this parameter (e.g. 0 for biases).
    public func step(weight: inout RefTensor<T>, gradient: RefTensor<T>, velocity: inout RefTensor<T>,
                     lrMultiplier: T = 1, decayMultiplier: T = 1) throws {
        try requireShape(gradient, weight.shape, layer: "RefSGD", what: "gradient")
        try requireShape(velocity, weight.shape, layer: "RefSGD", what: "velocity")
        guard lrMultiplier != 0 else { return }  // frozen
        let rate = learningRate * lrMultiplier
        let decay = weightDecay * decayMultiplier
        for i in weight.data.indices {
            velocity.data[i] = momentum * velocity.data[i] + (gradient.data[i] + decay * weight.data[i])
            weight.data[i] -= rate * velocity.data[i]
        }
    }
}

extension RefSGD: Sendable where T: Sendable {}
