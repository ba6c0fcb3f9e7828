import CDNNL
import Testing
@testable import NeuralNet

@Suite("A failed primitive creation names the layer, the shapes and oneDNN's status")
struct PrimitiveErrorTests {
    @Test("mismatched channels: a DNNLError naming conv2, every tensor's shape and the status; no crash")
    func mismatchedConvolution() throws {
        try ComputeThread.shared.run {
            let src = try MemoryDesc.any([8, 32, 14, 14])
            let weights = try MemoryDesc.any([64, 16, 3, 3])   // 16 input channels where src has 32
            let bias = try MemoryDesc.any([64]), dst = try MemoryDesc.any([8, 64, 14, 14])
            do {
                _ = try Operations.convolutionForward("conv2", src: src, weights: weights, bias: bias, dst: dst,
                                                      stride: 1, padding: 1, training: true, fusedReLU: true)
                Issue.record("a convolution of 32-channel input with 16-channel weights was accepted")
            } catch let error as DNNLError {
                let text = error.description
                #expect(text.contains("conv2"))
                #expect(text.contains("src 8×32×14×14") && text.contains("weights 64×16×3×3") && text.contains("dst 8×64×14×14"))
                #expect(text.contains("invalid arguments") || text.contains("no implementation"))
            }
        }
    }

    @Test("the shapes are named for pooling too")
    func describe() throws {
        let what = Operations.describe("conv1.pool", [("src", try MemoryDesc.plain([2, 3, 4, 4])),
                                                      ("dst", try MemoryDesc.plain([2, 3, 2, 2]))])
        #expect(what == "conv1.pool (src 2×3×4×4, dst 2×3×2×2)")
    }
}
