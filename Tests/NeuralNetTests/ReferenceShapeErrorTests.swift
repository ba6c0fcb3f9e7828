import NeuralNetReference
import Testing
import TestSupport

/// One invalid use of the reference API and words its error message must contain.
struct ShapeErrorCase: Sendable, CustomStringConvertible {
    var description: String
    var expectedWords: [String]
    var body: @Sendable () throws -> Void
}

@Suite("Reference shape errors")
struct ReferenceShapeErrorTests {
    static func conv(_ c: Int = 3, kernel: Int = 3, padding: Int = 0) throws -> RefConv2D<Double> {
        try RefConv2D(weight: RefTensor(shape: [4, c, kernel, kernel], repeating: 0.1),
                      bias: RefTensor(shape: [4], repeating: 0), stride: 1, padding: padding, name: "conv1")
    }

    static let cases: [ShapeErrorCase] = [
        ShapeErrorCase(description: "conv: wrong input channels", expectedWords: ["conv1", "[1, 2, 5, 5]", "3 input channels", "[4, 3, 3, 3]"]) {
            _ = try conv().forward(RefTensor(shape: [1, 2, 5, 5], repeating: 1))
        },
        ShapeErrorCase(description: "conv: image smaller than the kernel", expectedWords: ["conv1", "[1, 3, 2, 2]", "smaller than the kernel 3×3"]) {
            _ = try conv().forward(RefTensor(shape: [1, 3, 2, 2], repeating: 1))
        },
        ShapeErrorCase(description: "conv: wrong rank", expectedWords: ["conv1", "[3, 5, 5]", "rank 4"]) {
            _ = try conv().forward(RefTensor(shape: [3, 5, 5], repeating: 1))
        },
        ShapeErrorCase(description: "conv: gradOutput of the wrong shape", expectedWords: ["conv1", "gradOutput", "[1, 4, 3, 3]"]) {
            _ = try conv().backward(input: RefTensor(shape: [1, 3, 5, 5], repeating: 1),
                                    gradOutput: RefTensor(shape: [1, 4, 5, 5], repeating: 1))
        },
        ShapeErrorCase(description: "conv: bias does not match the weight", expectedWords: ["RefConv2D", "bias shape [3]", "[2, 1, 3, 3]"]) {
            _ = try RefConv2D(weight: RefTensor<Double>(shape: [2, 1, 3, 3], repeating: 0), bias: RefTensor(shape: [3], repeating: 0))
        },
        ShapeErrorCase(description: "conv: stride 0", expectedWords: ["RefConv2D", "stride"]) {
            _ = try RefConv2D(weight: RefTensor<Double>(shape: [2, 1, 3, 3], repeating: 0), bias: RefTensor(shape: [2], repeating: 0), stride: 0)
        },
        ShapeErrorCase(description: "pool: image smaller than the kernel", expectedWords: ["pool1", "[1, 1, 2, 5]", "smaller than the kernel 3×3"]) {
            _ = try RefMaxPool2D(kernel: 3, stride: 2, name: "pool1").forward(RefTensor<Double>(shape: [1, 1, 2, 5], repeating: 0))
        },
        ShapeErrorCase(description: "pool: wrong rank", expectedWords: ["RefMaxPool2D", "[4, 4]", "rank 4"]) {
            _ = try RefMaxPool2D(kernel: 2, stride: 2).forward(RefTensor<Double>(shape: [4, 4], repeating: 0))
        },
        ShapeErrorCase(description: "dense: wrong feature count", expectedWords: ["fc6", "[2, 3, 2, 2]", "expected 10 features", "got 12"]) {
            let dense = try RefDense(weight: RefTensor<Double>(shape: [4, 10], repeating: 0), bias: RefTensor(shape: [4], repeating: 0), name: "fc6")
            _ = try dense.forward(RefTensor(shape: [2, 3, 2, 2], repeating: 0))
        },
        ShapeErrorCase(description: "relu: gradOutput of the wrong shape", expectedWords: ["RefReLU", "gradOutput", "[2, 3]"]) {
            _ = try RefReLU().backward(input: RefTensor<Double>(shape: [2, 3], repeating: 0), gradOutput: RefTensor(shape: [3, 2], repeating: 0))
        },
        ShapeErrorCase(description: "dropout: mask of the wrong size", expectedWords: ["drop6", "3 flags for 4"]) {
            _ = try RefDropout(probability: 0.5, name: "drop6").forward(RefTensor<Double>(shape: [1, 4], repeating: 0),
                                                                        mode: .training(keep: [true, true, false]))
        },
        ShapeErrorCase(description: "dropout: probability 1", expectedWords: ["RefDropout", "probability 1.0"]) {
            _ = try RefDropout(probability: 1)
        },
        ShapeErrorCase(description: "softmax CE: label out of range", expectedWords: ["refSoftmaxCrossEntropy", "label 3", "0..<3"]) {
            _ = try refSoftmaxCrossEntropy(logits: RefTensor<Double>(shape: [2, 3], repeating: 0), labels: [0, 3])
        },
        ShapeErrorCase(description: "softmax CE: label count", expectedWords: ["refSoftmaxCrossEntropy", "1 labels for 2 samples"]) {
            _ = try refSoftmaxCrossEntropy(logits: RefTensor<Double>(shape: [2, 3], repeating: 0), labels: [0])
        },
        ShapeErrorCase(description: "sigmoid BCE: label not 0/1", expectedWords: ["refSigmoidBinaryCrossEntropy", "label 2", "0 or 1"]) {
            _ = try refSigmoidBinaryCrossEntropy(logits: RefTensor<Double>(shape: [2, 1], repeating: 0), labels: [1, 2])
        },
        ShapeErrorCase(description: "sigmoid BCE: logits [N, 2]", expectedWords: ["refSigmoidBinaryCrossEntropy", "[2, 2]"]) {
            _ = try refSigmoidBinaryCrossEntropy(logits: RefTensor<Double>(shape: [2, 2], repeating: 0), labels: [1, 0])
        },
        ShapeErrorCase(description: "SGD: gradient of the wrong shape", expectedWords: ["RefSGD", "gradient", "[3]"]) {
            var weight = try RefTensor<Double>(shape: [3], repeating: 0)
            var velocity = weight
            try RefSGD(learningRate: 0.1).step(weight: &weight, gradient: RefTensor(shape: [2], repeating: 0), velocity: &velocity)
        },
        ShapeErrorCase(description: "tensor: data count does not match the shape", expectedWords: ["RefTensor", "[2, 3]", "5 values"]) {
            _ = try RefTensor<Double>(shape: [2, 3], data: [1, 2, 3, 4, 5])
        },
        ShapeErrorCase(description: "sequential: training without a dropout mask", expectedWords: ["drop1", "no keep mask", "layer 1"]) {
            let net = RefSequential<Double>([.flatten(RefFlatten()), .dropout(try RefDropout(probability: 0.5, name: "drop1"))])
            _ = try net.forward(RefTensor(shape: [1, 2], repeating: 0), phase: .training(keepMasks: [:]))
        },
        ShapeErrorCase(description: "sequential: a layer's shape error names that layer", expectedWords: ["fc7", "expected 3 features"]) {
            let net = RefSequential<Double>([
                .relu(RefReLU()),
                .dense(try RefDense(weight: RefTensor(shape: [2, 3], repeating: 0), bias: RefTensor(shape: [2], repeating: 0), name: "fc7")),
            ])
            _ = try net.forward(RefTensor(shape: [1, 4], repeating: 0), phase: .inference)
        },
    ]

    @Test("invalid inputs throw a ReferenceError naming the layer and the shapes", arguments: cases)
    func throwsNamedError(_ c: ShapeErrorCase) throws {
        let message = try #require(referenceErrorMessage(c.body), "no ReferenceError thrown")
        for word in c.expectedWords {
            #expect(message.contains(word), "\"\(message)\" lacks \"\(word)\"")
        }
    }
}
