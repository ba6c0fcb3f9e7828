import CDNNL
import CKernels

/// Max pooling whose windows tile the input (kernel = stride) on oneDNN's channel-blocked layouts
/// (aBcd8b on AVX2, aBcd16b on AVX-512), in plain C (`CKernels`), used instead of oneDNN's own
/// pooling where it applies: on an AVX2 EPYC at batch 128, one thread, oneDNN 2.6's `jit:avx2`
/// pooling took 8.7 ms forward and 7.6 ms backward for conv2's 12.8 MB output; the C loops
/// 1–2.5 ms, with the same values and the same choice among equal maxima (the first in window
/// order). The backward pass also does the layer's ReLU backward (`reluMask`): the gradient
/// passes where the pooled maximum is > 0, which is where the ReLU passed it — one pass instead of two.
final class BlockedMaxPool {
    /// The pooled output, in the input's blocked layout.
    let output: Memory
    private let input: Memory
    private let shape: ck_pool_shape
    /// Index of each maximum within its window (training only).
    private let workspace: UnsafeMutableBufferPointer<UInt8>?
    /// Profiler names, made once (not per step).
    private let forwardName: String, backwardName: String, fusedBackwardName: String

    /// nil where the C loops do not apply (a layout other than aBcd8b/aBcd16b, or windows that
    /// overlap or pad): the caller uses oneDNN's pooling there.
    init?(_ name: String, input: Memory, outputDims: [Int], kernel: Int, stride: Int, training: Bool) throws {
        let dims = input.desc.dims
        guard dims.count == 4, outputDims.count == 4, kernel == stride, kernel >= 1, kernel * kernel <= 255,
              outputDims[0] == dims[0], outputDims[1] == dims[1],
              outputDims[2] == dims[2] / kernel, outputDims[3] == dims[3] / kernel,
              outputDims[2] > 0, outputDims[3] > 0 else { return nil }
        let candidates: [(Int32, dnnl_format_tag_t)] = [(8, dnnl_aBcd8b), (16, dnnl_aBcd16b)]
        guard let (block, tag) = try candidates.first(where: { try MemoryDesc(dims, $0.1) == input.desc }) else { return nil }
        forwardName = name + ".fwd"
        backwardName = name + ".bwd"
        fusedBackwardName = name + ".bwd+relu_bwd"
        self.input = input
        output = try Memory(MemoryDesc(outputDims, tag))
        let blocks = (dims[1] + Int(block) - 1) / Int(block)
        shape = ck_pool_shape(outer: Int64(dims[0] * blocks), block: block, channels: Int32(dims[1]), ih: Int32(dims[2]), iw: Int32(dims[3]),
                              oh: Int32(outputDims[2]), ow: Int32(outputDims[3]), k: Int32(kernel))
        if training {
            let ws = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: output.capacity)
            ws.initialize(repeating: 0)
            workspace = ws
        } else {
            workspace = nil
        }
    }

    deinit { workspace?.deallocate() }

    /// Pools `input` into `output` (and, in training, records where each maximum was).
    func forward() {
        Profiler.shared.measure(forwardName) {
            ck_maxpool_forward(input.pointer, output.pointer, workspace?.baseAddress, shape)
        }
    }

    /// `gradInput` = `gradOutput` routed to each window's maximum; with `reluMask`, only where the
    /// maximum is > 0 (the fused ReLU backward). Training only.
    func backward(gradOutput: Memory, gradInput: Memory, reluMask: Bool) {
        guard let workspace else { preconditionFailure("\(backwardName): backward of an inference pooling") }
        Profiler.shared.measure(reluMask ? fusedBackwardName : backwardName) {
            ck_maxpool_backward(gradOutput.pointer, workspace.baseAddress, reluMask ? output.pointer : nil,
                                gradInput.pointer, shape)
        }
    }
}
