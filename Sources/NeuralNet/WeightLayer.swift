/// The parameters of one weight layer, in PyTorch layouts (conv [O, C, KH, KW], fc [O, I]),
/// with their gradients, momentum buffers and learning-rate multiplier.
///
/// Buffers are oneDNN memories in plain layouts; compiled plans reorder the weights into
/// their own blocked layouts whenever `version` changes.
public final class WeightLayer: @unchecked Sendable {
    public let name: String
    public let weightShape: [Int]
    public var biasShape: [Int] { [weightShape[0]] }
    /// Learning-rate multiplier: 0 freezes the layer (no update, no decay, no gradient).
    public var learningRateMultiplier: Float = 1
    public var isFrozen: Bool { learningRateMultiplier == 0 }

    let weight: Memory
    let bias: Memory
    let weightGradient: Memory
    let biasGradient: Memory
    let weightVelocity: Memory
    let biasVelocity: Memory
    /// Bumped on every change of the weights, so plans know when to refresh their copies.
    private(set) var version = 0

    init(name: String, weightShape: [Int]) throws {
        self.name = name
        self.weightShape = weightShape
        let w = try MemoryDesc.plain(weightShape), b = try MemoryDesc.plain([weightShape[0]])
        weight = try Memory(w); weightGradient = try Memory(w); weightVelocity = try Memory(w)
        bias = try Memory(b); biasGradient = try Memory(b); biasVelocity = try Memory(b)
    }

    public var weightCount: Int { weightShape.reduce(1, *) }
    public var biasCount: Int { weightShape[0] }
    /// Inputs per output unit (C·KH·KW or I): He initialisation's fan-in.
    public var fanIn: Int { weightShape.dropFirst().reduce(1, *) }

    /// The weights as a flat array in PyTorch layout.
    public var weights: [Float] {
        get { Array(UnsafeBufferPointer(start: weight.pointer, count: weightCount)) }
        set { set(newValue, into: weight, count: weightCount, what: "weights"); markChanged() }
    }
    public var biases: [Float] {
        get { Array(UnsafeBufferPointer(start: bias.pointer, count: biasCount)) }
        set { set(newValue, into: bias, count: biasCount, what: "biases"); markChanged() }
    }
    public var weightGradients: [Float] { Array(UnsafeBufferPointer(start: weightGradient.pointer, count: weightCount)) }
    public var biasGradients: [Float] { Array(UnsafeBufferPointer(start: biasGradient.pointer, count: biasCount)) }
    public var weightVelocities: [Float] {
        get { Array(UnsafeBufferPointer(start: weightVelocity.pointer, count: weightCount)) }
        set { set(newValue, into: weightVelocity, count: weightCount, what: "weight velocities") }
    }
    public var biasVelocities: [Float] {
        get { Array(UnsafeBufferPointer(start: biasVelocity.pointer, count: biasCount)) }
        set { set(newValue, into: biasVelocity, count: biasCount, what: "bias velocities") }
    }

    /// He (Kaiming) normal initialisation: weights ~ N(0, 2/fanIn), biases 0.
    public func initializeHe(using rng: inout SplitMix64) {
        let std = Float((2.0 / Double(fanIn)).squareRoot())
        let w = weight.pointer
        for i in 0..<weightCount { w[i] = std * Float(rng.nextGaussian()) }
        bias.pointer.update(repeating: 0, count: biasCount)
        resetVelocity()
        markChanged()
    }

    /// Copies weights and biases (not optimizer state) from a layer of the same shape.
    public func copyParameters(from other: WeightLayer) throws {
        guard other.weightShape == weightShape else {
            throw NetworkError.shapeMismatch(layer: name, expected: weightShape, got: other.weightShape)
        }
        weight.pointer.update(from: other.weight.pointer, count: weightCount)
        bias.pointer.update(from: other.bias.pointer, count: biasCount)
        markChanged()
    }

    public func resetVelocity() {
        weightVelocity.pointer.update(repeating: 0, count: weightCount)
        biasVelocity.pointer.update(repeating: 0, count: biasCount)
    }

    func zeroGradients() {
        weightGradient.pointer.update(repeating: 0, count: weightCount)
        biasGradient.pointer.update(repeating: 0, count: biasCount)
    }

    func markChanged() { version &+= 1 }

    private func set(_ values: [Float], into memory: Memory, count: Int, what: String) {
        precondition(values.count == count, "\(name): \(what) need \(count) values, got \(values.count)")
        values.withUnsafeBufferPointer { memory.pointer.update(from: $0.baseAddress!, count: count) }
    }
}
