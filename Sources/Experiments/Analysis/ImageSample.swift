import Datasets
import Randomness

/// The fixed sample of a target task's test images that networks are compared on.
///
/// Drawn with one constant seeded stream, so the same task (same classes) always gives the
/// same images — across seeds of a dissimilar split, across invocations and machines.
struct ImageSample {
    /// Mean-subtracted pixels, [count, C, H, W].
    let pixels: [Float]
    let count: Int
    /// The task's classes (dataset ids): two samples with equal classes are the same images.
    let classIDs: [Int]
    /// How many test images the task has (the sample is all of them when it has ≤ `size`).
    let available: Int

    init(task: DatasetTask, size: Int) throws {
        let test = task.test
        var rng = SplitMix64.derived(seed: 0, stream: .similaritySample)
        let chosen = Array(seededPermutation(test.count, using: &rng).prefix(size)).sorted()
        pixels = try test.subset(chosen).pixels
        count = chosen.count
        classIDs = task.classIDs
        available = test.count
    }
}
