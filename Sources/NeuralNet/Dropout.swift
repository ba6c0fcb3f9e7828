/// Inverted dropout on a plain buffer: keeps each value with probability 1 − rate and
/// scales kept values by 1/(1 − rate); remembers the mask for backward.
final class Dropout {
    let rate: Float
    let count: Int
    private let mask: UnsafeMutableBufferPointer<Float>

    init(rate: Double, count: Int) {
        self.rate = Float(rate)
        self.count = count
        mask = .allocate(capacity: count)
        mask.initialize(repeating: 1)
    }

    deinit { mask.deallocate() }

    /// values[i] *= mask[i], with a fresh mask drawn from `rng` (one draw per value, in order).
    func apply(to values: UnsafeMutablePointer<Float>, rng: inout SplitMix64) {
        let scale = 1 / (1 - rate), keepAbove = rate
        let m = mask.baseAddress!
        for i in 0..<count {
            let keep = rng.nextUnitFloat() >= keepAbove
            m[i] = keep ? scale : 0
            values[i] *= m[i]
        }
    }

    /// gradient[i] *= mask[i] (the mask of the last `apply`).
    func backward(_ gradient: UnsafeMutablePointer<Float>) {
        let m = mask.baseAddress!
        for i in 0..<count { gradient[i] *= m[i] }
    }
}
