import Foundation
import Testing
@testable import Datasets

@Suite("CIFAR readers")
struct CIFARReaderTests {
    @Test("CIFAR-10 binary batches read back exactly; names from batches.meta.txt")
    func cifar10() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        var allLabels: [Int] = [], allPixels: [[UInt8]] = []
        for k in 1...5 {
            let labels: [[UInt8]] = [[UInt8(k)], [UInt8(9 - k)]]
            let (file, px) = cifarRecords(labels, seed: UInt64(k))
            _ = try dir.write("data_batch_\(k).bin", file)
            allLabels += labels.map { Int($0[0]) }
            allPixels += px
        }
        let (testFile, testPx) = cifarRecords([[0], [3], [9]], seed: 77)
        _ = try dir.write("test_batch.bin", testFile)
        let (train, test) = try CIFAR10Dataset(directory: dir.url.path).load()
        #expect(train.count == 10 && test.count == 3)
        #expect(train.channels == 3 && train.height == 32 && train.width == 32)
        #expect(train.labels == allLabels)
        #expect(train.pixels == allPixels.flatMap { $0 }.map { Float($0) / 255 })
        #expect(test.labels == [0, 3, 9])
        #expect(test.pixels == testPx.flatMap { $0 }.map { Float($0) / 255 })
        #expect(train.classNames == ClassNames.cifar10)

        let custom = (0..<10).map { "n\($0)" }
        _ = try dir.write("batches.meta.txt", Array((custom.joined(separator: "\n") + "\n\n").utf8))
        #expect(try CIFAR10Dataset(directory: dir.url.path).load().train.classNames == custom)
    }

    @Test("CIFAR-100 fine and coarse labels, names, hierarchy from the data")
    func cifar100() throws {
        let root = try TempDir()
        defer { root.cleanup() }
        try FileManager.default.createDirectory(at: root.url.appendingPathComponent("cifar-100-binary"), withIntermediateDirectories: true)
        let fineIDs = [0, 8, 41, 99, 58]  // apple, bicycle, lawn_mower, worm, pickup_truck
        let records = fineIDs.map { [UInt8(ClassNames.cifar100CoarseOfFine[$0]), UInt8($0)] }
        let (file, px) = cifarRecords(records, seed: 4)
        _ = try root.write("cifar-100-binary/train.bin", file)
        _ = try root.write("cifar-100-binary/test.bin", Array(file[..<(2 * 3074)]))

        let fine = try CIFAR100Dataset(directory: root.url.path, label: .fine).load()
        #expect(fine.train.labels == fineIDs)
        #expect(fine.train.pixels == px.flatMap { $0 }.map { Float($0) / 255 })
        #expect(fine.test.count == 2)
        #expect(fine.train.classNames.count == 100 && fine.train.classNames[41] == "lawn_mower")
        let coarse = try CIFAR100Dataset(directory: root.url.path, label: .coarse).load()
        #expect(coarse.train.labels == [4, 18, 19, 13, 18])
        #expect(coarse.train.classNames[18] == "vehicles_1")

        let h = try CIFAR100Dataset(directory: root.url.path).hierarchy()
        #expect(h.coarseOfFine == ClassNames.cifar100CoarseOfFine)
        let split = try h.naturalVsManMade().resolve(classNames: fine.train.classNames)
        let builtIn = try ClassSplit.cifar100NaturalVsManMade.resolve(classNames: fine.train.classNames)
        #expect(Set(split.a) == Set(builtIn.a) && Set(split.b) == Set(builtIn.b))
    }

    @Test("built-in CIFAR-100 tables are consistent")
    func tables() throws {
        #expect(ClassNames.cifar100Fine.count == 100 && Set(ClassNames.cifar100Fine).count == 100)
        #expect(ClassNames.cifar100Coarse.count == 20)
        #expect(!ClassNames.cifar100CoarseOfFine.contains(-1))
        for c in 0..<20 { #expect(ClassNames.cifar100CoarseOfFine.filter { $0 == c }.count == 5) }
        let split = try ClassSplit.cifar100NaturalVsManMade.resolve(classNames: ClassNames.cifar100Fine)
        #expect(split.a.count == 70 && split.b.count == 30)
        let manMade = Set(split.names(.b))
        for name in ["bicycle", "bus", "lawn_mower", "tank", "bed", "wardrobe", "clock", "television",
                     "bottle", "plate", "bridge", "skyscraper", "road"] {
            #expect(manMade.contains(name), "\(name) should be man-made")
        }
        for name in ["apple", "whale", "cloud", "sea", "maple_tree", "baby"] {
            #expect(!manMade.contains(name), "\(name) should be natural")
        }
    }
}
