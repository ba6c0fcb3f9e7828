import Testing
@testable import NeuralNet
import NeuralNetReference
import TestSupport

/// The oneDNN engine held to the plain-Swift reference (computed in Double), forward and
/// backward, layer by layer and for a whole fmnist8 training step.
@Suite("oneDNN engine vs reference", .serialized)
struct EngineVsReferenceTests {
    /// max |a − b| / max |b|: the relative error of a whole tensor.
    static func relativeError(_ a: [Float], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "length \(a.count) vs \(b.count)")
        var diff = 0.0, scale = 1e-30
        for (x, y) in zip(a, b) {
            diff = max(diff, abs(Double(x) - y))
            scale = max(scale, abs(y))
        }
        return diff / scale
    }

    static func random(_ count: Int, seed: UInt64) -> [Double] {
        var r = TestRandom(seed: seed)
        return r.uniform(count: count, in: -1...1)
    }

    struct ConvCase: CustomStringConvertible, Sendable {
        let n, c, h, w, out, k, stride, pad: Int
        let relu: Bool
        var description: String { "N\(n) C\(c) \(h)×\(w) → \(out) k\(k) s\(stride) p\(pad)\(relu ? " relu" : "")" }
    }

    @Test("convolution (+ReLU) forward, weight, bias and input gradients", arguments: [
        ConvCase(n: 2, c: 3, h: 7, w: 6, out: 8, k: 3, stride: 1, pad: 1, relu: false),
        ConvCase(n: 1, c: 1, h: 28, w: 28, out: 32, k: 3, stride: 1, pad: 1, relu: true),
        ConvCase(n: 3, c: 16, h: 9, w: 9, out: 16, k: 3, stride: 2, pad: 1, relu: true),
        ConvCase(n: 2, c: 4, h: 5, w: 5, out: 3, k: 5, stride: 1, pad: 0, relu: false),
        ConvCase(n: 2, c: 8, h: 6, w: 7, out: 8, k: 1, stride: 1, pad: 0, relu: true),
        ConvCase(n: 1, c: 2, h: 4, w: 4, out: 4, k: 3, stride: 2, pad: 2, relu: false),
    ])
    func convolution(_ t: ConvCase) throws {
        var layers: [LayerSpec] = [.convolution(name: "conv1", outChannels: t.out, kernel: t.k, stride: t.stride,
                                                padding: t.pad)]
        if t.relu { layers.append(.relu) }
        let description = NetworkDescription(inputShape: [t.c, t.h, t.w], layers: layers)
        let weight = Self.random(t.out * t.c * t.k * t.k, seed: 1), bias = Self.random(t.out, seed: 2)
        let input = Self.random(t.n * t.c * t.h * t.w, seed: 3)
        let ref = try RefConv2D(weight: RefTensor(shape: [t.out, t.c, t.k, t.k], data: weight),
                                bias: RefTensor(shape: [t.out], data: bias), stride: t.stride, padding: t.pad)
        let x = try RefTensor(shape: [t.n, t.c, t.h, t.w], data: input)
        var y = try ref.forward(x)
        let gradOut = Self.random(y.count, seed: 4)
        var g = try RefTensor(shape: y.shape, data: gradOut)
        if t.relu {
            for i in 0..<y.count where y.data[i] <= 0 { y.data[i] = 0; g.data[i] = 0 }
        }
        let grads = try ref.backward(input: x, gradOutput: g)
        try ComputeThread.shared.run {
            let net = try Network(description, seed: 0)
            let layer = net.layers[0]
            layer.weights = weight.map(Float.init)
            layer.biases = bias.map(Float.init)
            var rng = SplitMix64(seed: 0)
            let (out, inGrad) = try net.forwardBackward(input: input.map(Float.init), outputGradient: gradOut.map(Float.init),
                                                        batch: t.n, rng: &rng)
            #expect(Self.relativeError(out, y.data) <= 1e-5, "forward")
            #expect(Self.relativeError(layer.weightGradients, grads.gradWeight.data) <= 1e-5, "weight gradient")
            #expect(Self.relativeError(layer.biasGradients, grads.gradBias.data) <= 1e-5, "bias gradient")
            #expect(Self.relativeError(inGrad, grads.gradInput.data) <= 1e-5, "input gradient")
        }
    }

    struct DenseCase: CustomStringConvertible, Sendable {
        let n: Int, input: [Int], out: Int, relu: Bool
        var description: String { "N\(n) \(input) → \(out)\(relu ? " relu" : "")" }
    }

    @Test("dense (+ReLU) on flat and [C,H,W] inputs", arguments: [
        DenseCase(n: 4, input: [1, 1, 10], out: 7, relu: false),
        DenseCase(n: 1, input: [8, 3, 3], out: 16, relu: true),
        DenseCase(n: 5, input: [3, 2, 2], out: 1, relu: false),
    ])
    func dense(_ t: DenseCase) throws {
        var layers: [LayerSpec] = [.dense(name: "fc", outFeatures: t.out)]
        if t.relu { layers.append(.relu) }
        let description = NetworkDescription(inputShape: t.input, layers: layers)
        let f = t.input.reduce(1, *)
        let weight = Self.random(t.out * f, seed: 5), bias = Self.random(t.out, seed: 6)
        let input = Self.random(t.n * f, seed: 7)
        let ref = try RefDense(weight: RefTensor(shape: [t.out, f], data: weight), bias: RefTensor(shape: [t.out], data: bias))
        let x = try RefTensor(shape: [t.n] + t.input, data: input)
        var y = try ref.forward(x)
        let gradOut = Self.random(y.count, seed: 8)
        var g = try RefTensor(shape: y.shape, data: gradOut)
        if t.relu { for i in 0..<y.count where y.data[i] <= 0 { y.data[i] = 0; g.data[i] = 0 } }
        let grads = try ref.backward(input: x, gradOutput: g)
        try ComputeThread.shared.run {
            let net = try Network(description, seed: 0)
            net.layers[0].weights = weight.map(Float.init)
            net.layers[0].biases = bias.map(Float.init)
            var rng = SplitMix64(seed: 0)
            let (out, inGrad) = try net.forwardBackward(input: input.map(Float.init), outputGradient: gradOut.map(Float.init),
                                                        batch: t.n, rng: &rng)
            #expect(Self.relativeError(out, y.data) <= 1e-5)
            #expect(Self.relativeError(net.layers[0].weightGradients, grads.gradWeight.data) <= 1e-5)
            #expect(Self.relativeError(net.layers[0].biasGradients, grads.gradBias.data) <= 1e-5)
            #expect(Self.relativeError(inGrad, grads.gradInput.data) <= 1e-5)
        }
    }

    @Test("max-pool forward and backward after a convolution", arguments: [(2, 2), (3, 2), (3, 3), (2, 1)])
    func maxPool(kernel: Int, stride: Int) throws {
        // conv (identity-free random weights) → pool: the pool's backward reaches the conv's gradients.
        let (n, c, h, w) = (2, 8, 9, 8)
        let description = NetworkDescription(inputShape: [c, h, w], layers: [
            .convolution(name: "conv1", outChannels: 8, kernel: 3, stride: 1, padding: 1),
            .maxPool(kernel: kernel, stride: stride)])
        let weight = Self.random(8 * c * 9, seed: 9), bias = Self.random(8, seed: 10)
        let input = Self.random(n * c * h * w, seed: 11)
        let conv = try RefConv2D(weight: RefTensor(shape: [8, c, 3, 3], data: weight),
                                 bias: RefTensor(shape: [8], data: bias), stride: 1, padding: 1)
        let pool = try RefMaxPool2D(kernel: kernel, stride: stride)
        let x = try RefTensor(shape: [n, c, h, w], data: input)
        let y1 = try conv.forward(x)
        let y = try pool.forward(y1)
        let gradOut = Self.random(y.count, seed: 12)
        let g1 = try pool.backward(input: y1, gradOutput: RefTensor(shape: y.shape, data: gradOut))
        let grads = try conv.backward(input: x, gradOutput: g1)
        try ComputeThread.shared.run {
            let net = try Network(description, seed: 0)
            net.layers[0].weights = weight.map(Float.init)
            net.layers[0].biases = bias.map(Float.init)
            var rng = SplitMix64(seed: 0)
            let (out, inGrad) = try net.forwardBackward(input: input.map(Float.init), outputGradient: gradOut.map(Float.init),
                                                        batch: n, rng: &rng)
            #expect(Self.relativeError(out, y.data) <= 1e-5)
            #expect(Self.relativeError(net.layers[0].weightGradients, grads.gradWeight.data) <= 1e-5)
            #expect(Self.relativeError(inGrad, grads.gradInput.data) <= 1e-5)
        }
    }

    /// The fmnist8 network as a reference sequential model with the engine's weights.
    static func referenceModel(of net: Network) throws -> RefSequential<Double> {
        var layers: [RefLayer<Double>] = []
        var i = 0
        for spec in net.description.layers {
            switch spec {
            case let .convolution(_, _, _, stride, padding):
                let l = net.layers[i]; i += 1
                layers.append(.conv(try RefConv2D(weight: RefTensor(shape: l.weightShape, data: l.weights.map(Double.init)),
                                                  bias: RefTensor(shape: l.biasShape, data: l.biases.map(Double.init)),
                                                  stride: stride, padding: padding)))
            case .dense:
                let l = net.layers[i]; i += 1
                layers.append(.dense(try RefDense(weight: RefTensor(shape: l.weightShape, data: l.weights.map(Double.init)),
                                                  bias: RefTensor(shape: l.biasShape, data: l.biases.map(Double.init)))))
            case let .maxPool(k, s): layers.append(.maxPool(try RefMaxPool2D(kernel: k, stride: s)))
            case .relu: layers.append(.relu(RefReLU()))
            case let .dropout(rate): layers.append(.dropout(try RefDropout(probability: rate)))
            }
        }
        return RefSequential(layers)
    }

    @Test("a whole fmnist8 training step: loss, every gradient, the SGD update")
    func fmnist8Step() throws {
        let batch = 4, classes = 5
        let description = NetworkDescription.fmnist8(classes: classes)
        let input = Self.random(batch * 28 * 28, seed: 13).map { Float(($0 + 1) / 2) }
        let labels: [Int32] = [0, 3, 4, 1]
        try ComputeThread.shared.run {
            let net = try Network(description, seed: 42)
            let ref = try Self.referenceModel(of: net)
            // The engine's dropout masks: one uniform draw per value, fc6 then fc7, in order.
            var maskRNG = SplitMix64(seed: 99)
            var masks: [Int: [Bool]] = [:]
            for (index, spec) in description.layers.enumerated() {
                if case let .dropout(rate) = spec {
                    masks[index] = (0..<(batch * 512)).map { _ in maskRNG.nextUnitFloat() >= Float(rate) }
                }
            }
            let x = try RefTensor(shape: [batch, 1, 28, 28], data: input.map(Double.init))
            let refResult = try ref.softmaxCrossEntropyGradients(input: x, labels: labels.map(Int.init),
                                                                 phase: .training(keepMasks: masks))
            var rng = SplitMix64(seed: 99)
            let loss = try input.withUnsafeBufferPointer { xb in
                try labels.withUnsafeBufferPointer { lb in try net.trainingStep(input: xb, labels: lb, rng: &rng) }
            }
            #expect(abs(Double(loss) - refResult.loss) <= 1e-5 * max(1, abs(refResult.loss)))
            let refParams = refResult.gradients.parameters.compactMap { $0 }
            #expect(refParams.count == net.layers.count)
            for (layer, g) in zip(net.layers, refParams) {
                let ew = Self.relativeError(layer.weightGradients, g.weight.data)
                let eb = Self.relativeError(layer.biasGradients, g.bias.data)
                #expect(ew <= 1e-5, "\(layer.name) weight gradient relative error \(ew)")
                #expect(eb <= 1e-5, "\(layer.name) bias gradient relative error \(eb)")
            }
            // SGD: v = μv + g + λw (weights), w −= η v; bias without decay; velocity starts at 0.
            let before = net.layers.map { ($0.weights, $0.biases, $0.weightGradients, $0.biasGradients) }
            SGD(momentum: 0.9, weightDecay: 5e-4).step(net.layers, learningRate: 0.01)
            for (layer, (w, b, gw, gb)) in zip(net.layers, before) {
                let expectedW = zip(w, gw).map { wi, gi in Double(wi) - 0.01 * Double(gi + 5e-4 * wi) }
                let expectedB = zip(b, gb).map { bi, gi in Double(bi) - 0.01 * Double(gi) }
                #expect(Self.relativeError(layer.weights, expectedW) <= 1e-6)
                #expect(Self.relativeError(layer.biases, expectedB) <= 1e-6)
            }
        }
    }

    @Test("a sigmoid head: binary cross-entropy loss and gradients match the reference")
    func sigmoidHead() throws {
        let (n, f) = (6, 10)
        let description = NetworkDescription(inputShape: [1, 1, f], layers: [.dense(name: "fc", outFeatures: 1)])
        let weight = Self.random(f, seed: 20).map { 3 * $0 }, bias = [0.5]
        let input = Self.random(n * f, seed: 21)
        let labels: [Int32] = [0, 1, 1, 0, 1, 0]
        let ref = try RefDense(weight: RefTensor(shape: [1, f], data: weight), bias: RefTensor(shape: [1], data: bias))
        let x = try RefTensor(shape: [n, f], data: input)
        let logits = try ref.forward(x)
        let (refLoss, gradLogits) = try refSigmoidBinaryCrossEntropy(logits: logits, labels: labels.map(Int.init))
        let grads = try ref.backward(input: x, gradOutput: gradLogits.reshaped([n, 1]))
        try ComputeThread.shared.run {
            let net = try Network(description, seed: 0)
            #expect(net.head == .sigmoid)
            net.layers[0].weights = weight.map(Float.init)
            net.layers[0].biases = bias.map(Float.init)
            var rng = SplitMix64(seed: 0)
            let x32 = input.map(Float.init)
            let loss = try x32.withUnsafeBufferPointer { xb in
                try labels.withUnsafeBufferPointer { lb in try net.trainingStep(input: xb, labels: lb, rng: &rng) }
            }
            #expect(abs(Double(loss) - refLoss) <= 1e-5 * max(1, refLoss))
            #expect(Self.relativeError(net.layers[0].weightGradients, grads.gradWeight.data) <= 1e-5)
            #expect(Self.relativeError(net.layers[0].biasGradients, grads.gradBias.data) <= 1e-5)
        }
    }
}
