import CDNNL

/// One step of a compiled pass; dropout steps draw from the generator.
typealias Step = (inout SplitMix64) throws -> Void

/// A range of a network's blocks compiled for one batch size and mode: oneDNN primitives
/// created once, buffers allocated once, and the order to run them in.
///
/// Activations stay in the layouts oneDNN picks (`format_tag any`) through the whole step;
/// reorders are inserted only where two primitives disagree. The plan's `input` and `output`
/// are plain (NCHW / NC). Parameters are read from (and gradients written to) the layers'
/// plain buffers through reorders, refreshed only when a layer's weights changed.
final class Plan {
    struct Key: Hashable {
        let batch: Int
        let first: Int
        let last: Int
        let training: Bool
        let inputDropout: Double
        let inputGradient: Bool
    }

    let batch: Int
    let range: Range<Int>
    let training: Bool
    /// Plain [N, input shape of the first block].
    let input: Memory
    /// Plain [N, output shape of the last block] (before any dropout of the last block).
    let output: Memory
    /// Plain gradient of the loss w.r.t. `output` (training plans only).
    let outputGradient: Memory?
    /// Plain gradient w.r.t. `input`, if requested (tests of the layers' input gradients).
    let inputGradient: Memory?

    private var forwardSteps: [Step] = []
    private let compiled: [CompiledBlock]
    private let layers: [WeightLayer]
    private let inputDropout: Dropout?
    private let outputGradientIn: Step?

    init(blocks all: [Block], layers: [WeightLayer], range: Range<Int>, batch: Int, training: Bool,
         inputDropout: Double = 0, inputGradient wantsInputGradient: Bool = false) throws {
        self.batch = batch
        self.range = range
        self.training = training
        self.layers = layers
        let first = all[range.lowerBound], last = all[range.upperBound - 1]
        input = try Memory(.plain([batch] + first.inputShape))
        output = try Memory(.plain([batch] + last.outputShape))
        self.inputDropout = training && inputDropout > 0
            ? Dropout(rate: inputDropout, count: batch * first.inputShape.reduce(1, *)) : nil

        inputGradient = training && wantsInputGradient ? try Memory(.plain([batch] + first.inputShape)) : nil
        var blocks: [CompiledBlock] = []
        var source = input
        for b in range {
            let c = try CompiledBlock(index: b, block: all[b], layer: layers[b], batch: batch, training: training,
                                      source: source, sourceGradient: blocks.last?.outputGradient ?? inputGradient,
                                      applyDropout: b != range.upperBound - 1)
            blocks.append(c)
            source = c.output
        }
        compiled = blocks
        forwardSteps = blocks.flatMap(\.forward)
        let top = blocks[blocks.count - 1]
        forwardSteps.append(try Plan.copy(top.output, to: output, name: last.name + ".to_plain"))
        if training {
            let g = try Memory(.plain([batch] + last.outputShape))
            outputGradient = g
            outputGradientIn = try Plan.copy(g, to: top.outputGradient!, name: last.name + ".grad_from_plain")
        } else {
            outputGradient = nil
            outputGradientIn = nil
        }
    }

    /// A step copying `src` into `dst` (a reorder when their layouts differ).
    static func copy(_ src: Memory, to dst: Memory, name: String) throws -> Step {
        if src.desc == dst.desc {
            return { _ in dst.pointer.update(from: src.pointer, count: dst.capacity) }
        }
        let r = try Primitive(reorderFrom: src.desc, to: dst.desc, name: name)
        r.bind([(DNNL_ARG_FROM, src), (DNNL_ARG_TO, dst)])
        return { _ in try r.execute() }
    }

    /// Runs the forward pass on `input`; in training, dropout draws from `rng`.
    func forward(rng: inout SplitMix64) throws {
        if let d = inputDropout { d.apply(to: input.pointer, rng: &rng) }
        for step in forwardSteps { try step(&rng) }
    }

    /// Runs backward from `outputGradient` down to the lowest trainable block, filling the
    /// plain gradient buffers of the trainable layers only. Frozen layers below the lowest
    /// trainable one cost nothing.
    func backward() throws {
        guard training, let toTop = outputGradientIn else { return }
        guard let lowest = inputGradient != nil ? range.lowerBound : range.first(where: { !layers[$0].isFrozen })
        else { return }
        var rng = SplitMix64(seed: 0)  // backward draws nothing
        try toTop(&rng)
        for c in compiled.reversed() {
            let b = c.index
            guard b >= lowest else { break }
            for s in c.backwardPrelude { try s(&rng) }
            if !layers[b].isFrozen { for s in c.backwardWeights { try s(&rng) } }
            if b > lowest || inputGradient != nil { for s in c.backwardData { try s(&rng) } }
        }
    }
}
