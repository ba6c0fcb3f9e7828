/// A weight layer with the element-wise and pooling layers that follow it: the unit the
/// engine compiles (conv/dense → fused ReLU → max-pool → dropout).
struct Block: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case convolution(kernel: Int, stride: Int, padding: Int)
        case dense
    }

    let name: String
    let kind: Kind
    /// Input shape per sample: [C, H, W] (dense layers may take [C, H, W] or [F]).
    let inputShape: [Int]
    /// Output shape of the weight layer per sample: [O, OH, OW] or [O].
    let layerShape: [Int]
    let relu: Bool
    let pool: (kernel: Int, stride: Int)?
    /// Output shape after pooling (what the next block receives).
    let outputShape: [Int]
    /// Dropout applied to this block's output during training (0 = none).
    let dropout: Double

    var outChannels: Int { layerShape[0] }
    var inFeatures: Int { inputShape.reduce(1, *) }
    /// PyTorch-layout weight shape: [O, C, KH, KW] or [O, F].
    var weightShape: [Int] {
        switch kind {
        case .convolution(let k, _, _): return [layerShape[0], inputShape[0], k, k]
        case .dense: return [layerShape[0], inFeatures]
        }
    }

    static func == (a: Block, b: Block) -> Bool {
        a.name == b.name && a.kind == b.kind && a.inputShape == b.inputShape && a.layerShape == b.layerShape
            && a.relu == b.relu && a.pool?.kernel == b.pool?.kernel && a.pool?.stride == b.pool?.stride
            && a.dropout == b.dropout
    }

    /// Groups a description's layers into blocks and infers every shape.
    static func blocks(of description: NetworkDescription) throws -> [Block] {
        var shape = description.inputShape
        guard shape.count == 3, shape.allSatisfy({ $0 > 0 }) else {
            throw NetworkError.invalidDescription("input shape must be [C, H, W] with positive sizes, got \(shape)")
        }
        var blocks: [Block] = []
        var i = 0
        var names = Set<String>()
        let layers = description.layers
        while i < layers.count {
            let (name, kind, layerShape) = try weightLayer(layers[i], at: i, input: shape)
            guard names.insert(name).inserted else {
                throw NetworkError.invalidDescription("two weight layers are named \(name)")
            }
            i += 1
            let tail = try followers(of: name, shape: layerShape, in: layers, from: &i)
            blocks.append(Block(name: name, kind: kind, inputShape: shape, layerShape: layerShape, relu: tail.relu,
                                pool: tail.pool, outputShape: tail.output, dropout: tail.dropout))
            shape = tail.output
        }
        guard !blocks.isEmpty else { throw NetworkError.invalidDescription("no weight layers") }
        return blocks
    }

    /// A block's weight layer (conv or dense) on an input of `shape`: its name, kind and output shape.
    private static func weightLayer(_ layer: LayerSpec, at i: Int, input shape: [Int]) throws -> (String, Kind, [Int]) {
        switch layer {
        case let .convolution(n, out, k, s, p):
            guard shape.count == 3 else {
                throw NetworkError.invalidDescription("\(n): a convolution needs a [C, H, W] input, got \(shape)")
            }
            guard out > 0, k > 0, s > 0, p >= 0 else {
                throw NetworkError.invalidDescription("\(n): channels, kernel and stride must be positive")
            }
            guard shape[1] + 2 * p >= k, shape[2] + 2 * p >= k else {
                throw NetworkError.tooSmall(layer: n, input: shape, kernel: k, padding: p)
            }
            return (n, .convolution(kernel: k, stride: s, padding: p),
                    [out, (shape[1] + 2 * p - k) / s + 1, (shape[2] + 2 * p - k) / s + 1])
        case let .dense(n, out):
            guard out > 0 else { throw NetworkError.invalidDescription("\(n): outFeatures must be positive") }
            return (n, .dense, [out])
        default:
            throw NetworkError.invalidDescription("layer \(i) (\(layer)) must follow a convolution or dense layer")
        }
    }

    /// The ReLU, max-pool and dropout that follow a weight layer (in that order, each at most
    /// once), read from `i` up to the next weight layer; `i` ends there.
    private static func followers(of name: String, shape: [Int], in layers: [LayerSpec], from i: inout Int) throws
        -> (relu: Bool, pool: (kernel: Int, stride: Int)?, dropout: Double, output: [Int]) {
        var relu = false, pool: (kernel: Int, stride: Int)? = nil, dropout = 0.0
        var out = shape
        scan: while i < layers.count {
            switch layers[i] {
            case .relu where !relu && pool == nil && dropout == 0: relu = true
            case let .maxPool(k, s) where pool == nil && dropout == 0:
                guard out.count == 3 else {
                    throw NetworkError.invalidDescription("max-pool after \(name) needs a [C, H, W] input")
                }
                guard k > 0, s > 0 else { throw NetworkError.invalidDescription("max-pool after \(name): kernel and stride must be positive") }
                guard out[1] >= k, out[2] >= k else {
                    throw NetworkError.tooSmall(layer: "max-pool after \(name)", input: out, kernel: k, padding: 0)
                }
                pool = (k, s)
                out = [out[0], (out[1] - k) / s + 1, (out[2] - k) / s + 1]
            case let .dropout(rate) where dropout == 0:
                guard rate >= 0, rate < 1 else {
                    throw NetworkError.invalidDescription("dropout after \(name): rate must be in [0, 1), got \(rate)")
                }
                dropout = rate
            case .convolution, .dense: break scan
            default:
                throw NetworkError.invalidDescription("after \(name): \(layers[i]) is out of the supported order conv/dense → relu → max-pool → dropout")
            }
            i += 1
        }
        return (relu, pool, dropout, out)
    }
}
