/// A feed-forward network built from a `NetworkDescription`, training and predicting on the
/// CPU through oneDNN.
///
/// Weight layers are exposed by name (`conv1`…`fc8`) in PyTorch layouts so that callers can
/// copy, freeze (`learningRateMultiplier = 0`) or re-initialise layers 1..n. The object is
/// confined to the compute thread (`ComputeThread.shared.run { … }`).
public final class Network: @unchecked Sendable {
    public let description: NetworkDescription
    public let layers: [WeightLayer]
    let blocks: [Block]
    private var plans: [Plan.Key: Plan] = [:]

    /// The output head: softmax over K ≥ 2 outputs, or a single sigmoid logit.
    public enum Head: String, Sendable, Codable { case softmax, sigmoid }
    public var head: Head { blocks[blocks.count - 1].outChannels == 1 ? .sigmoid : .softmax }
    /// Number of outputs of the last layer (classes, or 1 for a sigmoid head).
    public var outputCount: Int { blocks[blocks.count - 1].outChannels }
    public var inputShape: [Int] { description.inputShape }
    public var inputSize: Int { inputShape.reduce(1, *) }

    /// Builds the network and He-initialises every layer from `seed`.
    public init(_ description: NetworkDescription, seed: UInt64) throws {
        self.description = description
        blocks = try Block.blocks(of: description)
        layers = try blocks.map { try WeightLayer(name: $0.name, weightShape: $0.weightShape) }
        var rng = SplitMix64(seed: seed)
        for layer in layers { layer.initializeHe(using: &rng) }
    }

    /// The weight layer named `name` (e.g. "conv3").
    public func layer(named name: String) throws -> WeightLayer {
        guard let l = layers.first(where: { $0.name == name }) else { throw NetworkError.unknownLayer(name) }
        return l
    }

    /// Per-sample shape of the features after weight layer `n` (1-based, after its ReLU and pooling).
    public func featureShape(afterLayer n: Int) -> [Int] { blocks[n - 1].outputShape }

    /// The largest n' ≤ n such that layers 1..n' contain no dropout between them: the prefix
    /// whose output can be computed once and reused (dropout inside it would be random per step).
    public func cacheableDepth(frozenLayers n: Int) -> Int {
        var depth = 0
        for b in 0..<min(n, blocks.count) {
            depth = b + 1
            if blocks[b].dropout > 0 { break }
        }
        return depth
    }

    func plan(batch: Int, from first: Int = 0, to last: Int? = nil, training: Bool,
              inputGradient: Bool = false) throws -> Plan {
        let last = last ?? blocks.count
        let inputDropout = training && first > 0 ? blocks[first - 1].dropout : 0
        let key = Plan.Key(batch: batch, first: first, last: last, training: training, inputDropout: inputDropout,
                           inputGradient: inputGradient)
        if let p = plans[key] { return p }
        let p = try Plan(blocks: blocks, layers: layers, range: first..<last, batch: batch, training: training,
                         inputDropout: inputDropout, inputGradient: inputGradient)
        plans[key] = p
        return p
    }

    /// One forward + backward pass on a batch: returns the mean loss and leaves every trainable
    /// layer's gradients in its buffers (apply them with `SGD.step`).
    ///
    /// - input: [N, shape] plain floats, where shape is the network input, or — when
    ///   `fromLayer` = n > 0 — the cached features after layer n (see `features`).
    /// - labels: N class indices (0/1 for a sigmoid head).
    public func trainingStep(input: UnsafeBufferPointer<Float>, labels: UnsafeBufferPointer<Int32>,
                             fromLayer n: Int = 0, rng: inout SplitMix64) throws -> Float {
        let batch = labels.count
        let plan = try self.plan(batch: batch, from: n, training: true)
        try load(input, into: plan, what: n == 0 ? "input" : "features after layer \(n)")
        try plan.forward(rng: &rng)
        let k = outputCount
        let loss: Float
        let logits = UnsafePointer(plan.output.pointer), grad = plan.outputGradient!.pointer
        switch head {
        case .softmax:
            for i in 0..<batch where labels[i] < 0 || Int(labels[i]) >= k {
                throw NetworkError.invalidDescription("label \(labels[i]) at index \(i) is outside 0..<\(k)")
            }
            loss = TrainingLoss.softmaxCrossEntropy(logits: logits, labels: labels.baseAddress!, batch: batch, classes: k,
                                            gradient: grad)
        case .sigmoid:
            loss = TrainingLoss.sigmoidBinaryCrossEntropy(logits: logits, labels: labels.baseAddress!, batch: batch,
                                                  gradient: grad)
        }
        try plan.backward()
        return loss
    }

    /// Logits [N, K] for N inputs (inference: no dropout), computed in batches of `batchSize`.
    /// `fromLayer` = n > 0 means the inputs are cached features after layer n.
    public func predict(_ input: [Float], batchSize: Int = 512, fromLayer n: Int = 0) throws -> [Float] {
        try run(input, batchSize: batchSize, from: n, to: blocks.count, training: false)
    }

    /// Features after layer n (1-based) for N inputs, plain [N, featureShape(afterLayer: n)],
    /// computed with the same primitives a training step of batch `batchSize` uses, so that
    /// training on them is bit-identical to training through the frozen layers.
    public func features(_ input: [Float], afterLayer n: Int, batchSize: Int) throws -> [Float] {
        try run(input, batchSize: batchSize, from: 0, to: n, training: true)
    }

    /// Inference outputs after layer n (1-based: after its ReLU and pooling, no dropout), plain
    /// [N, featureShape(afterLayer: n)], for N inputs that are the network's input (m = 0) or
    /// the outputs after layer m < n — so that a caller can walk the layers one at a time
    /// holding a single layer's features.
    public func inferenceFeatures(_ input: [Float], afterLayer n: Int, fromLayer m: Int = 0,
                                  batchSize: Int = 512) throws -> [Float] {
        guard 0 <= m, m < n, n <= blocks.count else {
            throw NetworkError.invalidDescription("layers \(m)→\(n) are not a range of 0…\(blocks.count)")
        }
        return try run(input, batchSize: batchSize, from: m, to: n, training: false)
    }

    private func run(_ input: [Float], batchSize: Int, from first: Int, to last: Int, training: Bool) throws -> [Float] {
        let inSize = first == 0 ? inputSize : blocks[first - 1].outputShape.reduce(1, *)
        guard inSize > 0, input.count % inSize == 0 else {
            throw NetworkError.shapeMismatch(layer: blocks[first].name, expected: [inSize], got: [input.count])
        }
        let n = input.count / inSize
        let outSize = blocks[last - 1].outputShape.reduce(1, *)
        var result = [Float](repeating: 0, count: n * outSize)
        guard n > 0 else { return result }
        let batch = min(batchSize, n)
        // Training-mode plans (for features) must not apply dropout: only their interior may
        // hold dropout, and callers cut prefixes before any (see `cacheableDepth`).
        let plan = try self.plan(batch: batch, from: first, to: last, training: training)
        var rng = SplitMix64(seed: 0)
        var start = 0
        try input.withUnsafeBufferPointer { src in
            try result.withUnsafeMutableBufferPointer { dst in
                while start < n {
                    let count = min(batch, n - start)
                    let p = plan.input.pointer
                    p.update(from: src.baseAddress! + start * inSize, count: count * inSize)
                    if count < batch { (p + count * inSize).update(repeating: 0, count: (batch - count) * inSize) }
                    try plan.forward(rng: &rng)
                    (dst.baseAddress! + start * outSize).update(from: plan.output.pointer, count: count * outSize)
                    start += count
                }
            }
        }
        return result
    }

    /// Forward (training mode) and backward with a given output gradient: the network's output
    /// and the gradient w.r.t. its input; layer gradients are left in the layers. For tests.
    func forwardBackward(input: [Float], outputGradient: [Float], batch: Int,
                         rng: inout SplitMix64) throws -> (output: [Float], inputGradient: [Float]) {
        let plan = try self.plan(batch: batch, training: true, inputGradient: true)
        try input.withUnsafeBufferPointer { try load($0, into: plan, what: "input") }
        try plan.forward(rng: &rng)
        let output = Array(UnsafeBufferPointer(start: plan.output.pointer, count: plan.output.capacity))
        guard outputGradient.count == plan.outputGradient!.capacity else {
            throw NetworkError.shapeMismatch(layer: "output gradient", expected: plan.output.desc.dims,
                                             got: [outputGradient.count])
        }
        outputGradient.withUnsafeBufferPointer { plan.outputGradient!.pointer.update(from: $0.baseAddress!, count: $0.count) }
        try plan.backward()
        let g = plan.inputGradient!
        return (output, Array(UnsafeBufferPointer(start: g.pointer, count: g.capacity)))
    }

    private func load(_ input: UnsafeBufferPointer<Float>, into plan: Plan, what: String) throws {
        let expected = plan.input.capacity
        guard input.count == expected else {
            throw NetworkError.wrongInputSize(layer: blocks[plan.range.lowerBound].name,
                                              expectedShape: plan.input.desc.dims, values: input.count)
        }
        plan.input.pointer.update(from: input.baseAddress!, count: expected)
    }
}
