/// Every named random stream of the project, with the tag it is derived under
/// (`SplitMix64.derived(seed:stream:)`). One enum, so no two purposes can share a tag (raw
/// values are unique) and none is hidden in the code that draws from it. The tags are part of
/// every run's numbers: changing one changes run results (the run ids do not show it).
public enum RandomStream: UInt64, Sendable, CaseIterable {
    /// Initial weights of one run (salted with its label and oriented split; `RunStream`).
    case initialization = 0x1417
    /// Dropout masks of one run (salted as above).
    case dropout = 0xD80F
    /// The batch order of one target task (salted with the task side and oriented split).
    case batchOrder = 0xBA7C
    /// The validation hold-out and per-class subsample of one task (salted as above).
    case subsample = 0x5AB5
    /// Within a batch iterator: the epoch shuffles ("SHUF").
    case shuffle = 0x5348_5546
    /// Within a batch iterator: crops and flips ("AUGM").
    case augmentation = 0x4155_474D
    /// The fixed test-image sample layer similarity is measured on.
    case similaritySample = 0xC4A5
}

extension SplitMix64 {
    /// The generator of a named stream derived from `seed`.
    public static func derived(seed: UInt64, stream: RandomStream) -> SplitMix64 {
        derived(seed: seed, stream: stream.rawValue)
    }
}

/// FNV-1a, 64 bit: a stable string hash (Swift's `Hasher` is randomised per process), for salts
/// of random streams and for deterministic jitter.
public func fnv1a(_ text: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return h
}
