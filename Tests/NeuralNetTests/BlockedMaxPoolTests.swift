import CDNNL
import Testing
@testable import NeuralNet
import Randomness
import TestSupport

/// The C max pooling (`BlockedMaxPool`) against oneDNN's pooling primitive (and its ReLU
/// backward), bit for bit, on data full of equal values — where the choice among equal maxima
/// shows.
@Suite("C max pooling vs oneDNN", .serialized)
struct BlockedMaxPoolTests {
    struct Case: CustomStringConvertible, Sendable {
        let n, c, h, w, k: Int
        let tag: Int  // 8 or 16 (aBcd8b / aBcd16b)
        var description: String { "N\(n) C\(c) \(h)×\(w) k\(k) aBcd\(tag)b" }
    }

    @Test("same outputs, gradients and ReLU-masked gradients as oneDNN", arguments: [
        Case(n: 3, c: 32, h: 28, w: 28, k: 2, tag: 8),
        Case(n: 2, c: 16, h: 7, w: 9, k: 2, tag: 8),    // a row and a column no window covers
        Case(n: 2, c: 24, h: 9, w: 9, k: 3, tag: 8),
        Case(n: 2, c: 32, h: 14, w: 14, k: 2, tag: 16),
        Case(n: 1, c: 20, h: 6, w: 6, k: 2, tag: 8),    // channels padded to a whole block
    ])
    func matchesOneDNN(_ t: Case) throws {
        try ComputeThread.shared.run {
            let tag = t.tag == 8 ? dnnl_aBcd8b : dnnl_aBcd16b
            let inDims = [t.n, t.c, t.h, t.w], outDims = [t.n, t.c, t.h / t.k, t.w / t.k]
            let input = try Memory(MemoryDesc(inDims, tag))
            // ReLU outputs on a coarse grid: many zeros and many equal maxima. Padding channels stay 0.
            var r = TestRandom(seed: 7)
            let values = r.uniform(count: t.n * t.c * t.h * t.w, in: -1...1)
            let plain = try Memory(MemoryDesc.plain(inDims))
            for i in 0..<values.count { plain.pointer[i] = Float(max(0, (values[i] * 4).rounded() / 4)) }
            var rng = SplitMix64(seed: 0)
            try Plan.copy(plain, to: input, name: "to blocked")(&rng)

            let pool = try #require(try BlockedMaxPool("p", input: input, outputDims: outDims, kernel: t.k,
                                                       stride: t.k, training: true))
            pool.forward()

            let forward = try Operations.maxPoolForward("ref", src: input.desc, dst: .any(outDims), kernel: t.k,
                                                        stride: t.k, training: true)
            let refOut = try Memory(forward.query(dnnl_query_dst_md))
            #expect(refOut.desc == pool.output.desc)
            let ws = try Memory(forward.query(dnnl_query_workspace_md))
            forward.bind([(DNNL_ARG_SRC, input), (DNNL_ARG_DST, refOut), (DNNL_ARG_WORKSPACE, ws)])
            try forward.execute()
            #expect(Self.mismatches(pool.output, refOut) == "")

            // Gradients with both signs, on the same grid.
            let gradOut = try Memory(refOut.desc)
            let grads = r.uniform(count: gradOut.capacity, in: -1...1)
            for i in 0..<grads.count { gradOut.pointer[i] = Float((grads[i] * 8).rounded() / 8) }
            let backward = try Operations.maxPoolBackward("ref", diffSrc: input.desc, diffDst: refOut.desc,
                                                          kernel: t.k, stride: t.k, hint: forward)
            let refGrad = try Memory(input.desc)
            backward.bind([(DNNL_ARG_DIFF_DST, gradOut), (DNNL_ARG_DIFF_SRC, refGrad), (DNNL_ARG_WORKSPACE, ws)])
            try backward.execute()
            let grad = try Memory(input.desc)
            grad.pointer.initialize(repeating: .nan, count: grad.capacity)  // every element must be written
            pool.backward(gradOutput: gradOut, gradInput: grad, reluMask: false)
            #expect(Self.mismatches(grad, refGrad) == "")

            // Fused ReLU backward = oneDNN's pool backward, then its ReLU backward on the pooled layer's input.
            let relu = try Operations.reluBackward("ref", data: input.desc)
            relu.bind([(DNNL_ARG_DST, input), (DNNL_ARG_DIFF_DST, refGrad), (DNNL_ARG_DIFF_SRC, refGrad)])
            try relu.execute()
            grad.pointer.initialize(repeating: .nan, count: grad.capacity)
            pool.backward(gradOutput: gradOut, gradInput: grad, reluMask: true)
            #expect(Self.mismatches(grad, refGrad) == "")
            #expect(Self.bits(grad).contains { $0 != 0 }, "the case must route some gradient")
        }
    }

    @Test("layouts and windows it does not handle are left to oneDNN")
    func declines() throws {
        try ComputeThread.shared.run {
            let blocked = try Memory(MemoryDesc([2, 8, 8, 8], dnnl_aBcd8b))
            let plain = try Memory(MemoryDesc.plain([2, 8, 8, 8]))
            #expect(try BlockedMaxPool("p", input: plain, outputDims: [2, 8, 4, 4], kernel: 2, stride: 2, training: true) == nil)
            #expect(try BlockedMaxPool("p", input: blocked, outputDims: [2, 8, 3, 3], kernel: 3, stride: 2, training: true) == nil)
            #expect(try BlockedMaxPool("p", input: blocked, outputDims: [2, 8, 4, 4], kernel: 2, stride: 2, training: true) != nil)
        }
    }

    static func bits(_ m: Memory) -> [UInt32] { m.buffer.map(\.bitPattern) }

    /// "" when `a` and `b` agree bit for bit, else how many elements differ and the first few.
    static func mismatches(_ a: Memory, _ b: Memory) -> String {
        let differing = zip(a.buffer, b.buffer).enumerated().filter { $0.element.0.bitPattern != $0.element.1.bitPattern }
        guard !differing.isEmpty else { return "" }
        let signedZeros = differing.filter { $0.element.0 == 0 && $0.element.1 == 0 }.count
        let first = differing.prefix(4).map { "[\($0.offset)] \($0.element.0) vs \($0.element.1)" }
        return "\(differing.count) of \(a.capacity) differ (\(signedZeros) only in the sign of 0): " + first.joined(separator: ", ")
    }
}
