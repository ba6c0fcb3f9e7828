import CDNNL

/// One block (weight layer → fused ReLU → max-pool → dropout) compiled for a batch size:
/// its forward steps and, for training, its backward steps in three parts.
final class CompiledBlock {
    let index: Int
    /// The block's output (after pooling) in the layout oneDNN chose.
    let output: Memory
    /// Gradient w.r.t. `output`, same layout (training only). The block above writes into it.
    let outputGradient: Memory?
    private(set) var forward: [Step] = []
    /// Output gradient → gradient at the weight layer's output (dropout, pool, ReLU backward).
    private(set) var backwardPrelude: [Step] = []
    /// Parameter gradients into the layer's plain buffers.
    private(set) var backwardWeights: [Step] = []
    /// Input gradient into the block below's `outputGradient`.
    private(set) var backwardData: [Step] = []

    init(index: Int, block: Block, layer: WeightLayer, batch n: Int, training: Bool, source: Memory,
         sourceGradient: Memory?, applyDropout: Bool) throws {
        self.index = index
        let name = block.name
        let srcDims = [n] + block.inputShape
        let dstDims = [n] + block.layerShape
        // Weights as the primitive sees them: conv [O, C, K, K]; dense [O] + input shape.
        let weightDims: [Int]
        switch block.kind {
        case .convolution: weightDims = block.weightShape
        case .dense: weightDims = [block.outChannels] + block.inputShape
        }
        let plainWeights = try Memory(viewing: layer.weight, as: .plain(weightDims))
        let biasDesc = try MemoryDesc.plain([block.outChannels])

        // MARK: forward
        let fwd: Primitive
        switch block.kind {
        case let .convolution(_, stride, padding):
            fwd = try Operations.convolutionForward(name, src: .any(srcDims), weights: .any(weightDims),
                                                    bias: biasDesc, dst: .any(dstDims), stride: stride,
                                                    padding: padding, training: training, fusedReLU: block.relu)
        case .dense:
            fwd = try Operations.innerProductForward(name, src: .any(srcDims), weights: .any(weightDims),
                                                     bias: biasDesc, dst: .any(dstDims), training: training,
                                                     fusedReLU: block.relu)
        }
        let src = try CompiledBlock.adopt(source, as: fwd.query(dnnl_query_src_md), name: name + ".src",
                                          steps: &forward)
        let weights = try CompiledBlock.weights(plainWeights, as: fwd.query(dnnl_query_weights_md), layer: layer,
                                                name: name, steps: &forward)
        let dst = try Memory(fwd.query(dnnl_query_dst_md))
        fwd.bind([(DNNL_ARG_SRC, src), (DNNL_ARG_WEIGHTS, weights), (DNNL_ARG_BIAS, layer.bias),
                  (DNNL_ARG_DST, dst)])
        forward.append { _ in try fwd.execute() }

        var pool: (primitive: Primitive, dst: Memory, workspace: Memory?)?
        if let p = block.pool {
            let pf = try Operations.maxPoolForward(name + ".pool", src: dst.desc, dst: .any([n] + block.outputShape),
                                                   kernel: p.kernel, stride: p.stride, training: training)
            let pdst = try Memory(pf.query(dnnl_query_dst_md))
            let wsDesc = pf.query(dnnl_query_workspace_md)
            let ws = training && wsDesc.byteSize > 0 ? try Memory(wsDesc) : nil
            var args = [(DNNL_ARG_SRC, dst), (DNNL_ARG_DST, pdst)]
            if let ws { args.append((DNNL_ARG_WORKSPACE, ws)) }
            pf.bind(args)
            forward.append { _ in try pf.execute() }
            pool = (pf, pdst, ws)
        }
        output = pool?.dst ?? dst

        var dropout: Dropout?
        if training && applyDropout && block.dropout > 0 {
            guard output.desc == (try MemoryDesc.plain([n] + block.outputShape)) else {
                throw NetworkError.invalidDescription("dropout after \(name): supported after dense layers only")
            }
            let d = Dropout(rate: block.dropout, count: n * block.outputShape.reduce(1, *))
            let out = output
            forward.append { rng in d.apply(to: out.pointer, rng: &rng) }
            dropout = d
        }

        guard training else { outputGradient = nil; return }

        // MARK: backward — output gradient down to the weight layer's output
        let gradOut = try Memory(output.desc)
        outputGradient = gradOut
        if let d = dropout { backwardPrelude.append { _ in d.backward(gradOut.pointer) } }
        var gradDst = gradOut
        if let pool, let p = block.pool {
            let pb = try Operations.maxPoolBackward(name + ".pool", diffSrc: dst.desc, diffDst: pool.dst.desc,
                                                    kernel: p.kernel, stride: p.stride, hint: pool.primitive)
            gradDst = try Memory(dst.desc)
            var args = [(DNNL_ARG_DIFF_DST, gradOut), (DNNL_ARG_DIFF_SRC, gradDst)]
            if let ws = pool.workspace { args.append((DNNL_ARG_WORKSPACE, ws)) }
            pb.bind(args)
            backwardPrelude.append { _ in try pb.execute() }
        }
        if block.relu {
            let rb = try Operations.reluBackward(name, data: dst.desc)
            rb.bind([(DNNL_ARG_DST, dst), (DNNL_ARG_DIFF_DST, gradDst), (DNNL_ARG_DIFF_SRC, gradDst)])
            backwardPrelude.append { _ in try rb.execute() }
        }

        // MARK: backward — parameter gradients
        let bw: Primitive
        switch block.kind {
        case let .convolution(_, stride, padding):
            bw = try Operations.convolutionBackwardWeights(name, src: src.desc, diffWeights: .any(weightDims),
                                                           diffBias: biasDesc, diffDst: .any(dstDims),
                                                           stride: stride, padding: padding, hint: fwd)
        case .dense:
            bw = try Operations.innerProductBackwardWeights(name, src: src.desc, diffWeights: .any(weightDims),
                                                            diffBias: biasDesc, diffDst: .any(dstDims), hint: fwd)
        }
        let gradDstW = try CompiledBlock.adopt(gradDst, as: bw.query(dnnl_query_diff_dst_md),
                                               name: name + ".diff_dst_w", steps: &backwardWeights)
        let plainGrad = try Memory(viewing: layer.weightGradient, as: .plain(weightDims))
        let gradW = bw.query(dnnl_query_diff_weights_md) == plainGrad.desc
            ? plainGrad : try Memory(bw.query(dnnl_query_diff_weights_md))
        bw.bind([(DNNL_ARG_SRC, src), (DNNL_ARG_DIFF_DST, gradDstW), (DNNL_ARG_DIFF_WEIGHTS, gradW),
                 (DNNL_ARG_DIFF_BIAS, layer.biasGradient)])
        backwardWeights.append { _ in try bw.execute() }
        if gradW !== plainGrad {
            backwardWeights.append(try Plan.copy(gradW, to: plainGrad, name: name + ".diff_weights_to_plain"))
        }

        // MARK: backward — input gradient for the block below
        guard let sourceGradient else { return }
        let bd: Primitive
        switch block.kind {
        case let .convolution(_, stride, padding):
            bd = try Operations.convolutionBackwardData(name, diffSrc: src.desc, weights: .any(weightDims),
                                                        diffDst: .any(dstDims), stride: stride, padding: padding,
                                                        hint: fwd)
        case .dense:
            bd = try Operations.innerProductBackwardData(name, diffSrc: src.desc, weights: .any(weightDims),
                                                         diffDst: .any(dstDims), hint: fwd)
        }
        let bdWeightsDesc = bd.query(dnnl_query_weights_md)
        let bdWeights = bdWeightsDesc == weights.desc
            ? weights : try CompiledBlock.weights(plainWeights, as: bdWeightsDesc, layer: layer,
                                                  name: name + ".bwd", steps: &backwardData)
        let gradDstD = bd.query(dnnl_query_diff_dst_md) == gradDstW.desc
            ? gradDstW : try CompiledBlock.adopt(gradDst, as: bd.query(dnnl_query_diff_dst_md),
                                                 name: name + ".diff_dst_d", steps: &backwardData)
        let gradSrc = src === source && sourceGradient.desc == src.desc ? sourceGradient : try Memory(src.desc)
        bd.bind([(DNNL_ARG_DIFF_DST, gradDstD), (DNNL_ARG_WEIGHTS, bdWeights), (DNNL_ARG_DIFF_SRC, gradSrc)])
        backwardData.append { _ in try bd.execute() }
        if gradSrc !== sourceGradient {
            backwardData.append(try Plan.copy(gradSrc, to: sourceGradient, name: name + ".diff_src"))
        }
    }

    /// `memory` if it already has layout `desc`, else a new buffer filled by a reorder step.
    private static func adopt(_ memory: Memory, as desc: MemoryDesc, name: String,
                              steps: inout [Step]) throws -> Memory {
        if memory.desc == desc { return memory }
        let copy = try Memory(desc)
        steps.append(try Plan.copy(memory, to: copy, name: name))
        return copy
    }

    /// The layer's plain weights in layout `desc`, refreshed by a reorder whenever they change.
    private static func weights(_ plain: Memory, as desc: MemoryDesc, layer: WeightLayer, name: String,
                                steps: inout [Step]) throws -> Memory {
        if plain.desc == desc { return plain }
        let blocked = try Memory(desc)
        let reorder = try Primitive(reorderFrom: plain.desc, to: desc, name: name + ".weights")
        reorder.bind([(DNNL_ARG_FROM, plain), (DNNL_ARG_TO, blocked)])
        let seen = VersionBox()
        steps.append { _ in
            if seen.version != layer.version {
                try reorder.execute()
                seen.version = layer.version
            }
        }
        return blocked
    }
}

private final class VersionBox { var version = -1 }
