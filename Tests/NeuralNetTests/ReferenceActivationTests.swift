import NeuralNetReference
import Testing
import TestSupport

@Suite("RefReLU, RefDropout, RefFlatten")
struct ReferenceActivationTests {
    static let shapes: [[Int]] = [[1, 5], [2, 3, 4], [2, 2, 3, 3]]

    @Test("ReLU backward matches numerical gradients", arguments: shapes)
    func reluGradients(_ shape: [Int]) throws {
        let relu = RefReLU()
        let x = try randomTensor(shape, seed: 60)
        let r = GradientCheck<Double>.projectionWeights(count: x.count, seed: 61)
        let gradInput = try relu.backward(input: x, gradOutput: RefTensor(shape: shape, data: r))
        let result = try checkProjected("relu", at: x, analytic: gradInput, projection: r) { relu.forward($0) }
        #expect(result.passed, "\(result)")
        #expect(result.skippedIndices.isEmpty)
    }

    @Test("ReLU forward and backward by hand; the gradient at exactly 0 is 0")
    func reluByHand() throws {
        let x = try tensor([1, 5], [-2, -0.0, 0, 0.5, 3])
        #expect(RefReLU().forward(x).data == [0, 0, 0, 0.5, 3])
        #expect(try RefReLU().backward(input: x, gradOutput: tensor([1, 5], [1, 2, 3, 4, 5])).data == [0, 0, 0, 4, 5])
    }

    @Test("ReLU at 0 is a kink: auto-detected and skipped by the gradient checker")
    func reluKinkSkipped() throws {
        let relu = RefReLU()
        let x = try tensor([1, 4], [0, 0.5, -0.5, 0])
        let r = [1.0, 1, 1, 1]
        let gradInput = try relu.backward(input: x, gradOutput: tensor([1, 4], r))
        let result = try checkProjected("relu kink", at: x, analytic: gradInput, projection: r) { relu.forward($0) }
        #expect(result.passed, "\(result)")
        #expect(result.skippedIndices == [0, 3])
    }

    @Test("dropout in training: kept values scaled by 1/(1−p), dropped ones zero; backward likewise",
          arguments: [0.5, 0.25, 0.0])
    func dropoutTraining(_ p: Double) throws {
        let dropout = try RefDropout(probability: p)
        var random = TestRandom(seed: 70)
        let x = try randomTensor([2, 3, 2, 2], seed: 71)
        let keep = random.bools(count: x.count, probability: 1 - p)
        let mode = RefDropoutMode.training(keep: keep)
        let y = try dropout.forward(x, mode: mode)
        for i in 0..<x.count {
            #expect(y.data[i] == (keep[i] ? x.data[i] * (1 / (1 - p)) : 0))  // multiply by the scale, as PyTorch does
        }
        let r = GradientCheck<Double>.projectionWeights(count: x.count, seed: 72)
        let gradInput = try dropout.backward(gradOutput: RefTensor(shape: x.shape, data: r), mode: mode)
        let result = try checkProjected("dropout p=\(p)", at: x, analytic: gradInput, projection: r) {
            try dropout.forward($0, mode: mode)
        }
        #expect(result.passed, "\(result)")
    }

    @Test("dropout by hand, and the identity in inference")
    func dropoutByHand() throws {
        let dropout = try RefDropout(probability: 0.5)
        let x = try tensor([1, 4], [1, 2, 3, 4])
        #expect(try dropout.forward(x, mode: .training(keep: [true, false, false, true])).data == [2, 0, 0, 8])
        #expect(try dropout.backward(gradOutput: x, mode: .training(keep: [false, true, true, false])).data == [0, 4, 6, 0])
        #expect(try dropout.forward(x, mode: .inference) == x)
        #expect(try dropout.backward(gradOutput: x, mode: .inference) == x)
    }

    @Test("flatten keeps the values and restores the shape in backward", arguments: shapes)
    func flatten(_ shape: [Int]) throws {
        let x = try randomTensor(shape, seed: 80)
        let y = try RefFlatten().forward(x)
        #expect(y.shape == [shape[0], shape.dropFirst().reduce(1, *)])
        #expect(y.data == x.data)
        let back = try RefFlatten().backward(input: x, gradOutput: y)
        #expect(back == x)
    }
}
