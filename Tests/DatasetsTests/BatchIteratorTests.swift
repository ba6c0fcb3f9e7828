import Foundation
import Testing
@testable import Datasets

@Suite("Batching")
struct BatchIteratorTests {
    let set = makeSet(perClass: [9, 8, 6], c: 1, h: 2, w: 3)  // 23 images

    /// Sample indices of one epoch via nextInEpoch.
    func epochIndices(_ it: inout BatchIterator, _ batch: inout Batch) -> [[Int]] {
        var out: [[Int]] = []
        while it.nextInEpoch(into: &batch) { out.append(Array(batch.indices[..<batch.count])) }
        return out
    }

    @Test("one epoch visits every sample once; contents and labels copied", arguments: [PartialBatch.keep, .drop])
    func epoch(policy: PartialBatch) throws {
        var it = try BatchIterator(images: set, batchSize: 5, seed: 3, partialBatch: policy)
        var b = it.makeBatch()
        let batches = epochIndices(&it, &b)
        let flat = batches.flatMap { $0 }
        if policy == .keep {
            #expect(batches.map(\.count) == [5, 5, 5, 5, 3])
            #expect(flat.sorted() == Array(0..<23))
        } else {
            #expect(batches.map(\.count) == [5, 5, 5, 5])
            #expect(Set(flat).count == 20)
        }
        #expect(flat != flat.sorted())  // shuffled
        #expect(it.epoch == 1 && it.position == 0)
        // Contents of the last filled batch.
        var it2 = try BatchIterator(images: set, batchSize: 5, seed: 3, partialBatch: policy)
        _ = it2.nextInEpoch(into: &b)
        for k in 0..<b.count {
            let i = b.indices[k]
            #expect(Array(b.inputs[(k * 6)..<((k + 1) * 6)]) == Array(set.image(i)))
            #expect(Int(b.labels[k]) == set.labels[i])
        }
    }

    @Test("same seed → same order; new epochs reshuffle; different seed differs")
    func seeding() throws {
        var a = try BatchIterator(images: set, batchSize: 4, seed: 11)
        var c = try BatchIterator(images: set, batchSize: 4, seed: 11)
        var d = try BatchIterator(images: set, batchSize: 4, seed: 12)
        var ba = a.makeBatch(), bc = c.makeBatch(), bd = d.makeBatch()
        let e1 = epochIndices(&a, &ba), e1c = epochIndices(&c, &bc), e1d = epochIndices(&d, &bd)
        #expect(e1 == e1c)
        #expect(e1 != e1d)
        let e2 = epochIndices(&a, &ba)
        #expect(e2.flatMap { $0 }.sorted() == Array(0..<23))
        #expect(e2 != e1)
    }

    @Test("infinite stream rolls over epochs; state capture/restore resumes exactly",
          arguments: [Augmentation.none, Augmentation(cropPadding: 1, horizontalFlip: true)])
    func resume(aug: Augmentation) throws {
        var it = try BatchIterator(images: set, batchSize: 5, seed: 5, partialBatch: .drop, augmentation: aug)
        var b = it.makeBatch()
        for _ in 0..<7 { it.next(into: &b) }  // into the 2nd epoch (4 batches per epoch)
        #expect(it.epoch == 1)
        let saved = it.state
        var reference: [([Int], [Float])] = []
        for _ in 0..<9 { it.next(into: &b); reference.append((Array(b.indices[..<b.count]), Array(b.inputs[..<(b.count * 6)]))) }

        var resumed = try BatchIterator(images: set, batchSize: 5, seed: 5, partialBatch: .drop, augmentation: aug)
        try resumed.restore(saved)
        #expect(resumed.state == saved)
        for (idx, px) in reference {
            resumed.next(into: &b)
            #expect(b.count == 5)
            #expect(Array(b.indices[..<b.count]) == idx)
            #expect(Array(b.inputs[..<(b.count * 6)]) == px)
        }
        // The state survives a JSON round trip (checkpoint).
        let json = try JSONEncoder().encode(saved)
        #expect(try JSONDecoder().decode(BatchIteratorState.self, from: json) == saved)
    }

    @Test("flip and crop on a tiny image")
    func augmentation() {
        // 1 channel 2×3: [[1,2,3],[4,5,6]]
        let img: [Float] = [1, 2, 3, 4, 5, 6]
        let t = { (oy: Int, ox: Int, flip: Bool) in
            Augmentation.transformed(img, channels: 1, height: 2, width: 3, padding: 1, offsetY: oy, offsetX: ox, flip: flip)
        }
        #expect(t(1, 1, false) == img)  // centre crop = identity
        #expect(t(1, 1, true) == [3, 2, 1, 6, 5, 4])
        #expect(t(0, 0, false) == [0, 0, 0, 0, 1, 2])  // shifted down-right, zero fill
        #expect(t(2, 2, false) == [5, 6, 0, 0, 0, 0])  // shifted up-left
        #expect(t(1, 0, true) == [2, 1, 0, 5, 4, 0])   // crop (content shifts right), then flip
        // Two channels are transformed alike.
        let two = Augmentation.transformed(img + img.map { $0 * 10 }, channels: 2, height: 2, width: 3,
                                           padding: 1, offsetY: 0, offsetX: 2, flip: false)
        #expect(two == [0, 0, 0, 2, 3, 0, 0, 0, 0, 20, 30, 0])
    }

    @Test("augmented batches are transforms of their source images; off by default")
    func augmentedBatches() throws {
        var it = try BatchIterator(images: set, batchSize: 23, seed: 2, augmentation: Augmentation(cropPadding: 1, horizontalFlip: true))
        var b = it.makeBatch()
        it.next(into: &b)
        var changed = 0
        for k in 0..<b.count {
            let src = Array(set.image(b.indices[k])), out = Array(b.inputs[(k * 6)..<((k + 1) * 6)])
            var candidates: [[Float]] = []
            for oy in 0...2 { for ox in 0...2 { for f in [false, true] {
                candidates.append(Augmentation.transformed(src, channels: 1, height: 2, width: 3, padding: 1, offsetY: oy, offsetX: ox, flip: f))
            } } }
            #expect(candidates.contains(out))
            if out != src { changed += 1 }
        }
        #expect(changed > 5)
        var plain = try BatchIterator(images: set, batchSize: 23, seed: 2)
        plain.next(into: &b)
        for k in 0..<b.count { #expect(Array(b.inputs[(k * 6)..<((k + 1) * 6)]) == Array(set.image(b.indices[k]))) }
    }

    @Test("BatchSequence: data order, last batch partial")
    func sequence() {
        let batches = BatchSequence(images: set, batchSize: 10).map { (Array($0.indices[..<$0.count]), $0.count) }
        #expect(batches.map(\.1) == [10, 10, 3])
        #expect(batches.flatMap(\.0) == Array(0..<23))
    }

    @Test("invalid iterator options are errors")
    func invalid() {
        #expect(errorMessage { _ = try BatchIterator(images: set, batchSize: 0, seed: 0) }?.contains("batch size") == true)
        #expect(errorMessage { _ = try BatchIterator(images: set, batchSize: 30, seed: 0, partialBatch: .drop) } != nil)
    }
}
