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

    /// The shapes and names one block's primitives share.
    private struct Geometry {
        let block: Block
        let name: String
        let batch: Int
        let srcDims: [Int], dstDims: [Int]
        /// Weights as the primitive sees them: conv [O, C, K, K]; dense [O] + input shape.
        let weightDims: [Int]
        let biasDesc: MemoryDesc

        init(_ block: Block, batch n: Int) throws {
            self.block = block
            name = block.name
            batch = n
            srcDims = [n] + block.inputShape
            dstDims = [n] + block.layerShape
            switch block.kind {
            case .convolution: weightDims = block.weightShape
            case .dense: weightDims = [block.outChannels] + block.inputShape
            }
            biasDesc = try MemoryDesc.plain([block.outChannels])
        }
    }

    /// What the forward pass leaves for the backward steps.
    private struct ForwardParts {
        let fwd: Primitive
        let src: Memory
        let weights: Memory
        let plainWeights: Memory
        /// The weight layer's output (before pooling).
        let dst: Memory
        let pool: Pooling?
        let dropout: Dropout?
    }

    /// A block's max pooling: the C loops where they apply, else oneDNN's primitive.
    private enum Pooling {
        case blocked(BlockedMaxPool)
        case onednn(Primitive, dst: Memory, workspace: Memory?)

        var dst: Memory {
            switch self {
            case let .blocked(pool): pool.output
            case let .onednn(_, dst, _): dst
            }
        }
    }

    /// Compiles the forward steps and, when training, the backward steps in three parts.
    init(index: Int, block: Block, layer: WeightLayer, batch n: Int, training: Bool, source: Memory,
         sourceGradient: Memory?, applyDropout: Bool) throws {
        self.index = index
        let g = try Geometry(block, batch: n)
        let parts = try Self.forwardSteps(g, layer: layer, training: training, source: source,
                                          applyDropout: applyDropout, steps: &forward)
        output = parts.pool?.dst ?? parts.dst
        guard training else { outputGradient = nil; return }
        let gradOut = try Memory(output.desc)
        outputGradient = gradOut
        let gradDst = try addPrelude(g, parts, gradOut: gradOut)
        let gradDstW = try addWeightGradients(g, parts, layer: layer, gradDst: gradDst)
        if let sourceGradient {
            try addInputGradient(g, parts, layer: layer, source: source, sourceGradient: sourceGradient,
                                 gradDst: gradDst, gradDstW: gradDstW)
        }
    }

    /// Forward: the weight layer (ReLU fused), max-pool, dropout (training, after dense layers).
    private static func forwardSteps(_ g: Geometry, layer: WeightLayer, training: Bool, source: Memory,
                                     applyDropout: Bool, steps: inout [Step]) throws -> ForwardParts {
        let block = g.block, name = g.name, n = g.batch
        let plainWeights = try Memory(viewing: layer.weight, as: .plain(g.weightDims))
        let fwd: Primitive
        switch block.kind {
        case let .convolution(_, stride, padding):
            fwd = try Operations.convolutionForward(name, src: .any(g.srcDims), weights: .any(g.weightDims),
                                                    bias: g.biasDesc, dst: .any(g.dstDims), stride: stride,
                                                    padding: padding, training: training, fusedReLU: block.relu)
        case .dense:
            fwd = try Operations.innerProductForward(name, src: .any(g.srcDims), weights: .any(g.weightDims),
                                                     bias: g.biasDesc, dst: .any(g.dstDims), training: training,
                                                     fusedReLU: block.relu)
        }
        let src = try adopt(source, as: fwd.query(dnnl_query_src_md), name: name + ".src", steps: &steps)
        let weights = try Self.weights(plainWeights, as: fwd.query(dnnl_query_weights_md), layer: layer,
                                       name: name, steps: &steps)
        let dst = try Memory(fwd.query(dnnl_query_dst_md))
        fwd.bind([(DNNL_ARG_SRC, src), (DNNL_ARG_WEIGHTS, weights), (DNNL_ARG_BIAS, layer.bias),
                  (DNNL_ARG_DST, dst)])
        steps.append { _ in try fwd.execute() }

        var pool: Pooling?
        if let p = block.pool {
            let outputDims = [n] + block.outputShape
            if let blocked = try BlockedMaxPool(name + ".pool", input: dst, outputDims: outputDims, kernel: p.kernel,
                                                stride: p.stride, training: training) {
                steps.append { _ in blocked.forward() }
                pool = .blocked(blocked)
            } else {
                let pf = try Operations.maxPoolForward(name + ".pool", src: dst.desc, dst: .any(outputDims),
                                                       kernel: p.kernel, stride: p.stride, training: training)
                let pdst = try Memory(pf.query(dnnl_query_dst_md))
                let wsDesc = pf.query(dnnl_query_workspace_md)
                let ws = training && wsDesc.byteSize > 0 ? try Memory(wsDesc) : nil
                var args = [(DNNL_ARG_SRC, dst), (DNNL_ARG_DST, pdst)]
                if let ws { args.append((DNNL_ARG_WORKSPACE, ws)) }
                pf.bind(args)
                steps.append { _ in try pf.execute() }
                pool = .onednn(pf, dst: pdst, workspace: ws)
            }
        }
        let output = pool?.dst ?? dst

        var dropout: Dropout?
        if training && applyDropout && block.dropout > 0 {
            guard output.desc == (try MemoryDesc.plain([n] + block.outputShape)) else {
                throw NetworkError.invalidDescription("dropout after \(name): supported after dense layers only")
            }
            let d = Dropout(rate: block.dropout, count: n * block.outputShape.reduce(1, *))
            steps.append { rng in d.apply(to: output.pointer, rng: &rng) }
            dropout = d
        }
        return ForwardParts(fwd: fwd, src: src, weights: weights, plainWeights: plainWeights, dst: dst, pool: pool,
                            dropout: dropout)
    }

    /// Backward from the output gradient to the weight layer's output (dropout, pool, ReLU — the
    /// last two in one pass with the C pooling); returns that gradient.
    private func addPrelude(_ g: Geometry, _ parts: ForwardParts, gradOut: Memory) throws -> Memory {
        if let d = parts.dropout { backwardPrelude.append { _ in d.backward(gradOut.pointer) } }
        var gradDst = gradOut
        var reluDone = false
        switch parts.pool {
        case let .blocked(pool)?:
            let gradInput = try Memory(parts.dst.desc)
            let relu = g.block.relu
            backwardPrelude.append { _ in pool.backward(gradOutput: gradOut, gradInput: gradInput, reluMask: relu) }
            gradDst = gradInput
            reluDone = relu
        case let .onednn(forward, dst, workspace)?:
            let p = g.block.pool!
            let pb = try Operations.maxPoolBackward(g.name + ".pool", diffSrc: parts.dst.desc, diffDst: dst.desc,
                                                    kernel: p.kernel, stride: p.stride, hint: forward)
            gradDst = try Memory(parts.dst.desc)
            var args = [(DNNL_ARG_DIFF_DST, gradOut), (DNNL_ARG_DIFF_SRC, gradDst)]
            if let workspace { args.append((DNNL_ARG_WORKSPACE, workspace)) }
            pb.bind(args)
            backwardPrelude.append { _ in try pb.execute() }
        case nil:
            break
        }
        if g.block.relu && !reluDone {
            let rb = try Operations.reluBackward(g.name, data: parts.dst.desc)
            rb.bind([(DNNL_ARG_DST, parts.dst), (DNNL_ARG_DIFF_DST, gradDst), (DNNL_ARG_DIFF_SRC, gradDst)])
            backwardPrelude.append { _ in try rb.execute() }
        }
        return gradDst
    }

    /// Parameter gradients into the layer's plain buffers; returns the output gradient in the
    /// layout the weight-gradient primitive reads.
    private func addWeightGradients(_ g: Geometry, _ parts: ForwardParts, layer: WeightLayer,
                                    gradDst: Memory) throws -> Memory {
        let bw: Primitive
        switch g.block.kind {
        case let .convolution(_, stride, padding):
            bw = try Operations.convolutionBackwardWeights(g.name, src: parts.src.desc, diffWeights: .any(g.weightDims),
                                                           diffBias: g.biasDesc, diffDst: .any(g.dstDims),
                                                           stride: stride, padding: padding, hint: parts.fwd)
        case .dense:
            bw = try Operations.innerProductBackwardWeights(g.name, src: parts.src.desc, diffWeights: .any(g.weightDims),
                                                            diffBias: g.biasDesc, diffDst: .any(g.dstDims), hint: parts.fwd)
        }
        let gradDstW = try Self.adopt(gradDst, as: bw.query(dnnl_query_diff_dst_md),
                                      name: g.name + ".diff_dst_w", steps: &backwardWeights)
        let plainGrad = try Memory(viewing: layer.weightGradient, as: .plain(g.weightDims))
        let gradW = bw.query(dnnl_query_diff_weights_md) == plainGrad.desc
            ? plainGrad : try Memory(bw.query(dnnl_query_diff_weights_md))
        bw.bind([(DNNL_ARG_SRC, parts.src), (DNNL_ARG_DIFF_DST, gradDstW), (DNNL_ARG_DIFF_WEIGHTS, gradW),
                 (DNNL_ARG_DIFF_BIAS, layer.biasGradient)])
        backwardWeights.append { _ in try bw.execute() }
        if gradW !== plainGrad {
            backwardWeights.append(try Plan.copy(gradW, to: plainGrad, name: g.name + ".diff_weights_to_plain"))
        }
        return gradDstW
    }

    /// The input gradient, into the block below's `outputGradient`.
    private func addInputGradient(_ g: Geometry, _ parts: ForwardParts, layer: WeightLayer, source: Memory,
                                  sourceGradient: Memory, gradDst: Memory, gradDstW: Memory) throws {
        let bd: Primitive
        switch g.block.kind {
        case let .convolution(_, stride, padding):
            bd = try Operations.convolutionBackwardData(g.name, diffSrc: parts.src.desc, weights: .any(g.weightDims),
                                                        diffDst: .any(g.dstDims), stride: stride, padding: padding,
                                                        hint: parts.fwd)
        case .dense:
            bd = try Operations.innerProductBackwardData(g.name, diffSrc: parts.src.desc, weights: .any(g.weightDims),
                                                         diffDst: .any(g.dstDims), hint: parts.fwd)
        }
        let bdWeightsDesc = bd.query(dnnl_query_weights_md)
        let bdWeights = bdWeightsDesc == parts.weights.desc
            ? parts.weights : try Self.weights(parts.plainWeights, as: bdWeightsDesc, layer: layer,
                                               name: g.name + ".bwd", steps: &backwardData)
        let gradDstD = bd.query(dnnl_query_diff_dst_md) == gradDstW.desc
            ? gradDstW : try Self.adopt(gradDst, as: bd.query(dnnl_query_diff_dst_md),
                                        name: g.name + ".diff_dst_d", steps: &backwardData)
        let src = parts.src
        let gradSrc = src === source && sourceGradient.desc == src.desc ? sourceGradient : try Memory(src.desc)
        bd.bind([(DNNL_ARG_DIFF_DST, gradDstD), (DNNL_ARG_WEIGHTS, bdWeights), (DNNL_ARG_DIFF_SRC, gradSrc)])
        backwardData.append { _ in try bd.execute() }
        if gradSrc !== sourceGradient {
            backwardData.append(try Plan.copy(gradSrc, to: sourceGradient, name: g.name + ".diff_src"))
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
