import Foundation
import Testing
import TestSupport
@testable import Metrics

@Suite("ROC curves, AUC and Youden threshold")
struct ROCTests {
    /// Independent AUC: Mann–Whitney U / (P·N), counting every (positive, negative) pair:
    /// 1 if the positive scores higher, ½ if tied.
    static func mannWhitneyAUC(_ scores: [Double], _ positive: [Bool]) -> Double {
        var u = 0.0, pairs = 0.0
        for i in scores.indices where positive[i] {
            for j in scores.indices where !positive[j] {
                pairs += 1
                if scores[i] > scores[j] { u += 1 } else if scores[i] == scores[j] { u += 0.5 }
            }
        }
        return u / pairs
    }

    func points(_ c: ROCCurve) -> [[Double]] {
        c.points.map { [$0.falsePositiveRate, $0.truePositiveRate, $0.threshold] }
    }

    /// scores 0.9 0.8 0.8 0.7 0.6 0.6 0.4, labels 1 1 0 1 0 1 0 (P = 4, N = 3). Descending groups:
    ///   thr +∞ : TP 0 FP 0 → (0, 0)
    ///   thr 0.9: +P        → TP 1 FP 0 → (0, 1/4)
    ///   thr 0.8: +P +N     → TP 2 FP 1 → (1/3, 2/4)   (tie: one diagonal segment)
    ///   thr 0.7: +P        → TP 3 FP 1 → (1/3, 3/4)
    ///   thr 0.6: +N +P     → TP 4 FP 2 → (2/3, 1)     (tie)
    ///   thr 0.4: +N        → TP 4 FP 3 → (1, 1)
    /// AUC = 1/3·(1/4+2/4)/2 + 1/3·(3/4+1)/2 + 1/3·(1+1)/2 = 0.125 + 0.291667 + 0.333333 = 0.75
    /// Mann–Whitney: 0.9 beats 3; 0.8 ties 1, beats 2 → 2.5; 0.7 beats 2; 0.6 ties 1, beats 1 → 1.5;
    /// U = 9, 9/12 = 0.75.
    static let handScores: [Double] = [0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.4]
    static let handLabels = [1, 1, 0, 1, 0, 1, 0]

    @Test("ROC points of a small tied case, listed by hand; AUC = 0.75")
    func handCase() throws {
        let c = try ROCCurve(scores: Self.handScores, labels: Self.handLabels)
        let expected: [[Double]] = [[0, 0, .infinity], [0, 0.25, 0.9], [1.0 / 3, 0.5, 0.8],
                                    [1.0 / 3, 0.75, 0.7], [2.0 / 3, 1, 0.6], [1, 1, 0.4]]
        #expect(points(c) == expected)
        #expect(c.positives == 4 && c.negatives == 3)
        #expect(abs((c.auc.value ?? .nan) - 0.75) < 1e-12)
        #expect(abs(Self.mannWhitneyAUC(Self.handScores, Self.handLabels.map { $0 == 1 }) - 0.75) < 1e-12)
        // the same data in a different order gives the same curve
        let perm = [6, 2, 4, 0, 5, 1, 3]
        let shuffled = try ROCCurve(scores: perm.map { Self.handScores[$0] }, labels: perm.map { Self.handLabels[$0] })
        #expect(shuffled == c)
    }

    @Test("AUC equals Mann–Whitney U/(P·N) on heavily tied scores", arguments: [1, 2, 3, 4, 5])
    func mannWhitney(seed: UInt64) throws {
        var rng = TestRandom(seed: seed)
        let n = 60
        // 6 distinct score levels → many ties between and within classes
        let positive = (0..<n).map { _ in rng.next() % 3 == 0 }
        let scores = positive.map { p in Double(rng.next() % 6 + (p ? 1 : 0)) / 10 }
        let c = try ROCCurve(scores: scores, isPositive: positive)
        #expect(abs((c.auc.value ?? .nan) - Self.mannWhitneyAUC(scores, positive)) < 1e-12)
        #expect(c.points.count == Set(scores).count + 1)
        #expect(c.points.first.map { [$0.falsePositiveRate, $0.truePositiveRate] } == [0, 0])
        #expect(c.points.last.map { [$0.falsePositiveRate, $0.truePositiveRate] } == [1, 1])
        // thresholds strictly decreasing, rates non-decreasing
        for (a, b) in zip(c.points, c.points.dropFirst()) {
            #expect(a.threshold > b.threshold)
            #expect(a.falsePositiveRate <= b.falsePositiveRate && a.truePositiveRate <= b.truePositiveRate)
        }
    }

    @Test("perfect ranking gives AUC 1, constant scores 0.5, inverted ranking 0")
    func extremes() throws {
        let labels = [0, 0, 1, 1, 1]
        let perfect = try ROCCurve(scores: [0.1, 0.2, 0.7, 0.8, 0.9], labels: labels)
        #expect(perfect.auc.value == 1)
        let constant = try ROCCurve(scores: [0.5, 0.5, 0.5, 0.5, 0.5], labels: labels)
        #expect(constant.auc.value == 0.5)
        #expect(points(constant) == [[0, 0, .infinity], [1, 1, 0.5]])  // one diagonal segment
        let inverted = try ROCCurve(scores: [0.9, 0.8, 0.3, 0.2, 0.1], labels: labels)
        #expect(inverted.auc.value == 0)
        // ±∞ scores only order samples
        let infinite = try ROCCurve(scores: [-.infinity, 0, .infinity, .infinity, 5], labels: labels)
        #expect(infinite.auc.value == 1)
    }

    @Test("AUC is undefined when there are no positives or no negatives")
    func undefinedAUC() throws {
        let noPos = try ROCCurve(scores: [0.1, 0.2], labels: [0, 0])
        #expect(noPos.auc.value == nil)
        #expect(noPos.auc.undefinedReason == "no positive samples for this class")
        #expect(noPos.points.isEmpty)
        let noNeg = try ROCCurve(scores: [0.1, 0.2], labels: [1, 1])
        #expect(noNeg.auc.undefinedReason == "no negative samples for this class")
        #expect(ThresholdChooser.youden(curve: noNeg) == nil)
        #expect(throws: MetricsError.self) { try ThresholdChooser.youden(scores: [0.1, 0.2], isPositive: [true, true]) }
    }

    @Test("one-vs-rest curves per class and macro AUC skipping undefined classes")
    func oneVsRest() throws {
        // K = 3; class 2 has no samples → its AUC is undefined and skipped
        let scores: [Double] = [0.8, 0.1, 0.1,   // label 0
                                0.6, 0.3, 0.1,   // label 0
                                0.3, 0.6, 0.1,   // label 1
                                0.7, 0.2, 0.1]   // label 1
        let roc = try OneVsRestROC(scores: scores, labels: [0, 0, 1, 1], classCount: 3)
        // class 0 scores: pos 0.8, 0.6; neg 0.3, 0.7 → pairs: 0.8 beats both (2), 0.6 beats 0.3 (1) → 3/4
        #expect(abs((roc.curves[0].auc.value ?? .nan) - 0.75) < 1e-12)
        // class 1 scores: pos 0.6, 0.2; neg 0.1, 0.3 → 0.6 beats both (2), 0.2 beats 0.1 (1) → 3/4
        #expect(abs((roc.curves[1].auc.value ?? .nan) - 0.75) < 1e-12)
        #expect(roc.curves[2].auc.undefinedReason == "no positive samples for this class")
        #expect(abs((roc.macroAUC.value ?? .nan) - 0.75) < 1e-12)
        #expect(roc.macroAUC.definedClasses == 2 && roc.macroAUC.undefinedClasses == 1)
    }

    /// Same data as `handCase`. J = TPR − FPR at each finite threshold:
    ///   0.9: 0.25 − 0 = 0.25;  0.8: 0.5 − 1/3 = 0.1667;  0.7: 0.75 − 1/3 = 0.4167 (max);
    ///   0.6: 1 − 2/3 = 0.3333; 0.4: 1 − 1 = 0.
    @Test("Youden threshold on a small hand case")
    func youden() throws {
        let t = try ThresholdChooser.youden(scores: Self.handScores, isPositive: Self.handLabels.map { $0 == 1 })
        #expect(t.threshold == 0.7)
        #expect(t.truePositiveRate == 0.75)
        #expect(abs(t.falsePositiveRate - 1.0 / 3) < 1e-15)
        #expect(abs(t.youdenJ - 5.0 / 12) < 1e-12)
    }

    /// scores 0.1 0.4 0.35 0.8, labels 0 0 1 1: points (thr, FPR, TPR) = (0.8, 0, .5), (0.4, .5, .5),
    /// (0.35, .5, 1), (0.1, 1, 1); J = 0.5, 0, 0.5, 0 → tie between 0.8 and 0.35 → the higher, 0.8.
    /// With all J ≤ 0 (inverted scores) the result is the lowest threshold (predict all positive, J = 0).
    @Test("Youden ties go to the highest threshold; the +∞ start point is never chosen")
    func youdenTies() throws {
        let t = try ThresholdChooser.youden(scores: [0.1, 0.4, 0.35, 0.8], isPositive: [false, false, true, true])
        #expect(t.threshold == 0.8 && t.youdenJ == 0.5)
        let inv = try ThresholdChooser.youden(scores: [0.9, 0.8, 0.2], isPositive: [false, false, true])
        #expect(inv.threshold == 0.2 && inv.youdenJ == 0 && inv.truePositiveRate == 1)
    }
}

@Suite("ROC point reduction")
struct ROCReductionTests {
    @Test("dropping collinear points keeps the corners and the AUC")
    func dropIntermediate() throws {
        // Scores 0.9 0.8 0.7 (pos pos neg) 0.6 0.5 (pos neg): points (0,0) (0,1/3) (0,2/3) (1/2,2/3) (1/2,1) (1,1).
        let curve = try ROCCurve(scores: [0.9, 0.8, 0.7, 0.6, 0.5], isPositive: [true, true, false, true, false])
        let reduced = curve.droppingIntermediate()
        let fpr: [Double] = reduced.points.map(\.falsePositiveRate), tpr: [Double] = reduced.points.map(\.truePositiveRate)
        let expectedFPR: [Double] = [0, 0, 0.5, 0.5, 1]
        let expectedTPR: [Double] = [0, 2.0 / 3, 2.0 / 3, 1, 1]
        #expect(fpr == expectedFPR)
        #expect(tpr == expectedTPR)
        #expect(reduced.auc == curve.auc)
        var rng = TestRandom(seed: 9)
        let scores = (0..<2000).map { _ in (rng.nextDouble() * 20).rounded() / 20 }
        let labels = (0..<2000).map { i in rng.nextDouble() < 0.3 + 0.4 * scores[i] }
        let big = try ROCCurve(scores: scores, isPositive: labels)
        #expect(big.droppingIntermediate().points.count <= big.points.count)
        #expect(abs((big.droppingIntermediate().auc.value ?? 0) - (big.auc.value ?? 1)) < 1e-12)
    }

    /// A large random curve (every score distinct, so nearly every point is a corner).
    static func largeCurve(_ n: Int, seed: UInt64) throws -> (ROCCurve, scores: [Double], positive: [Bool]) {
        var rng = TestRandom(seed: seed)
        let scores = (0..<n).map { _ in rng.nextDouble() }
        let positive = scores.map { rng.nextDouble() < 0.2 + 0.6 * $0 }
        return (try ROCCurve(scores: scores, isPositive: positive), scores, positive)
    }

    @Test("thinning bounds the points, keeps both ends, the AUC and the shape to its resolution")
    func thinning() throws {
        let (full, _, _) = try Self.largeCurve(20_000, seed: 4)
        let limit = 402
        let thin = full.thinned(maxPoints: limit)
        #expect(full.points.count > 10_000 && full.thinnedFrom == nil)
        #expect(thin.points.count <= limit && thin.points.count > limit / 2)
        #expect(thin.points.first == full.points.first && thin.points.last == full.points.last)
        #expect(thin.auc == full.auc && thin.thinnedFrom == full.points.count)
        // Every dropped point lies within one step (2 / (limit − 2)) of the last kept point before it.
        let step = 2 / Double(limit - 2)
        var k = 0
        for p in full.points {
            if k + 1 < thin.points.count && p == thin.points[k + 1] { k += 1; continue }
            let q = thin.points[k]
            #expect(abs(p.falsePositiveRate - q.falsePositiveRate) + abs(p.truePositiveRate - q.truePositiveRate) < step + 1e-12)
        }
        #expect(k == thin.points.count - 1)
        // Small curves are untouched; thinning twice changes nothing more.
        #expect(thin.thinned(maxPoints: limit) == thin)
        let small = try ROCCurve(scores: [0.9, 0.8, 0.7], isPositive: [true, false, true])
        #expect(small.points.count == 4 && small.thinned(maxPoints: 4) == small)
    }

    @Test("thinned_from is written when set and optional when read")
    func thinnedCoding() throws {
        let thin = try Self.largeCurve(3_000, seed: 5).0.thinned(maxPoints: 50)
        let data = try JSONEncoder().encode(thin)
        #expect(try JSONDecoder().decode(ROCCurve.self, from: data) == thin)
        #expect(String(decoding: data, as: UTF8.self).contains("\"thinned_from\""))
        let plain = try ROCCurve(scores: [0.9, 0.1], isPositive: [true, false])
        let plainJSON = String(decoding: try JSONEncoder().encode(plain), as: UTF8.self)
        #expect(!plainJSON.contains("thinned_from"))
        #expect(try JSONDecoder().decode(ROCCurve.self, from: Data(plainJSON.utf8)) == plain)
    }

    @Test("a report of many samples keeps at most rocPointLimit points; Youden comes from the full curve")
    func reportBound() throws {
        let (full, scores, positive) = try Self.largeCurve(30_000, seed: 6)
        let report = try EvaluationReport.compute(.binaryProbabilities(scores), labels: positive.map { $0 ? 1 : 0 },
                                                  classNames: ["no", "yes"])
        let curve = report.perClass[1].roc
        #expect(full.droppingIntermediate().points.count > EvaluationReport.rocPointLimit)
        #expect(curve.points.count <= EvaluationReport.rocPointLimit && curve.auc == full.auc)
        #expect(curve.thinnedFrom == full.droppingIntermediate().points.count)
        #expect(report.youden == ThresholdChooser.youden(curve: full))
    }
}
