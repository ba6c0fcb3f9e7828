import NeuralNetReference
import Testing
import TestSupport

/// One convolution geometry for the table-driven tests.
struct ConvCase: Sendable, CustomStringConvertible {
    var input: [Int]          // [N, C, H, W]
    var outChannels: Int
    var kernel: (Int, Int)
    var stride: (Int, Int)
    var padding: (Int, Int)
    var expectedOutput: [Int]  // [N, O, OH, OW], from OH = (H + 2ph − KH)/sh + 1

    var description: String {
        "in \(input) O=\(outChannels) k=\(kernel) s=\(stride) p=\(padding)"
    }
}

@Suite("RefConv2D")
struct ReferenceConv2DTests {
    static let cases: [ConvCase] = [
        ConvCase(input: [1, 1, 5, 5], outChannels: 2, kernel: (3, 3), stride: (1, 1), padding: (0, 0), expectedOutput: [1, 2, 3, 3]),
        // stride 2 not dividing (6 + 2 − 3) evenly: the last input row is never the window start
        ConvCase(input: [2, 2, 6, 5], outChannels: 3, kernel: (3, 2), stride: (2, 1), padding: (1, 0), expectedOutput: [2, 3, 3, 4]),
        ConvCase(input: [1, 3, 4, 4], outChannels: 2, kernel: (1, 1), stride: (1, 1), padding: (0, 0), expectedOutput: [1, 2, 4, 4]),
        // kernel = input size: a single output position
        ConvCase(input: [2, 2, 4, 5], outChannels: 2, kernel: (4, 5), stride: (1, 1), padding: (0, 0), expectedOutput: [2, 2, 1, 1]),
        ConvCase(input: [1, 2, 7, 7], outChannels: 2, kernel: (3, 3), stride: (2, 2), padding: (1, 1), expectedOutput: [1, 2, 4, 4]),
        // kernel = padded input size
        ConvCase(input: [1, 1, 3, 3], outChannels: 1, kernel: (5, 5), stride: (1, 1), padding: (1, 1), expectedOutput: [1, 1, 1, 1]),
        // padding 2 with stride 3: windows that see mostly padding; 8 + 4 − 3 and 7 + 4 − 3 not divisible by 3
        ConvCase(input: [1, 2, 8, 7], outChannels: 2, kernel: (3, 3), stride: (3, 3), padding: (2, 2), expectedOutput: [1, 2, 4, 3]),
        // AlexNet conv1 in miniature: 5×5 stride 4 padding 2
        ConvCase(input: [1, 3, 11, 11], outChannels: 2, kernel: (5, 5), stride: (4, 4), padding: (2, 2), expectedOutput: [1, 2, 3, 3]),
        // 1×1 kernel with stride 2 (skips every other input entirely)
        ConvCase(input: [1, 2, 5, 4], outChannels: 2, kernel: (1, 1), stride: (2, 2), padding: (0, 0), expectedOutput: [1, 2, 3, 2]),
    ]

    static func makeLayer(_ c: ConvCase, seed: UInt64) throws -> RefConv2D<Double> {
        try RefConv2D(weight: randomTensor([c.outChannels, c.input[1], c.kernel.0, c.kernel.1], seed: seed),
                      bias: randomTensor([c.outChannels], seed: seed + 1),
                      stride: c.stride, padding: c.padding)
    }

    @Test("output shape follows OH = (H + 2p − K)/s + 1", arguments: cases)
    func outputShape(_ c: ConvCase) throws {
        let conv = try Self.makeLayer(c, seed: 1)
        #expect(try conv.outputShape(for: c.input) == c.expectedOutput)
        #expect(try conv.forward(randomTensor(c.input, seed: 2)).shape == c.expectedOutput)
    }

    @Test("backward matches numerical gradients (input, weight, bias)", arguments: cases)
    func gradients(_ c: ConvCase) throws {
        let conv = try Self.makeLayer(c, seed: 10)
        let x = try randomTensor(c.input, seed: 20)
        let y = try conv.forward(x)
        let r = GradientCheck<Double>.projectionWeights(count: y.count, seed: 30)
        let g = try conv.backward(input: x, gradOutput: RefTensor(shape: y.shape, data: r))

        let input = try checkProjected("conv gradInput \(c)", at: x, analytic: g.gradInput, projection: r) {
            try conv.forward($0)
        }
        let weight = try checkProjected("conv gradWeight \(c)", at: conv.weight, analytic: g.gradWeight, projection: r) {
            var changed = conv
            changed.weight = $0
            return try changed.forward(x)
        }
        let bias = try checkProjected("conv gradBias \(c)", at: conv.bias, analytic: g.gradBias, projection: r) {
            var changed = conv
            changed.bias = $0
            return try changed.forward(x)
        }
        for result in [input, weight, bias] {
            #expect(result.passed, "\(result)")
            #expect(result.skippedIndices.isEmpty, "\(result)")
        }
    }

    @Test("forward equals a stride-1 valid convolution of the explicitly zero-padded input, subsampled", arguments: cases)
    func matchesPaddedSubsampled(_ c: ConvCase) throws {
        let conv = try Self.makeLayer(c, seed: 5)
        let x = try randomTensor(c.input, seed: 6)
        let (n, ch, h, w) = (c.input[0], c.input[1], c.input[2], c.input[3])
        let (ph, pw) = c.padding, (kh, kw) = c.kernel, (sh, sw) = c.stride
        // 1. Pad explicitly.
        var padded = try RefTensor<Double>(shape: [n, ch, h + 2 * ph, w + 2 * pw], repeating: 0)
        for i in 0..<n { for k in 0..<ch { for y in 0..<h { for z in 0..<w { padded[i, k, y + ph, z + pw] = x[i, k, y, z] } } } }
        // 2. Dense (stride 1, no padding) correlation at every position, 3. keep every stride-th.
        let expected = try conv.forward(x)
        for i in 0..<n {
            for o in 0..<c.outChannels {
                for oy in 0..<c.expectedOutput[2] {
                    for ox in 0..<c.expectedOutput[3] {
                        var sum = conv.bias[o]
                        for k in 0..<ch { for dy in 0..<kh { for dx in 0..<kw {
                            sum += conv.weight[o, k, dy, dx] * padded[i, k, oy * sh + dy, ox * sw + dx]
                        } } }
                        #expect(abs(expected[i, o, oy, ox] - sum) < 1e-12)
                    }
                }
            }
        }
    }

    @Test("hand-computed forward: 2 input and 2 output channels, no padding")
    func handComputedValid() throws {
        // Channel 0 holds 1…9; channel 1 is all ones.
        let x = try tensor([1, 2, 3, 3], Array(1...9).map(Double.init) + Array(repeating: 1, count: 9))
        // Output channel 0: [[1, 2], [3, 4]] on channel 0, all ones on channel 1; output channel 1: zeros.
        let w = try tensor([2, 2, 2, 2], [1, 2, 3, 4, 1, 1, 1, 1] + Array(repeating: 0, count: 8))
        let conv = try RefConv2D(weight: w, bias: tensor([2], [0.5, -1]))
        let y = try conv.forward(x)
        #expect(y.shape == [1, 2, 2, 2])
        // e.g. y[0,0,0,0] = 1·1 + 2·2 + 3·4 + 4·5 + 4·1 + 0.5 = 41.5
        #expect(y.data == [41.5, 51.5, 71.5, 81.5, -1, -1, -1, -1])
    }

    @Test("hand-computed forward: stride 2 with zero padding 1")
    func handComputedPadded() throws {
        let x = try tensor([1, 1, 3, 3], Array(1...9).map(Double.init))
        let conv = try RefConv2D(weight: tensor([1, 1, 2, 2], [1, 2, 3, 4]), bias: tensor([1], [0.5]), stride: 2, padding: 1)
        // Windows start at rows/cols −1 and 1; only in-image positions contribute.
        // (0,0): 4·x[0,0]; (0,1): 3·x[0,1] + 4·x[0,2]; (1,0): 2·x[1,0] + 4·x[2,0]; (1,1): full window.
        #expect(try conv.forward(x).data == [4.5, 18.5, 36.5, 77.5])
    }

    @Test("hand-computed backward for a 1×1 convolution")
    func handComputedBackward() throws {
        // y[n,o] = Σ_c w[o,c]·x[n,c] + b[o] at every pixel.
        let x = try tensor([1, 2, 1, 2], [1, 2, 3, 4])           // channel 0: [1, 2], channel 1: [3, 4]
        let conv = try RefConv2D(weight: tensor([1, 2, 1, 1], [10, 100]), bias: tensor([1], [0]))
        #expect(try conv.forward(x).data == [310, 420])
        let g = try conv.backward(input: x, gradOutput: tensor([1, 1, 1, 2], [1, -1]))
        #expect(g.gradInput.data == [10, -10, 100, -100])
        #expect(g.gradWeight.data == [1 - 2, 3 - 4])
        #expect(g.gradBias.data == [0])
    }

    @Test("Float and Double forward agree to 1e-5")
    func floatMatchesDouble() throws {
        let c = Self.cases[7]
        let conv = try Self.makeLayer(c, seed: 3)
        let x = try randomTensor(c.input, seed: 4)
        let double = try conv.forward(x)
        let floatConv = try RefConv2D(weight: conv.weight.converted(to: Float.self), bias: conv.bias.converted(to: Float.self),
                                      stride: c.stride, padding: c.padding)
        let float = try floatConv.forward(x.converted(to: Float.self))
        let worst = zip(double.data, float.data).map { abs($0 - Double($1)) / max(abs($0), 1) }.max() ?? 0
        #expect(worst <= 1e-5)
    }
}
