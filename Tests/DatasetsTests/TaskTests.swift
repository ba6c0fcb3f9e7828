import Foundation
import Testing
@testable import Datasets

@Suite("Tasks: remapping, hold-out, caps")
struct TaskTests {
    let train = makeSet(perClass: [30, 25, 40, 20])
    let test = makeSet(perClass: [5, 6, 7, 8])

    @Test("labels remapped in class-list order; mapping recorded; test = task classes")
    func remap() throws {
        let task = try DatasetTask(train: train, test: test, classes: [2, 0])
        #expect(task.classIDs == [2, 0] && task.classNames == ["c2", "c0"])
        #expect(task.train.count == 70 && task.test.count == 12)
        #expect(task.train.classNames == ["c2", "c0"])
        for (k, src) in task.trainSourceIndices.enumerated() {
            #expect(task.train.labels[k] == (train.labels[src] == 2 ? 0 : 1))
            #expect(Array(task.train.image(k)) == Array(train.image(src)))
        }
        #expect(task.test.classCounts() == [7, 5])
        let byName = try DatasetTask(train: train, test: test, classes: ["c2", 0] as [ClassSelector])
        #expect(byName == task)
    }

    @Test("stratified hold-out and cap: exact counts, disjoint, seeded", arguments: [UInt64(0), 7])
    func stratified(seed: UInt64) throws {
        let opts = TaskOptions(seed: seed, validation: .count(4), trainCapPerClass: 10)
        let t1 = try DatasetTask(train: train, test: test, classes: [0, 1, 2, 3], options: opts)
        let t2 = try DatasetTask(train: train, test: test, classes: [0, 1, 2, 3], options: opts)
        #expect(t1 == t2)
        #expect(t1.train.classCounts() == [10, 10, 10, 10])
        #expect(t1.validation.classCounts() == [4, 4, 4, 4])
        #expect(Set(t1.trainSourceIndices).isDisjoint(with: t1.validationSourceIndices))
        let frac = try DatasetTask(train: train, test: test, classes: [0, 1, 2, 3],
                                   options: TaskOptions(seed: seed, validation: .fraction(0.2)))
        #expect(frac.validation.classCounts() == [6, 5, 8, 4])
        #expect(frac.train.classCounts() == [24, 20, 32, 16])
    }

    @Test("different seeds choose different subsamples")
    func seedsDiffer() throws {
        let picks = try (0..<5).map {
            try DatasetTask(train: train, test: test, classes: [0, 1], options: TaskOptions(seed: UInt64($0), trainCapPerClass: 5)).trainSourceIndices
        }
        #expect(Set(picks).count > 1)
    }

    @Test("cap too large and hold-out too large name the class and counts")
    func capErrors() {
        let cap = errorMessage {
            _ = try DatasetTask(train: train, test: test, classes: [0, 3], options: TaskOptions(validation: .count(2), trainCapPerClass: 25))
        }
        #expect(cap?.contains("'c3'") == true && cap?.contains("18") == true && cap?.contains("cap 25") == true)
        let hold = errorMessage {
            _ = try DatasetTask(train: train, test: test, classes: [3], options: TaskOptions(validation: .count(20)))
        }
        #expect(hold?.contains("'c3'") == true && hold?.contains("20") == true)
        let empty = errorMessage { _ = try DatasetTask(train: train, test: test, classes: [Int]()) }
        #expect(empty?.contains("empty") == true)
    }
}
