import Testing
@testable import NeuralNet
import TestSupport

/// The engine trains: loss falls, frozen layers stay put and cost no backward, a cached frozen
/// prefix trains bit-identically to running through it, and bad shapes are reported.
@Suite("engine training", .serialized)
struct EngineTrainingTests {
    /// A small learnable problem: each class a fixed random 12×12 prototype plus noise.
    static func problem(classes: Int, perClass: Int, seed: UInt64) -> (x: [Float], y: [Int32]) {
        var r = SplitMix64(seed: seed)
        let prototypes = (0..<classes).map { _ in (0..<144).map { _ in r.nextUnitFloat() } }
        var x: [Float] = [], y: [Int32] = []
        for i in 0..<(classes * perClass) {
            let c = i % classes
            x += prototypes[c].map { $0 + 0.5 * (r.nextUnitFloat() - 0.5) }
            y.append(Int32(c))
        }
        return (x, y)
    }

    static let small = NetworkDescription.fmnist8(inputShape: [1, 12, 12], classes: 4,
                                                  widths: .init(conv: [8, 8, 16, 16, 16], fc: [32, 32]))

    static func train(_ net: Network, _ data: (x: [Float], y: [Int32]), steps: Int, batch: Int, fromLayer n: Int = 0,
                      seed: UInt64 = 7) throws -> [Float] {
        var rng = SplitMix64(seed: seed)
        let sgd = SGD(momentum: 0.9, weightDecay: 5e-4)
        let size = data.x.count / data.y.count
        var losses: [Float] = []
        let count = data.y.count
        for step in 0..<steps {
            let start = (step * batch) % (count - batch + 1)
            let xb = Array(data.x[(start * size)..<((start + batch) * size)])
            let yb = Array(data.y[start..<(start + batch)])
            let loss = try xb.withUnsafeBufferPointer { x in
                try yb.withUnsafeBufferPointer { y in try net.trainingStep(input: x, labels: y, fromLayer: n, rng: &rng) }
            }
            sgd.step(net.layers, learningRate: 0.02)
            losses.append(loss)
        }
        return losses
    }

    @Test("fmnist8-shaped net learns a synthetic task: training loss falls clearly")
    func learns() throws {
        let data = Self.problem(classes: 4, perClass: 64, seed: 1)
        try ComputeThread.shared.run {
            let net = try Network(Self.small, seed: 3)
            let losses = try Self.train(net, data, steps: 200, batch: 32)
            let first = losses.prefix(10).reduce(0, +) / 10, last = losses.suffix(10).reduce(0, +) / 10
            #expect(first > 1.0, "initial loss \(first) should be near ln 4")
            #expect(last < 0.25 * first, "loss fell only from \(first) to \(last)")
            let logits = try net.predict(data.x, batchSize: 100)
            var correct = 0
            for i in 0..<data.y.count {
                let row = logits[(i * 4)..<(i * 4 + 4)]
                if row.firstIndex(of: row.max()!)! - i * 4 == Int(data.y[i]) { correct += 1 }
            }
            #expect(Double(correct) / Double(data.y.count) > 0.9)
        }
    }

    @Test("same seed and thread count give bit-identical weights")
    func deterministic() throws {
        let data = Self.problem(classes: 4, perClass: 16, seed: 2)
        try ComputeThread.shared.run {
            let a = try Network(Self.small, seed: 5), b = try Network(Self.small, seed: 5)
            _ = try Self.train(a, data, steps: 20, batch: 16)
            _ = try Self.train(b, data, steps: 20, batch: 16)
            for (la, lb) in zip(a.layers, b.layers) { #expect(la.weights == lb.weights, "\(la.name)") }
        }
    }

    @Test("frozen layers get no update and no gradient; trainable ones move")
    func frozen() throws {
        let data = Self.problem(classes: 4, perClass: 16, seed: 3)
        try ComputeThread.shared.run {
            let net = try Network(Self.small, seed: 6)
            for l in net.layers.prefix(3) { l.learningRateMultiplier = 0 }
            let before = net.layers.map(\.weights)
            _ = try Self.train(net, data, steps: 5, batch: 16)
            for (i, l) in net.layers.enumerated() {
                if i < 3 {
                    #expect(l.weights == before[i], "\(l.name) is frozen")
                    #expect(l.weightGradients.allSatisfy { $0 == 0 }, "\(l.name) computed no gradient")
                } else {
                    #expect(l.weights != before[i], "\(l.name) trains")
                }
            }
        }
    }

    @Test("training on cached features of a frozen prefix is bit-identical to training through it",
          arguments: [1, 3, 5, 6])
    func cachedPrefix(n: Int) throws {
        let data = Self.problem(classes: 4, perClass: 16, seed: 4)
        let batch = 16
        try ComputeThread.shared.run {
            let through = try Network(Self.small, seed: 8), cached = try Network(Self.small, seed: 8)
            for net in [through, cached] { for l in net.layers.prefix(n) { l.learningRateMultiplier = 0 } }
            #expect(cached.cacheableDepth(frozenLayers: n) == n)
            let features = try cached.features(data.x, afterLayer: n, batchSize: batch)
            #expect(features.count == data.y.count * cached.featureShape(afterLayer: n).reduce(1, *))
            let l1 = try Self.train(through, data, steps: 8, batch: batch)
            let l2 = try Self.train(cached, (features, data.y), steps: 8, batch: batch, fromLayer: n)
            #expect(l1 == l2)
            for (a, b) in zip(through.layers, cached.layers) { #expect(a.weights == b.weights, "\(a.name)") }
        }
    }

    @Test("a frozen prefix with dropout inside is cached only up to the dropout")
    func cacheableDepth() throws {
        try ComputeThread.shared.run {
            let net = try Network(.fmnist8(classes: 5), seed: 0)
            #expect(net.cacheableDepth(frozenLayers: 5) == 5)
            #expect(net.cacheableDepth(frozenLayers: 6) == 6)
            #expect(net.cacheableDepth(frozenLayers: 7) == 6)
        }
    }

    @Test("bad shapes give errors naming the layer and shapes")
    func badShapes() throws {
        #expect(throws: NetworkError.tooSmall(layer: "conv1", input: [1, 2, 2], kernel: 5, padding: 0)) {
            _ = try Network(NetworkDescription(inputShape: [1, 2, 2], layers: [
                .convolution(name: "conv1", outChannels: 2, kernel: 5, stride: 1, padding: 0)]), seed: 0)
        }
        #expect(throws: NetworkError.self) {
            _ = try Network(NetworkDescription(inputShape: [1, 8, 8], layers: [.relu]), seed: 0)
        }
        try ComputeThread.shared.run {
            let net = try Network(Self.small, seed: 0)
            let x = [Float](repeating: 0, count: 2 * 2 * 12 * 12)  // two channels instead of one
            let y: [Int32] = [0, 1]
            var rng = SplitMix64(seed: 0)
            do {
                _ = try x.withUnsafeBufferPointer { xb in
                    try y.withUnsafeBufferPointer { yb in try net.trainingStep(input: xb, labels: yb, rng: &rng) }
                }
                Issue.record("a wrong input size must throw")
            } catch let error as NetworkError {
                #expect(error.description.contains("conv1"))
                #expect(error.description.contains("[2, 1, 12, 12]"))
            }
        }
    }

    @Test("a label outside the classes is an error, not a crash")
    func badLabel() throws {
        try ComputeThread.shared.run {
            let net = try Network(Self.small, seed: 0)
            let x = [Float](repeating: 0, count: 2 * 144), y: [Int32] = [0, 9]
            var rng = SplitMix64(seed: 0)
            #expect(throws: NetworkError.self) {
                _ = try x.withUnsafeBufferPointer { xb in
                    try y.withUnsafeBufferPointer { yb in try net.trainingStep(input: xb, labels: yb, rng: &rng) }
                }
            }
        }
    }
}
