import Foundation
import Testing
@testable import Datasets

/// The real Fashion-MNIST, loaded once for all tests that need it.
let fashionMNIST: Result<(train: ImageSet, test: ImageSet, seconds: Double), DatasetError> = {
    let start = Date()
    do {
        let sets = try DatasetSpec().load()
        return .success((sets.train, sets.test, Date().timeIntervalSince(start)))
    } catch let e as DatasetError {
        return .failure(e)
    } catch {
        return .failure(.unreadable(path: "?", reason: "\(error)"))
    }
}()

@Suite("Real Fashion-MNIST")
struct FashionMNISTTests {
    @Test("the default spec loads the Debian package's files")
    func realFashionMNIST() throws {
        let loaded = try fashionMNIST.get()
        print("Fashion-MNIST load time (train + test, this build): \(String(format: "%.3f", loaded.seconds)) s")
        let (train, test) = (loaded.train, loaded.test)
        #expect(train.count == 60_000 && test.count == 10_000)
        #expect(train.channels == 1 && train.height == 28 && train.width == 28)
        #expect(train.classCounts() == Array(repeating: 6_000, count: 10))
        #expect(test.classCounts() == Array(repeating: 1_000, count: 10))
        #expect(train.labels[0] == 9 && train.classNames[train.labels[0]] == "Ankle boot")
        #expect(test.labels[0] == 9)
        #expect(train.pixels.min() == 0 && train.pixels.max() == 1)
        #expect(train.classNames == ClassNames.fashionMNIST)
    }

    @Test("the train images inflate to the exact IDX size")
    func inflateTrainImages() throws {
        let path = IDXDataset.defaultFashionMNISTDirectory + "/train-images-idx3-ubyte.gz"
        let compressed = try readFileBytes(path)
        let start = Date()
        let raw = try Gzip.decompress(compressed, path: path)
        print("Fashion-MNIST train images inflate time: \(String(format: "%.3f", Date().timeIntervalSince(start))) s for \(raw.count) bytes")
        #expect(raw.count == 16 + 60_000 * 28 * 28)
        #expect(Array(raw[..<4]) == [0, 0, 8, 3])
    }

    @Test("garments split and a capped task on the real data")
    func garmentsTask() throws {
        let (train, test, _) = try fashionMNIST.get()
        let split = try ClassSplit.fashionMNISTGarments.resolve(classNames: train.classNames)
        #expect(split.a == [0, 2, 3, 4, 6])
        #expect(split.b == [1, 5, 7, 8, 9])
        let task = try DatasetTask(train: train, test: test, split: split, side: .b,
                                   options: TaskOptions(seed: 1, validation: .count(100), trainCapPerClass: 500))
        #expect(task.train.count == 2_500 && task.validation.count == 500 && task.test.count == 5_000)
        #expect(task.classNames == ["Trouser", "Sandal", "Sneaker", "Bag", "Ankle boot"])
        #expect(task.test.labels[0] == 4)  // first test image: Ankle boot, task label 4
    }
}
