import NeuralNetReference
import Testing
import TestSupport

@Suite("RefSequential")
struct ReferenceSequentialTests {
    /// conv(2→3, 3×3, pad 1) – ReLU – maxpool 3/2 – dense(27→5) – ReLU – dropout(0.5) – dense(5→4).
    static func tinyNet() throws -> RefSequential<Double> {
        RefSequential([
            .conv(try RefConv2D(weight: randomTensor([3, 2, 3, 3], seed: 100, in: -0.5...0.5),
                                bias: randomTensor([3], seed: 101, in: -0.1...0.1), stride: 1, padding: 1, name: "conv1")),
            .relu(RefReLU(name: "relu1")),
            .maxPool(try RefMaxPool2D(kernel: 3, stride: 2, name: "pool1")),
            .dense(try RefDense(weight: randomTensor([5, 27], seed: 102, in: -0.5...0.5),
                                bias: randomTensor([5], seed: 103, in: -0.1...0.1), name: "fc1")),
            .relu(RefReLU(name: "relu2")),
            .dropout(try RefDropout(probability: 0.5, name: "drop1")),
            .dense(try RefDense(weight: randomTensor([4, 5], seed: 104), bias: randomTensor([4], seed: 105), name: "fc2")),
        ])
    }

    static let input = [2, 2, 7, 7]
    static let labels = [1, 3]
    static let training = RefPhase.training(keepMasks: [5: [true, false, true, true, false, true, false, true, true, true]])

    @Test("whole-net gradients (input and every parameter) match numerical gradients of softmax CE")
    func wholeNetGradients() throws {
        let net = try Self.tinyNet()
        let x = try randomTensor(Self.input, seed: 106)
        let (loss, gradients) = try net.softmaxCrossEntropyGradients(input: x, labels: Self.labels, phase: Self.training)
        #expect(loss > 0)

        let inputResult = try gradientCheck.check("net gradInput", at: x.data, analytic: gradients.gradInput.data) {
            try refSoftmaxCrossEntropy(logits: net.forward(RefTensor(shape: Self.input, data: $0), phase: Self.training),
                                       labels: Self.labels).loss
        }
        let parameters = net.flattenedParameters()
        // Not a degenerate net (most units alive): most gradients are non-zero.
        #expect(gradients.flattened.filter { $0 != 0 }.count > parameters.count / 2)
        #expect(gradients.gradInput.data.filter { $0 != 0 }.count > x.count / 2)
        #expect(parameters.count == 3 * 2 * 9 + 3 + 27 * 5 + 5 + 5 * 4 + 4)
        let parameterResult = try gradientCheck.check("net parameters", at: parameters, analytic: gradients.flattened) {
            var changed = net
            try changed.setFlattenedParameters($0)
            return try changed.softmaxCrossEntropyGradients(input: x, labels: Self.labels, phase: Self.training).loss
        }
        for result in [inputResult, parameterResult] {
            #expect(result.passed, "\(result)")
            #expect(result.skippedIndices.isEmpty, "\(result)")
        }
        // Unit 1 is dropped in both samples: no gradient reaches fc1's unit 1, and fc2 sees a zero input there.
        let fc1 = try #require(gradients.parameters[3])
        let fc2 = try #require(gradients.parameters[6])
        #expect(fc1.bias.data[1] == 0)
        #expect((0..<4).allSatisfy { fc2.weight[$0, 1] == 0 })
    }

    @Test("forward composes the layers; inference makes dropout the identity")
    func forwardComposes() throws {
        let net = try Self.tinyNet()
        let x = try randomTensor(Self.input, seed: 107)
        var manual = x
        for layer in net.layers {
            switch layer {
            case .conv(let l): manual = try l.forward(manual)
            case .relu(let l): manual = l.forward(manual)
            case .maxPool(let l): manual = try l.forward(manual)
            case .dense(let l): manual = try l.forward(manual)
            case .dropout: break
            case .flatten(let l): manual = try l.forward(manual)
            }
        }
        #expect(try net.forward(x, phase: .inference) == manual)
        #expect(try net.activations(x, phase: .inference).count == net.layers.count + 1)
    }

    @Test("Float forward of the converted network agrees with Double to 1e-5")
    func floatMatchesDouble() throws {
        let net = try Self.tinyNet()
        let x = try randomTensor(Self.input, seed: 108)
        let double = try net.forward(x, phase: Self.training)
        let float = try net.converted(to: Float.self).forward(x.converted(to: Float.self), phase: Self.training)
        let worst = zip(double.data, float.data).map { abs($0 - Double($1)) / max(abs($0), 1) }.max() ?? 0
        #expect(worst <= 1e-5)
    }

    @Test("applySGD equals per-parameter RefSGD steps, and lrMultiplier 0 freezes a layer")
    func applySGD() throws {
        var net = try Self.tinyNet()
        let original = net
        let x = try randomTensor(Self.input, seed: 109)
        let sgd = RefSGD<Double>(learningRate: 0.05, momentum: 0.9, weightDecay: 5e-4)
        var velocities = net.zeroVelocities()
        for _ in 0..<2 {
            let (_, gradients) = try net.softmaxCrossEntropyGradients(input: x, labels: Self.labels, phase: Self.training)
            let before = net
            let velocitiesBefore = velocities
            try net.applySGD(sgd, gradients: gradients, velocities: &velocities, lrMultipliers: [0: 0])
            #expect(net.layers[0] == original.layers[0])          // conv1 frozen
            #expect(velocities[0] == velocitiesBefore[0])
            for index in [3, 6] {                                  // fc1, fc2 updated
                var params = try #require(before.parameters[index])
                var velocity = try #require(velocitiesBefore[index])
                let grad = try #require(gradients.parameters[index])
                try sgd.step(weight: &params.weight, gradient: grad.weight, velocity: &velocity.weight)
                try sgd.step(weight: &params.bias, gradient: grad.bias, velocity: &velocity.bias)
                #expect(net.parameters[index] == params)
                #expect(velocities[index] == velocity)
                #expect(params != before.parameters[index])
            }
        }
    }

    @Test("a gradient step lowers the loss")
    func stepLowersLoss() throws {
        var net = try Self.tinyNet()
        let x = try randomTensor(Self.input, seed: 110)
        let (loss0, gradients) = try net.softmaxCrossEntropyGradients(input: x, labels: Self.labels, phase: Self.training)
        var velocities = net.zeroVelocities()
        try net.applySGD(RefSGD(learningRate: 0.01), gradients: gradients, velocities: &velocities)
        let (loss1, _) = try net.softmaxCrossEntropyGradients(input: x, labels: Self.labels, phase: Self.training)
        #expect(loss1 < loss0)
    }
}
