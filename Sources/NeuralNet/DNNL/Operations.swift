import CDNNL

/// Creates the primitives the engine uses. Every oneDNN 2.6 operation-descriptor call lives
/// here (3.x replaced op descriptors by direct `*_primitive_desc_create` calls: an upgrade
/// stays in this file).
enum Operations {
    private static func prop(_ training: Bool) -> dnnl_prop_kind_t {
        training ? dnnl_forward_training : dnnl_forward_inference
    }

    /// "conv2 (src 128×32×28×28, weights 64×32×3×3, dst 128×64×28×28)": what an error names.
    static func describe(_ name: String, _ tensors: [(String, MemoryDesc)]) -> String {
        name + " (" + tensors.map { "\($0.0) " + $0.1.dims.map(String.init).joined(separator: "×") }
            .joined(separator: ", ") + ")"
    }

    static func convolutionForward(_ name: String, src: MemoryDesc, weights: MemoryDesc, bias: MemoryDesc,
                                   dst: MemoryDesc, stride: Int, padding: Int, training: Bool,
                                   fusedReLU: Bool) throws -> Primitive {
        var d = dnnl_convolution_desc_t()
        let what = describe(name, [("src", src), ("weights", weights), ("dst", dst)])
        var (s, w, b, o) = (src.raw, weights.raw, bias.raw, dst.raw)
        let st = dnnlDims([stride, stride]), pad = dnnlDims([padding, padding])
        try check(dnnl_convolution_forward_desc_init(&d, prop(training), dnnl_convolution_direct,
                                                     &s, &w, &b, &o, st, pad, pad),
                  "convolution_forward_desc_init(\(what))")
        return try Primitive(name + ".fwd", op: d, attr: PrimitiveAttributes(fusedReLU: fusedReLU), context: what)
    }

    static func convolutionBackwardData(_ name: String, diffSrc: MemoryDesc, weights: MemoryDesc,
                                        diffDst: MemoryDesc, stride: Int, padding: Int,
                                        hint: Primitive) throws -> Primitive {
        var d = dnnl_convolution_desc_t()
        let what = describe(name, [("diff_src", diffSrc), ("weights", weights), ("diff_dst", diffDst)])
        var (s, w, o) = (diffSrc.raw, weights.raw, diffDst.raw)
        let st = dnnlDims([stride, stride]), pad = dnnlDims([padding, padding])
        try check(dnnl_convolution_backward_data_desc_init(&d, dnnl_convolution_direct, &s, &w, &o,
                                                           st, pad, pad),
                  "convolution_backward_data_desc_init(\(what))")
        return try Primitive(name + ".bwd_data", op: d, hint: hint, context: what)
    }

    static func convolutionBackwardWeights(_ name: String, src: MemoryDesc, diffWeights: MemoryDesc,
                                           diffBias: MemoryDesc, diffDst: MemoryDesc, stride: Int,
                                           padding: Int, hint: Primitive) throws -> Primitive {
        var d = dnnl_convolution_desc_t()
        let what = describe(name, [("src", src), ("diff_weights", diffWeights), ("diff_dst", diffDst)])
        var (s, w, b, o) = (src.raw, diffWeights.raw, diffBias.raw, diffDst.raw)
        let st = dnnlDims([stride, stride]), pad = dnnlDims([padding, padding])
        try check(dnnl_convolution_backward_weights_desc_init(&d, dnnl_convolution_direct, &s, &w, &b,
                                                              &o, st, pad, pad),
                  "convolution_backward_weights_desc_init(\(what))")
        return try Primitive(name + ".bwd_weights", op: d, hint: hint, context: what)
    }

    static func innerProductForward(_ name: String, src: MemoryDesc, weights: MemoryDesc, bias: MemoryDesc,
                                    dst: MemoryDesc, training: Bool, fusedReLU: Bool) throws -> Primitive {
        var d = dnnl_inner_product_desc_t()
        let what = describe(name, [("src", src), ("weights", weights), ("dst", dst)])
        var (s, w, b, o) = (src.raw, weights.raw, bias.raw, dst.raw)
        try check(dnnl_inner_product_forward_desc_init(&d, prop(training), &s, &w, &b, &o),
                  "inner_product_forward_desc_init(\(what))")
        return try Primitive(name + ".fwd", op: d, attr: PrimitiveAttributes(fusedReLU: fusedReLU), context: what)
    }

    static func innerProductBackwardData(_ name: String, diffSrc: MemoryDesc, weights: MemoryDesc,
                                         diffDst: MemoryDesc, hint: Primitive) throws -> Primitive {
        var d = dnnl_inner_product_desc_t()
        let what = describe(name, [("diff_src", diffSrc), ("weights", weights), ("diff_dst", diffDst)])
        var (s, w, o) = (diffSrc.raw, weights.raw, diffDst.raw)
        try check(dnnl_inner_product_backward_data_desc_init(&d, &s, &w, &o),
                  "inner_product_backward_data_desc_init(\(what))")
        return try Primitive(name + ".bwd_data", op: d, hint: hint, context: what)
    }

    static func innerProductBackwardWeights(_ name: String, src: MemoryDesc, diffWeights: MemoryDesc,
                                            diffBias: MemoryDesc, diffDst: MemoryDesc,
                                            hint: Primitive) throws -> Primitive {
        var d = dnnl_inner_product_desc_t()
        let what = describe(name, [("src", src), ("diff_weights", diffWeights), ("diff_dst", diffDst)])
        var (s, w, b, o) = (src.raw, diffWeights.raw, diffBias.raw, diffDst.raw)
        try check(dnnl_inner_product_backward_weights_desc_init(&d, &s, &w, &b, &o),
                  "inner_product_backward_weights_desc_init(\(what))")
        return try Primitive(name + ".bwd_weights", op: d, hint: hint, context: what)
    }

    static func maxPoolForward(_ name: String, src: MemoryDesc, dst: MemoryDesc, kernel: Int, stride: Int,
                               training: Bool) throws -> Primitive {
        var d = dnnl_pooling_desc_t()
        let what = describe(name, [("src", src), ("dst", dst)])
        var (s, o) = (src.raw, dst.raw)
        let st = dnnlDims([stride, stride]), kp = dnnlDims([kernel, kernel]), pp = dnnlDims([0, 0])
        try check(dnnl_pooling_forward_desc_init(&d, prop(training), dnnl_pooling_max, &s, &o,
                                                 st, kp, pp, pp),
                  "pooling_forward_desc_init(\(what))")
        return try Primitive(name + ".fwd", op: d, context: what)
    }

    static func maxPoolBackward(_ name: String, diffSrc: MemoryDesc, diffDst: MemoryDesc, kernel: Int,
                                stride: Int, hint: Primitive) throws -> Primitive {
        var d = dnnl_pooling_desc_t()
        let what = describe(name, [("diff_src", diffSrc), ("diff_dst", diffDst)])
        var (s, o) = (diffSrc.raw, diffDst.raw)
        let st = dnnlDims([stride, stride]), kp = dnnlDims([kernel, kernel]), pp = dnnlDims([0, 0])
        try check(dnnl_pooling_backward_desc_init(&d, dnnl_pooling_max, &s, &o, st, kp, pp, pp),
                  "pooling_backward_desc_init(\(what))")
        return try Primitive(name + ".bwd", op: d, hint: hint, context: what)
    }

    /// ReLU backward from the forward output: diff_src = diff_dst · (dst > 0).
    static func reluBackward(_ name: String, data: MemoryDesc) throws -> Primitive {
        var f = dnnl_eltwise_desc_t()
        var md = data.raw
        try check(dnnl_eltwise_forward_desc_init(&f, dnnl_forward_training, dnnl_eltwise_relu_use_dst_for_bwd,
                                                 &md, 0, 0), "eltwise_forward_desc_init(\(name))")
        let hint = try Primitive(name + ".relu_hint", op: f)
        var d = dnnl_eltwise_desc_t()
        var diff = data.raw
        try check(dnnl_eltwise_backward_desc_init(&d, dnnl_eltwise_relu_use_dst_for_bwd, &diff, &md, 0, 0),
                  "eltwise_backward_desc_init(\(name))")
        return try Primitive(name + ".relu_bwd", op: d, hint: hint)
    }
}
