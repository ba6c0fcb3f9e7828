import NeuralNetReference
import Testing
import TestSupport

@Suite("RefDense")
struct ReferenceDenseTests {
    /// (input shape, output features)
    static let cases: [([Int], Int)] = [
        ([1, 3], 2),        // batch of 1
        ([3, 5], 4),
        ([2, 2, 3, 3], 3),  // NCHW input, flattened channel-major
        ([1, 7], 1),        // single output (binary head)
    ]

    @Test("backward matches numerical gradients (input, weight, bias)", arguments: cases)
    func gradients(_ inputShape: [Int], outFeatures: Int) throws {
        let inFeatures = inputShape.dropFirst().reduce(1, *)
        let dense = try RefDense(weight: randomTensor([outFeatures, inFeatures], seed: 50),
                                 bias: randomTensor([outFeatures], seed: 51))
        let x = try randomTensor(inputShape, seed: 52)
        let y = try dense.forward(x)
        #expect(y.shape == [inputShape[0], outFeatures])
        let r = GradientCheck<Double>.projectionWeights(count: y.count, seed: 53)
        let g = try dense.backward(input: x, gradOutput: RefTensor(shape: y.shape, data: r))
        #expect(g.gradInput.shape == inputShape)

        let input = try checkProjected("dense gradInput", at: x, analytic: g.gradInput, projection: r) { try dense.forward($0) }
        let weight = try checkProjected("dense gradWeight", at: dense.weight, analytic: g.gradWeight, projection: r) {
            var changed = dense
            changed.weight = $0
            return try changed.forward(x)
        }
        let bias = try checkProjected("dense gradBias", at: dense.bias, analytic: g.gradBias, projection: r) {
            var changed = dense
            changed.bias = $0
            return try changed.forward(x)
        }
        for result in [input, weight, bias] { #expect(result.passed, "\(result)") }
    }

    @Test("hand-computed forward and backward")
    func handComputed() throws {
        let dense = try RefDense(weight: tensor([2, 3], [1, 2, 3, -1, 0, 1]), bias: tensor([2], [0.5, -0.5]))
        let x = try tensor([2, 3], [1, 1, 1, 2, 0, -1])
        #expect(try dense.forward(x).data == [6.5, -0.5, -0.5, -3.5])
        let g = try dense.backward(input: x, gradOutput: tensor([2, 2], [1, 0, 0, 1]))
        #expect(g.gradInput.data == [1, 2, 3, -1, 0, 1])      // row n of W for the one-hot gradient
        #expect(g.gradWeight.data == [1, 1, 1, 2, 0, -1])
        #expect(g.gradBias.data == [1, 1])
    }

    @Test("an NCHW input is read channel-major, like PyTorch's flatten(1)")
    func flattensChannelMajor() throws {
        let x = try randomTensor([2, 2, 2, 3], seed: 54)
        let dense = try RefDense(weight: randomTensor([3, 12], seed: 55), bias: randomTensor([3], seed: 56))
        let flat = try RefFlatten().forward(x)
        #expect(try dense.forward(x) == dense.forward(flat))
        // Feature index of x[n, c, h, w] is c·6 + h·3 + w.
        let single = try tensor([1, 2, 2, 3], (0..<12).map { $0 == 1 * 6 + 1 * 3 + 2 ? 1 : 0 })
        let picked = try dense.forward(single).data
        let column = (0..<3).map { dense.weight[$0, 11] + dense.bias[$0] }
        #expect(allClose(picked, column))
    }
}
