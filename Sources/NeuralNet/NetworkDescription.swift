/// One layer of a network description, in order. Weight layers carry the name that
/// checkpoints, transfer and freezing use (`conv1`…`conv5`, `fc6`…`fc8`).
public enum LayerSpec: Codable, Sendable, Equatable {
    /// 2-D convolution, square kernel, zero padding; weight [out, in, k, k] (OIHW).
    case convolution(name: String, outChannels: Int, kernel: Int, stride: Int, padding: Int)
    /// Fully connected layer; weight [out, in] where `in` is the flattened C·H·W input.
    case dense(name: String, outFeatures: Int)
    /// Max pooling, square window, no padding (floor mode, as PyTorch's default).
    case maxPool(kernel: Int, stride: Int)
    /// Rectified linear unit (fused into the preceding weight layer).
    case relu
    /// Inverted dropout: keeps an activation with probability 1 − rate and scales it by 1/(1 − rate).
    case dropout(rate: Double)
}

/// A network: input shape [C, H, W] and its layers in order.
public struct NetworkDescription: Codable, Sendable, Equatable {
    public var inputShape: [Int]
    public var layers: [LayerSpec]

    public init(inputShape: [Int], layers: [LayerSpec]) {
        self.inputShape = inputShape
        self.layers = layers
    }

    /// Widths of the "fmnist8" network: AlexNet's 5 conv + 3 fc layers scaled to 28×28 inputs.
    public struct Widths: Codable, Sendable, Equatable {
        public var conv: [Int]
        public var fc: [Int]
        public init(conv: [Int] = [32, 32, 64, 64, 128], fc: [Int] = [512, 512]) {
            self.conv = conv
            self.fc = fc
        }
    }

    /// "fmnist8" (Yosinski et al. 2014's AlexNet, scaled): conv1–conv5 3×3 pad 1 with ReLU,
    /// max-pool 2/2 after conv2 and conv4, 3/2 after conv5; fc6, fc7 with ReLU and dropout;
    /// fc8 with `classes` outputs (1 for a sigmoid binary head).
    /// Deviations from AlexNet: 3×3 kernels, no LRN, no grouping, pooling placed for 28×28.
    public static func fmnist8(inputShape: [Int] = [1, 28, 28], classes: Int, widths: Widths = Widths(),
                               dropout: Double = 0.5) -> NetworkDescription {
        let c = widths.conv, f = widths.fc
        func conv(_ i: Int) -> LayerSpec {
            .convolution(name: "conv\(i + 1)", outChannels: c[i], kernel: 3, stride: 1, padding: 1)
        }
        var layers: [LayerSpec] = [conv(0), .relu, conv(1), .relu, .maxPool(kernel: 2, stride: 2),
                                   conv(2), .relu, conv(3), .relu, .maxPool(kernel: 2, stride: 2),
                                   conv(4), .relu, .maxPool(kernel: 3, stride: 2),
                                   .dense(name: "fc6", outFeatures: f[0]), .relu]
        if dropout > 0 { layers.append(.dropout(rate: dropout)) }
        layers += [.dense(name: "fc7", outFeatures: f[1]), .relu]
        if dropout > 0 { layers.append(.dropout(rate: dropout)) }
        layers.append(.dense(name: "fc8", outFeatures: classes))
        return NetworkDescription(inputShape: inputShape, layers: layers)
    }
}

/// A shape or structure problem in a network description or its input.
public enum NetworkError: Error, CustomStringConvertible, Equatable {
    case invalidDescription(String)
    case shapeMismatch(layer: String, expected: [Int], got: [Int])
    case tooSmall(layer: String, input: [Int], kernel: Int, padding: Int)
    case wrongInputSize(layer: String, expectedShape: [Int], values: Int)
    case unknownLayer(String)
    case nonFiniteLoss(step: Int, loss: Float)

    public var description: String {
        switch self {
        case .invalidDescription(let why): return "invalid network description: \(why)"
        case let .shapeMismatch(layer, expected, got):
            return "layer \(layer): expected input shape \(expected), got \(got)"
        case let .tooSmall(layer, input, kernel, padding):
            return "layer \(layer): input \(input) is too small for a \(kernel)×\(kernel) window with padding \(padding)"
        case let .wrongInputSize(layer, shape, values):
            return "layer \(layer): expected an input of shape \(shape) (\(shape.reduce(1, *)) values), got \(values) values"
        case .unknownLayer(let name): return "no weight layer named \(name)"
        case let .nonFiniteLoss(step, loss): return "training diverged: loss is \(loss) at step \(step)"
        }
    }
}
