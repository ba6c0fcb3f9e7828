import Foundation
import Testing
@testable import Metrics

/// The hand-worked 3-class example (rows = true class, columns = predicted), N = 16:
///
///            pred 0  pred 1  pred 2 | support
///   true 0      5       1       0   |   6
///   true 1      2       3       1   |   6
///   true 2      0       2       2   |   4
///   -------------------------------
///   predicted   7       6       3     (column sums)
///
/// TP = diagonal = 5, 3, 2.  FP = column − TP = 2, 3, 1.  FN = row − TP = 1, 3, 2.
/// TN = N − TP − FP − FN = 16−5−2−1 = 8, 16−3−3−3 = 7, 16−2−1−2 = 11.
/// precision  = TP/(TP+FP): 5/7 = 0.714286, 3/6 = 0.5, 2/3 = 0.666667
/// recall     = TP/(TP+FN): 5/6 = 0.833333, 3/6 = 0.5, 2/4 = 0.5
/// specificity= TN/(TN+FP): 8/10 = 0.8, 7/10 = 0.7, 11/12 = 0.916667
/// F1 = 2TP/(2TP+FP+FN):    10/13 = 0.769231, 6/12 = 0.5, 4/7 = 0.571429
/// macro P = (5/7 + 1/2 + 2/3)/3 = (79/42)/3 = 79/126 = 0.626984
/// macro R = (5/6 + 1/2 + 1/2)/3 = 11/18 = 0.611111
/// macro S = (4/5 + 7/10 + 11/12)/3 = (145/60)/3 = 29/36 = 0.805556
/// macro F1 = (10/13 + 1/2 + 4/7)/3 = (335/182)/3 = 335/546 = 0.613553
/// micro P = micro R = micro F1 = ΣTP/N = 10/16 = 0.625 = accuracy (single-label)
/// micro S = ΣTN/(ΣTN+ΣFP) = 26/(26+6) = 0.8125
/// weighted (supports 6, 6, 4):
///   P = (6·5/7 + 6·1/2 + 4·2/3)/16 = (209/21)/16 = 209/336 = 0.622024
///   R = (5 + 3 + 2)/16 = 0.625 (= accuracy)
///   S = (6·0.8 + 6·0.7 + 4·11/12)/16 = (38/3)/16 = 19/24 = 0.791667
///   F1 = (6·10/13 + 6·1/2 + 4·4/7)/16 = (901/91)/16 = 901/1456 = 0.618819
@Suite("Confusion matrix and per-class metrics")
struct ConfusionMatrixTests {
    static let matrix = [[5, 1, 0], [2, 3, 1], [0, 2, 2]]

    /// Expands the matrix into (label, prediction) pairs, shuffled deterministically.
    static func pairs() -> (labels: [Int], predictions: [Int]) {
        var pairs: [(Int, Int)] = []
        for t in 0..<3 { for p in 0..<3 { for _ in 0..<matrix[t][p] { pairs.append((t, p)) } } }
        var rotated = Array(pairs[7...] + pairs[..<7])
        rotated.swapAt(0, 9)
        return (rotated.map(\.0), rotated.map(\.1))
    }

    func close(_ a: Double?, _ b: Double, _ tol: Double = 1e-12) -> Bool {
        guard let a else { return false }
        return abs(a - b) < tol
    }

    @Test("counts and per-class TP/FP/FN/TN/support from (labels, predictions)")
    func counts() throws {
        let (labels, predictions) = Self.pairs()
        let cm = try ConfusionMatrix(labels: labels, predictions: predictions, classCount: 3)
        #expect(cm.counts == Self.matrix)
        #expect(cm.total == 16 && cm.correct == 10)
        #expect(cm.support == [6, 6, 4])
        #expect(cm.predictedCounts == [7, 6, 3])
        #expect(cm[1, 0] == 2)
        let expected = [
            ClassCounts(truePositives: 5, falsePositives: 2, falseNegatives: 1, trueNegatives: 8),
            ClassCounts(truePositives: 3, falsePositives: 3, falseNegatives: 3, trueNegatives: 7),
            ClassCounts(truePositives: 2, falsePositives: 1, falseNegatives: 2, trueNegatives: 11),
        ]
        #expect(cm.allClassCounts == expected)
        #expect(cm.allClassCounts.map(\.support) == [6, 6, 4])
        #expect(try ConfusionMatrix(counts: Self.matrix) == cm)
    }

    @Test("built from a score matrix by argmax (ties → lowest index)")
    func fromScores() throws {
        // rows: argmax 2, 0 (tie 0/1 → 0), 1
        let scores: [Double] = [0.1, 0.2, 0.7,
                                0.4, 0.4, 0.2,
                                -1, 5, 2]
        let cm = try ConfusionMatrix(labels: [2, 1, 1], scores: scores, classCount: 3)
        #expect(cm.counts == [[0, 0, 0], [1, 1, 0], [0, 0, 1]])
    }

    @Test("per-class precision, recall, specificity, F1 match the hand computation")
    func perClass() throws {
        let m = ClassificationMetrics(confusionMatrix: try ConfusionMatrix(counts: Self.matrix))
        let p = [5.0 / 7, 0.5, 2.0 / 3], r = [5.0 / 6, 0.5, 0.5]
        let s = [0.8, 0.7, 11.0 / 12], f = [10.0 / 13, 0.5, 4.0 / 7]
        for c in 0..<3 {
            let cm = m.perClass[c]
            #expect(cm.classIndex == c)
            #expect(close(cm.precision.value, p[c]))
            #expect(close(cm.recall.value, r[c]))
            #expect(close(cm.specificity.value, s[c]))
            #expect(close(cm.f1.value, f[c]))
            // F1 is the harmonic mean of P and R when both are defined
            #expect(close(cm.f1.value, 2 * p[c] * r[c] / (p[c] + r[c])))
        }
        #expect(close(m.perClass[0].precision.value, 0.714286, 1e-6))
        #expect(close(m.perClass[2].specificity.value, 0.916667, 1e-6))
        #expect(close(m.perClass[0].f1.value, 0.769231, 1e-6))
        #expect(m.accuracy == 0.625)
    }

    @Test("macro, micro and weighted averages match the hand computation")
    func averages() throws {
        let m = ClassificationMetrics(confusionMatrix: try ConfusionMatrix(counts: Self.matrix))
        #expect(close(m.macro.precision.value, 79.0 / 126))
        #expect(close(m.macro.recall.value, 11.0 / 18))
        #expect(close(m.macro.specificity.value, 29.0 / 36))
        #expect(close(m.macro.f1.value, 335.0 / 546))
        #expect(close(m.macro.precision.value, 0.626984, 1e-6))
        #expect(m.macro.precision.definedClasses == 3 && m.macro.precision.undefinedClasses == 0)

        // single-label: micro P = micro R = micro F1 = accuracy
        #expect(close(m.micro.precision.value, 0.625))
        #expect(close(m.micro.recall.value, 0.625))
        #expect(close(m.micro.f1.value, 0.625))
        #expect(close(m.micro.specificity.value, 0.8125))

        #expect(close(m.weighted.precision.value, 209.0 / 336))
        #expect(close(m.weighted.recall.value, 0.625))
        #expect(close(m.weighted.specificity.value, 19.0 / 24))
        #expect(close(m.weighted.f1.value, 901.0 / 1456))
        #expect(close(m.weighted.f1.value, 0.618819, 1e-6))
    }

    @Test("accuracy and top-k accuracy from a score matrix")
    func topK() throws {
        // 4 samples, K = 3. True-class ranks: 0, 1, 2, 1 (the tie in row 3 ranks class 2 after class 0)
        let scores: [Double] = [0.7, 0.2, 0.1,    // label 0: rank 0
                                0.5, 0.3, 0.2,    // label 1: rank 1
                                0.5, 0.3, 0.2,    // label 2: rank 2
                                0.4, 0.2, 0.4]    // label 2: tie with class 0 → rank 1
        let labels = [0, 1, 2, 2]
        #expect(try Accuracy.topK(scores: scores, labels: labels, classCount: 3, k: 1) == 0.25)
        #expect(try Accuracy.topK(scores: scores, labels: labels, classCount: 3, k: 2) == 0.75)
        #expect(try Accuracy.topK(scores: scores, labels: labels, classCount: 3, k: 3) == 1)
        let predictions = try Probability.argmaxRows(scores, classCount: 3)
        #expect(try Accuracy.top1(labels: labels, predictions: predictions, classCount: 3) == 0.25)
    }

    @Test("a class with no predictions has undefined precision (with reason), not 0")
    func undefinedPrecision() throws {
        // class 2 is never predicted; class 2 has 2 samples
        let m = try ClassificationMetrics(labels: [0, 0, 1, 1, 2, 2], predictions: [0, 0, 1, 1, 1, 1],
                                          classCount: 3)
        let c2 = m.perClass[2]
        #expect(c2.precision.value == nil)
        #expect(c2.precision.undefinedReason == ClassMetrics.UndefinedReason.precision)
        #expect(c2.recall.value == 0)
        #expect(c2.f1.value == 0)  // 2TP/(2TP+FP+FN) = 0/2
        // class 0: TP 2, FP 0 → 1; class 1: TP 2, FP 2 (both class-2 samples) → 0.5
        // macro precision over the 2 defined classes: (1 + 0.5)/2 = 0.75 (sklearn, counting 0: 0.5)
        #expect(close(m.macro.precision.value, 0.75))
        #expect(m.macro.precision.definedClasses == 2)
        #expect(m.macro.precision.undefinedClasses == 1)
        // weighted over defined classes, supports 2, 2: (2·1 + 2·0.5)/4 = 0.75 (sklearn: 3/6 = 0.5)
        #expect(close(m.weighted.precision.value, 0.75))
    }

    @Test("a class absent from labels and predictions: recall and F1 undefined")
    func absentClass() throws {
        let m = try ClassificationMetrics(labels: [0, 1, 1], predictions: [0, 1, 0], classCount: 3)
        let c2 = m.perClass[2]
        #expect(c2.support == 0)
        #expect(c2.recall.undefinedReason == ClassMetrics.UndefinedReason.recall)
        #expect(c2.precision.undefinedReason == ClassMetrics.UndefinedReason.precision)
        #expect(c2.f1.undefinedReason == ClassMetrics.UndefinedReason.f1)
        #expect(c2.specificity.value == 1)
        #expect(m.macro.recall.undefinedClasses == 1)
        #expect(close(m.macro.recall.value, (1 + 0.5) / 2))
    }
}
