import Foundation
import Testing
@testable import Metrics

@Suite("Probability, entropy and losses")
struct ProbabilityTests {
    @Test("softmax of [0.3, 1.6, 3.1, 5.6] matches hand values and sums to 1")
    func softmaxKnownValues() {
        let p = Probability.softmax([0.3, 1.6, 3.1, 5.6])
        // e^0.3 = 1.34986, e^1.6 = 4.95303, e^3.1 = 22.19795, e^5.6 = 270.42641; Σ = 298.92725
        let expected = [0.00452, 0.01657, 0.07426, 0.90466]
        #expect(p.count == 4)
        for (a, b) in zip(p, expected) { #expect(abs(a - b) < 5e-6) }
        #expect(abs(p.reduce(0, +) - 1) < 1e-12)
        let logP = Probability.logSoftmax([0.3, 1.6, 3.1, 5.6])
        for (a, b) in zip(logP, p) { #expect(abs(a - log(b)) < 1e-12) }
    }

    @Test("softmax is shift invariant and finite for logits of ±1000")
    func softmaxLargeLogits() throws {
        let p = Probability.softmax([1000, -1000, 999])
        #expect(p.allSatisfy { $0.isFinite })
        // [1000, 999] differ by 1: p0 = 1/(1+e^-1) = 0.731059, p2 = 0.268941, p1 = e^-2000 = 0
        #expect(abs(p[0] - 0.7310585786300049) < 1e-12)
        #expect(abs(p[2] - 0.2689414213699951) < 1e-12)
        #expect(p[1] == 0)
        #expect(abs(Probability.logSoftmax([1000, -1000, 999])[1] - (-2000.3132616875182)) < 1e-9)
        let shifted = Probability.softmax([0.3 + 500, 1.6 + 500, 3.1 + 500, 5.6 + 500])
        for (a, b) in zip(shifted, Probability.softmax([0.3, 1.6, 3.1, 5.6])) { #expect(abs(a - b) < 1e-12) }

        // losses stay finite
        let wrong = try Loss.crossEntropy(logits: [1000, -1000], label: 1)
        #expect(wrong == 2000)
        let right = try Loss.crossEntropy(logits: [1000, -1000], label: 0)
        #expect(right == 0)
        let mean = try Loss.meanCrossEntropy(logits: [1000, -1000, -1000, 1000], labels: [1, 1], classCount: 2)
        #expect(mean == 1000)  // (2000 + 0) / 2
    }

    @Test("sigmoid and log-sigmoid are stable for ±large inputs", arguments: [
        (0.0, 0.5), (2.0, 0.8807970779778823), (-2.0, 0.11920292202211755),
        (1000.0, 1.0), (-1000.0, 0.0), (40.0, 1.0), (-40.0, 4.248354255291589e-18),
    ])
    func sigmoidValues(x: Double, expected: Double) {
        let s = Probability.sigmoid(x)
        #expect(s.isFinite)
        #expect(abs(s - expected) <= 1e-15 + 1e-12 * expected)
        let ls = Probability.logSigmoid(x)
        #expect(ls.isFinite)
        if x > -700 { #expect(abs(ls - log(Probability.sigmoid(x))) < 1e-12) }
    }

    @Test("log-sigmoid of -1000 is -1000, not -inf")
    func logSigmoidTail() {
        #expect(abs(Probability.logSigmoid(-1000) - -1000) < 1e-12)
        #expect(Probability.logSigmoid(1000) == 0)
    }

    @Test("cross-entropy of one-hot [0,1,0] vs [0.23,0.63,0.14] is −ln 0.63 = 0.462 nats")
    func crossEntropyFromProbabilities() throws {
        let h = try Loss.crossEntropy(probabilities: [0.23, 0.63, 0.14], target: [0, 1, 0])
        #expect(abs(h - 0.4620354595965587) < 1e-12)
        #expect(abs(h - 0.462) < 5e-4)
        let byLabel = try Loss.crossEntropy(probabilities: [0.23, 0.63, 0.14], label: 1)
        #expect(abs(byLabel - h) < 1e-15)
    }

    @Test("cross-entropy from logits equals cross-entropy of their softmax")
    func crossEntropyFromLogits() throws {
        let z = [0.3, 1.6, 3.1, 5.6]
        let p = Probability.softmax(z)
        for label in 0..<4 {
            let a = try Loss.crossEntropy(logits: z, label: label)
            let b = try Loss.crossEntropy(probabilities: p, label: label)
            #expect(abs(a - b) < 1e-12)
        }
        // soft target: −Σ t log p
        let t = [0.1, 0.2, 0.3, 0.4]
        let soft = try Loss.crossEntropy(logits: z, target: t)
        let manual = -zip(t, p).reduce(0) { $0 + $1.0 * log($1.1) }
        #expect(abs(soft - manual) < 1e-12)
    }

    @Test("probabilities of exactly 0 and 1 give finite cross-entropy and BCE (ε = 1e-12)")
    func clampedProbabilities() throws {
        #expect(Loss.probabilityEpsilon == 1e-12)
        let maxLoss = -log(1e-12)  // 27.631 nats
        let zero = try Loss.crossEntropy(probabilities: [1, 0, 0], label: 1)
        #expect(zero.isFinite && abs(zero - maxLoss) < 1e-9)
        let one = try Loss.crossEntropy(probabilities: [1, 0, 0], label: 0)
        #expect(one.isFinite && one >= 0 && one < 1e-11)
        let soft = try Loss.crossEntropy(probabilities: [1, 0], target: [0.5, 0.5])
        #expect(soft.isFinite && abs(soft - 0.5 * maxLoss) < 1e-9)
        for (p, y) in [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)] {
            let l = try Loss.binaryCrossEntropy(probability: p, target: y)
            #expect(l.isFinite && !l.isNaN)
            #expect(l <= maxLoss + 1e-4)  // 1 − ε rounds, so −ln(1 − (1 − ε)) ≈ 27.63104
        }
        #expect(abs(try Loss.binaryCrossEntropy(probability: 0, target: 1) - maxLoss) < 1e-9)
        // row 0: p[0] = 0 → −ln ε; row 1: p[0] = 1 → ≈ 0
        let mean = try Loss.meanCrossEntropy(probabilities: [0, 1, 1, 0], labels: [0, 0], classCount: 2)
        #expect(abs(mean - maxLoss / 2) < 1e-9)
    }

    @Test("BCE from a logit: matches the formula, stable at ±1000")
    func binaryCrossEntropyFromLogit() throws {
        // z = 0: −ln 0.5 = 0.693147 for either target
        #expect(abs(try Loss.binaryCrossEntropy(logit: 0, target: 1) - log(2)) < 1e-15)
        // z = 2, y = 1: −ln σ(2) = ln(1 + e^−2) = 0.126928
        #expect(abs(try Loss.binaryCrossEntropy(logit: 2, target: 1) - 0.12692801104297263) < 1e-14)
        // z = 2, y = 0: −ln(1 − σ(2)) = 2 + ln(1 + e^−2) = 2.126928
        #expect(abs(try Loss.binaryCrossEntropy(logit: 2, target: 0) - 2.1269280110429727) < 1e-14)
        #expect(try Loss.binaryCrossEntropy(logit: 1000, target: 0) == 1000)
        #expect(try Loss.binaryCrossEntropy(logit: -1000, target: 1) == 1000)
        #expect(try Loss.binaryCrossEntropy(logit: 1000, target: 1) == 0)
        let mean = try Loss.meanBinaryCrossEntropy(logits: [1000, -1000, 2], labels: [0, 0, 1])
        #expect(abs(mean - (1000 + 0 + 0.12692801104297263) / 3) < 1e-12)
    }

    @Test("binary entropy is 1 bit at p = 0.5, maximal there and symmetric")
    func binaryEntropy() {
        #expect(abs(Information.binaryEntropy(0.5, unit: .bits) - 1) < 1e-15)
        #expect(abs(Information.binaryEntropy(0.5, unit: .nats) - log(2)) < 1e-15)
        #expect(Information.binaryEntropy(0, unit: .bits) == 0)
        #expect(Information.binaryEntropy(1, unit: .bits) == 0)
        for p in stride(from: 0.01, to: 0.5, by: 0.01) {
            let h = Information.binaryEntropy(p, unit: .bits)
            #expect(h < 1)
            #expect(abs(h - Information.binaryEntropy(1 - p, unit: .bits)) < 1e-12)
            #expect(h < Information.binaryEntropy(p + 0.005, unit: .bits))  // increasing toward 0.5
        }
        // H(0.25) = −0.25 log2 0.25 − 0.75 log2 0.75 = 0.5 + 0.311278 = 0.811278 bits
        #expect(abs(Information.binaryEntropy(0.25, unit: .bits) - 0.8112781244591328) < 1e-12)
    }

    @Test("entropy of a uniform distribution is log K; self-information of 0.5 is 1 bit")
    func entropyAndSelfInformation() {
        #expect(abs(Information.entropy([0.25, 0.25, 0.25, 0.25], unit: .bits) - 2) < 1e-15)
        #expect(abs(Information.entropy([0.25, 0.25, 0.25, 0.25]) - log(4)) < 1e-15)
        #expect(Information.entropy([1, 0, 0]) == 0)
        #expect(abs(Information.selfInformation(0.5, unit: .bits) - 1) < 1e-15)
        #expect(abs(Information.selfInformation(0.125, unit: .bits) - 3) < 1e-15)
        #expect(abs(Information.selfInformation(0.5) - log(2)) < 1e-15)
        #expect(Information.selfInformation(1, unit: .bits) == 0)
        #expect(Information.selfInformation(0) == .infinity)
    }

    @Test("softmaxRows and argmaxRows work row by row; argmax ties go to the lowest index")
    func rowFunctions() throws {
        let p = try Probability.softmaxRows([0, 0, 1000, -1000], classCount: 2)
        #expect(p == [0.5, 0.5, 1, 0])
        #expect(try Probability.argmaxRows([1, 3, 3, 5, 5, 2], classCount: 3) == [1, 0])
    }
}
