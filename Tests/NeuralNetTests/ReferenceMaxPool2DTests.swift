import NeuralNetReference
import Testing
import TestSupport

/// One pooling geometry for the table-driven tests.
struct PoolCase: Sendable, CustomStringConvertible {
    var input: [Int]
    var kernel: (Int, Int)
    var stride: (Int, Int)
    var ceilMode = false
    var expectedOutput: [Int]

    var description: String { "in \(input) k=\(kernel) s=\(stride)\(ceilMode ? " ceil" : "")" }
}

@Suite("RefMaxPool2D")
struct ReferenceMaxPool2DTests {
    static let cases: [PoolCase] = [
        PoolCase(input: [2, 2, 7, 7], kernel: (3, 3), stride: (2, 2), expectedOutput: [2, 2, 3, 3]),   // AlexNet 3/2
        PoolCase(input: [1, 2, 6, 6], kernel: (3, 3), stride: (2, 2), expectedOutput: [1, 2, 2, 2]),   // 3/2, last column unused
        PoolCase(input: [2, 1, 4, 4], kernel: (2, 2), stride: (2, 2), expectedOutput: [2, 1, 2, 2]),   // 2/2
        PoolCase(input: [1, 2, 5, 5], kernel: (2, 2), stride: (2, 2), expectedOutput: [1, 2, 2, 2]),   // 2/2 on odd size
        PoolCase(input: [1, 1, 3, 3], kernel: (3, 3), stride: (1, 1), expectedOutput: [1, 1, 1, 1]),   // kernel = input
        PoolCase(input: [1, 2, 4, 7], kernel: (2, 3), stride: (1, 2), expectedOutput: [1, 2, 3, 3]),   // rectangular
        PoolCase(input: [1, 2, 6, 6], kernel: (3, 3), stride: (2, 2), ceilMode: true, expectedOutput: [1, 2, 3, 3]),
        PoolCase(input: [1, 1, 5, 5], kernel: (2, 2), stride: (2, 2), ceilMode: true, expectedOutput: [1, 1, 3, 3]),
    ]

    @Test("output shape (floor mode, and PyTorch ceil mode)", arguments: cases)
    func outputShape(_ c: PoolCase) throws {
        let pool = try RefMaxPool2D(kernel: c.kernel, stride: c.stride, ceilMode: c.ceilMode)
        #expect(try pool.outputShape(for: c.input) == c.expectedOutput)
        #expect(try pool.forward(randomTensor(c.input, seed: 1)).shape == c.expectedOutput)
    }

    @Test("backward matches numerical gradients", arguments: cases)
    func gradients(_ c: PoolCase) throws {
        let pool = try RefMaxPool2D(kernel: c.kernel, stride: c.stride, ceilMode: c.ceilMode)
        let x = try randomTensor(c.input, seed: 40)  // continuous random values: no ties
        let y = try pool.forward(x)
        let r = GradientCheck<Double>.projectionWeights(count: y.count, seed: 41)
        let gradInput = try pool.backward(input: x, gradOutput: RefTensor(shape: y.shape, data: r))
        let result = try checkProjected("pool gradInput \(c)", at: x, analytic: gradInput, projection: r) {
            try pool.forward($0)
        }
        #expect(result.passed, "\(result)")
        #expect(result.skippedIndices.isEmpty, "\(result)")
    }

    static let handInput: [Double] = [
        1, 5, 2, 0,
        3, 4, 8, 1,
        9, 0, 6, 7,
        2, 2, 3, 5,
    ]

    @Test("hand-computed forward and backward, 2/2")
    func handComputed2x2() throws {
        let x = try tensor([1, 1, 4, 4], Self.handInput)
        let pool = try RefMaxPool2D(kernel: 2, stride: 2)
        #expect(try pool.forward(x).data == [5, 8, 9, 7])
        let gradInput = try pool.backward(input: x, gradOutput: tensor([1, 1, 2, 2], [1, 2, 3, 4]))
        #expect(gradInput.data == [
            0, 1, 0, 0,
            0, 0, 2, 0,
            3, 0, 0, 4,
            0, 0, 0, 0,
        ])
    }

    @Test("hand-computed forward, 3/2 floor and ceil mode")
    func handComputed3x2() throws {
        let x = try tensor([1, 1, 4, 4], Self.handInput)
        #expect(try RefMaxPool2D(kernel: 3, stride: 2).forward(x).data == [9])
        // Ceil mode keeps the partial windows rows/cols 2…3: [[max(1…9 block), max(2,0,8,1,6,7)], [9, max(6,7,3,5)]].
        #expect(try RefMaxPool2D(kernel: 3, stride: 2, ceilMode: true).forward(x).data == [9, 8, 9, 7])
    }

    @Test("overlapping windows sharing a maximum add their gradients there")
    func overlappingWindowsAccumulate() throws {
        // 3/2 on a 3×5 row: windows cover columns 0…2 and 2…4; both pick the 9 at column 2.
        let x = try tensor([1, 1, 3, 5], [
            0, 1, 2, 1, 0,
            1, 2, 9, 2, 1,
            0, 1, 2, 1, 0,
        ])
        let pool = try RefMaxPool2D(kernel: 3, stride: 2)
        #expect(try pool.forward(x).data == [9, 9])
        let gradInput = try pool.backward(input: x, gradOutput: tensor([1, 1, 1, 2], [0.25, 0.5]))
        #expect(gradInput[0, 0, 1, 2] == 0.75)
        #expect(gradInput.data.reduce(0, +) == 0.75)
    }

    @Test("ties route the gradient to the first maximum in row-major window order",
          arguments: [
            ([7.0, 7, 7, 7], 0),   // all equal: top-left
            ([1.0, 3, 3, 0], 1),   // top-right beats the later bottom-left
            ([1.0, 0, 3, 3], 2),   // bottom-left beats bottom-right
          ])
    func tiesGoToFirst(_ values: [Double], expectedIndex: Int) throws {
        let x = try tensor([1, 1, 2, 2], values)
        let gradInput = try RefMaxPool2D(kernel: 2, stride: 2).backward(input: x, gradOutput: tensor([1, 1, 1, 1], [1]))
        var expected = [Double](repeating: 0, count: 4)
        expected[expectedIndex] = 1
        #expect(gradInput.data == expected)
    }

    @Test("the gradient checker skips tied maxima as kinks instead of failing")
    func tiesAreKinks() throws {
        let pool = try RefMaxPool2D(kernel: 2, stride: 2)
        let x = try tensor([1, 1, 2, 4], [5, 5, 1, 2, 0, 1, 3, 4])  // left window tied at 5, right window unique
        let gradInput = try pool.backward(input: x, gradOutput: tensor([1, 1, 1, 2], [1, 1]))
        let result = try checkProjected("tied pool", at: x, analytic: gradInput, projection: [1, 1]) { try pool.forward($0) }
        #expect(result.passed, "\(result)")
        #expect(result.skippedIndices == [0, 1])
    }
}
