import Foundation
import Testing
@testable import Datasets

@Suite("Mean subtraction")
struct PreprocessingTests {
    func randomSet(n: Int, c: Int, h: Int, w: Int, seed: UInt64) -> ImageSet {
        var g = SplitMix64(seed: seed)
        let px = (0..<(n * c * h * w)).map { i in Float(g.nextDouble()) * 0.5 + Float((i / (h * w)) % c) * 0.2 }
        return try! ImageSet(channels: c, height: h, width: w, pixels: px, labels: Array(repeating: 0, count: n), classNames: ["x"])
    }

    @Test("per-channel: train mean per channel ≈ 0 afterwards; same shift on test")
    func perChannel() throws {
        let train = randomSet(n: 50, c: 3, h: 4, w: 5, seed: 1)
        let test = randomSet(n: 10, c: 3, h: 4, w: 5, seed: 2)
        let norm = MeanNormalizer(fitting: train, mode: .perChannel)
        #expect(norm.mean.count == 3)
        let t = try norm.applied(to: train)
        for c in 0..<3 {
            var s = 0.0
            for i in 0..<50 { for k in 0..<20 { s += Double(t.pixels[i * 60 + c * 20 + k]) } }
            #expect(abs(s / 1000) < 1e-5)
        }
        let tt = try norm.applied(to: test)
        #expect(abs((test.pixels[25] - tt.pixels[25]) - norm.mean[1]) < 1e-6)
    }

    @Test("per-pixel: the mean image is subtracted; restorable from stored values")
    func perPixel() throws {
        let train = randomSet(n: 40, c: 2, h: 3, w: 3, seed: 3)
        let norm = MeanNormalizer(fitting: train, mode: .perPixel)
        #expect(norm.mean.count == 18)
        let t = try norm.applied(to: train)
        for k in 0..<18 {
            let m = (0..<40).reduce(0.0) { $0 + Double(t.pixels[$1 * 18 + k]) } / 40
            #expect(abs(m) < 1e-6)
        }
        let restored = try MeanNormalizer(mode: .perPixel, mean: norm.mean, channels: 2, height: 3, width: 3)
        #expect(try restored.applied(to: train) == t)
        #expect(try MeanNormalizer(fitting: train, mode: .none).applied(to: train) == train)
        #expect(errorMessage { _ = try MeanNormalizer(mode: .perChannel, mean: [1], channels: 2, height: 3, width: 3) } != nil)
    }

    @Test("a task's train/validation/test get the training mean")
    func taskMean() throws {
        var task = try DatasetTask(train: makeSet(perClass: [10, 10]), test: makeSet(perClass: [3, 3]), classes: [0, 1],
                                   options: TaskOptions(seed: 1, validation: .count(2)))
        let before = task.validation
        let norm = try task.subtractMean(.perChannel)
        #expect(abs(task.train.pixels.reduce(0, +)) < 1e-3)
        #expect(abs(before.pixels[0] - task.validation.pixels[0] - norm.mean[0]) < 1e-6)
    }
}
