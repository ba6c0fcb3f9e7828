import NeuralNetReference
import Testing
import TestSupport

@Suite("RefTensor")
struct ReferenceTensorTests {
    @Test("row-major layout: subscripts, offsets and strides")
    func rowMajor() throws {
        var t = try RefTensor<Double>(shape: [2, 3, 4], data: (0..<24).map(Double.init))
        #expect(t.count == 24)
        #expect(t.rank == 3)
        #expect(t.strides == [12, 4, 1])
        #expect(t[1, 2, 3] == 23)
        #expect(t[1, 0, 2] == 14)
        #expect(t.offset([0, 2, 1]) == 9)
        t[0, 1, 0] = -1
        #expect(t.data[4] == -1)
    }

    @Test("repeating, reshaping and the rank-0 tensor")
    func construction() throws {
        let filled = try RefTensor<Float>(shape: [2, 2], repeating: 3)
        #expect(filled.data == [3, 3, 3, 3])
        #expect(try filled.reshaped([4]).shape == [4])
        #expect(throws: ReferenceError.self) { try filled.reshaped([3]) }
        #expect(throws: ReferenceError.self) { try RefTensor<Float>(shape: [-1, 2], repeating: 0) }
        let scalar = try RefTensor<Double>(shape: [], data: [7])
        #expect(scalar.count == 1)
    }

    @Test("conversion between Double and Float")
    func conversion() throws {
        let double = try RefTensor<Double>(shape: [3], data: [0.1, -2.5, 1e-3])
        let float: RefTensor<Float> = double.converted()
        #expect(float.shape == [3])
        #expect(float.data == [Float(0.1), -2.5, Float(1e-3)])
        #expect(float.converted(to: Double.self).data[1] == -2.5)
    }
}
