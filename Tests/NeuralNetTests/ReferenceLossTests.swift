import Foundation
import NeuralNetReference
import Testing
import TestSupport

@Suite("Reference losses")
struct ReferenceLossTests {
    /// (N, K, logit range)
    static let softmaxCases: [(Int, Int, Double)] = [(1, 2, 1), (3, 5, 2), (4, 3, 10), (2, 10, 30)]

    @Test("softmax cross-entropy gradient matches numerical gradients", arguments: softmaxCases)
    func softmaxGradients(_ n: Int, _ k: Int, _ range: Double) throws {
        let logits = try randomTensor([n, k], seed: 90, in: -range...range)
        var random = TestRandom(seed: 91)
        let labels = (0..<n).map { _ in random.int(below: k) }
        let (_, grad) = try refSoftmaxCrossEntropy(logits: logits, labels: labels)
        let result = try gradientCheck.check("softmax CE \(n)×\(k)", at: logits.data, analytic: grad.data) {
            try refSoftmaxCrossEntropy(logits: RefTensor(shape: [n, k], data: $0), labels: labels).loss
        }
        #expect(result.passed, "\(result)")
        // Each row of the gradient sums to 0 (softmax sums to 1, minus the one-hot).
        for row in 0..<n {
            #expect(abs(grad.data[(row * k)..<((row + 1) * k)].reduce(0, +)) < 1e-15)
        }
    }

    @Test("softmax cross-entropy by hand, and stable for huge logits")
    func softmaxByHand() throws {
        let (loss, grad) = try refSoftmaxCrossEntropy(logits: tensor([2, 2], [0, 0, 0, log(3)]), labels: [0, 1])
        // Row 0: −log ½; row 1: softmax = (¼, ¾), −log ¾. Mean over the batch of 2.
        #expect(abs(loss - (log(2) - log(0.75)) / 2) < 1e-15)
        #expect(allClose(grad.data, [-0.25, 0.25, 0.125, -0.125], tolerance: 1e-15))

        let (huge, hugeGrad) = try refSoftmaxCrossEntropy(logits: tensor([1, 3], [1000, 0, -1000]), labels: [1])
        #expect(abs(huge - 1000) < 1e-12)
        #expect(allClose(hugeGrad.data, [1, -1, 0], tolerance: 1e-15))
    }

    @Test("sigmoid binary cross-entropy gradient matches numerical gradients",
          arguments: [[4], [3, 1], [1], [6, 1]])
    func sigmoidGradients(_ shape: [Int]) throws {
        let logits = try randomTensor(shape, seed: 92, in: -4...4)
        var random = TestRandom(seed: 93)
        let labels = (0..<shape[0]).map { _ in random.int(below: 2) }
        let (_, grad) = try refSigmoidBinaryCrossEntropy(logits: logits, labels: labels)
        #expect(grad.shape == shape)
        let result = try gradientCheck.check("sigmoid BCE \(shape)", at: logits.data, analytic: grad.data) {
            try refSigmoidBinaryCrossEntropy(logits: RefTensor(shape: shape, data: $0), labels: labels).loss
        }
        #expect(result.passed, "\(result)")
    }

    @Test("sigmoid binary cross-entropy by hand, and stable for huge logits")
    func sigmoidByHand() throws {
        let (loss, grad) = try refSigmoidBinaryCrossEntropy(logits: tensor([2], [0, log(3)]), labels: [1, 0])
        // σ(0) = ½: −log ½; σ(log 3) = ¾ with label 0: −log ¼.
        #expect(abs(loss - (log(2) + log(4)) / 2) < 1e-15)
        #expect(allClose(grad.data, [-0.25, 0.375], tolerance: 1e-15))

        let (huge, hugeGrad) = try refSigmoidBinaryCrossEntropy(logits: tensor([4, 1], [800, -800, 800, -800]), labels: [1, 0, 0, 1])
        #expect(huge == 400)  // two perfectly right (0) and two wrong by 800 each, over 4
        #expect(hugeGrad.data == [0, 0, 0.25, -0.25])
    }
}
