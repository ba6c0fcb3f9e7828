import NeuralNetReference
import Testing
import TestSupport

@Suite("RefSGD")
struct ReferenceSGDTests {
    let sgd = RefSGD<Double>(learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)

    @Test("one PyTorch-convention step by hand: v = m·v + g + wd·w; w −= lr·lrMult·v",
          arguments: [(1.0, [0.94, -2.048]), (2.0, [0.88, -2.096])])
    func handComputed(_ lrMultiplier: Double, _ expectedWeight: [Double]) throws {
        var weight = try tensor([2], [1, -2])
        var velocity = try tensor([2], [0.1, 0])
        try sgd.step(weight: &weight, gradient: tensor([2], [0.5, 0.5]), velocity: &velocity, lrMultiplier: lrMultiplier)
        // v0 = 0.9·0.1 + 0.5 + 0.01·1 = 0.6;  v1 = 0 + 0.5 + 0.01·(−2) = 0.48
        #expect(allClose(velocity.data, [0.6, 0.48], tolerance: 1e-15))
        #expect(allClose(weight.data, expectedWeight, tolerance: 1e-15))
    }

    @Test("lrMultiplier 0 freezes: no update, no decay, velocity untouched")
    func frozen() throws {
        var weight = try tensor([2], [1, -2])
        var velocity = try tensor([2], [0.1, 0.3])
        try sgd.step(weight: &weight, gradient: tensor([2], [0.5, 0.5]), velocity: &velocity, lrMultiplier: 0)
        #expect(weight.data == [1, -2])
        #expect(velocity.data == [0.1, 0.3])
    }

    @Test("decayMultiplier 0 removes weight decay for that parameter")
    func noDecay() throws {
        var weight = try tensor([1], [1])
        var velocity = try tensor([1], [0])
        try sgd.step(weight: &weight, gradient: tensor([1], [0.5]), velocity: &velocity, decayMultiplier: 0)
        #expect(velocity.data == [0.5])
        #expect(allClose(weight.data, [0.95], tolerance: 1e-15))
    }

    @Test("after a learning-rate change the velocity keeps no trace of the old rate (PyTorch, not Caffe)")
    func learningRateChange() throws {
        var sgd = RefSGD<Double>(learningRate: 0.1, momentum: 0.9)
        var weight = try tensor([1], [1])
        var velocity = try tensor([1], [0])
        let gradient = try tensor([1], [1])
        try sgd.step(weight: &weight, gradient: gradient, velocity: &velocity)   // v = 1, w = 0.9
        sgd.learningRate = 0.01
        try sgd.step(weight: &weight, gradient: gradient, velocity: &velocity)   // v = 1.9, w = 0.9 − 0.019
        #expect(allClose(velocity.data, [1.9], tolerance: 1e-15))
        #expect(allClose(weight.data, [0.881], tolerance: 1e-15))  // Caffe's convention would give 0.8
    }
}
