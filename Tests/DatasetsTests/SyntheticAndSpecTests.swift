import Foundation
import Testing
@testable import Datasets

@Suite("Synthetic data set and specs")
struct SyntheticAndSpecTests {
    @Test("synthetic: deterministic, shaped, seed-dependent")
    func deterministic() throws {
        let spec = SyntheticDataset(seed: 4, classes: 5, trainPerClass: 20, testPerClass: 6, channels: 3, height: 8, width: 8, noise: 0.2)
        let a = try spec.load(), b = try spec.load()
        #expect(a.train == b.train && a.test == b.test)
        #expect(a.train.count == 100 && a.test.count == 30 && a.train.channels == 3)
        #expect(a.train.classCounts() == [20, 20, 20, 20, 20])
        #expect(a.train.pixels.allSatisfy { $0 >= 0 && $0 <= 1 })
        var other = spec
        other.seed = 5
        #expect(try other.load().train.pixels != a.train.pixels)
    }

    @Test("synthetic: learnable (nearest class mean well above chance) but noisy")
    func learnable() throws {
        let (train, test) = try SyntheticDataset(seed: 1, classes: 10, trainPerClass: 50, testPerClass: 20, height: 12, width: 12).load()
        let size = train.imageSize
        var means = [[Double]](repeating: [Double](repeating: 0, count: size), count: 10)
        for i in 0..<train.count { for k in 0..<size { means[train.labels[i]][k] += Double(train.pixels[i * size + k]) / 50 } }
        var correct = 0
        for i in 0..<test.count {
            let x = test.image(i)
            let d = means.map { m in zip(m, x).reduce(0.0) { $0 + ($1.0 - Double($1.1)) * ($1.0 - Double($1.1)) } }
            if d.firstIndex(of: d.min()!) == test.labels[i] { correct += 1 }
        }
        let accuracy = Double(correct) / Double(test.count)
        print("synthetic nearest-class-mean accuracy: \(accuracy)")
        #expect(accuracy > 0.5)
        // Samples of one class really differ (noise + shift).
        #expect(train.image(0) != train.image(10))
    }

    @Test("DatasetSpec: the default and what each kind reads")
    func specSources() throws {
        let d = DatasetSpec()
        #expect(d == DatasetSpec.fashionMNIST)
        #expect(d.source == .idx(IDXDataset(kind: .fashionMNIST, directory: "/usr/share/datasets/fashion-mnist")))
        let s = DatasetSpec(kind: .synthetic, synthetic: SyntheticDataset(classes: 4, height: 6, width: 6))
        let (train, _) = try s.load()
        #expect(train.classCount == 4 && train.height == 6)
        let c = DatasetSpec(kind: .cifar100, path: "/x", cifar100Label: .coarse)
        #expect(c.source == .cifar100(CIFAR100Dataset(directory: "/x", label: .coarse)))
    }
}
