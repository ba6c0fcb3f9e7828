/// The layer names and parameter shapes a reader expects, in order.
public struct ExpectedArchitecture: Sendable, Equatable {
    public typealias Layer = (name: String, weightShape: [Int], biasShape: [Int])
    public var layers: [Layer]

    public init(_ layers: [Layer]) {
        self.layers = layers
    }

    /// The architecture of an existing checkpoint value.
    public init(layersOf checkpoint: Checkpoint) {
        self.layers = checkpoint.layers.map { ($0.name, $0.weight.shape, $0.bias.shape) }
    }

    public static func == (lhs: ExpectedArchitecture, rhs: ExpectedArchitecture) -> Bool {
        lhs.layers.count == rhs.layers.count && zip(lhs.layers, rhs.layers).allSatisfy {
            $0.name == $1.name && $0.weightShape == $1.weightShape && $0.biasShape == $1.biasShape
        }
    }

    /// Nil when `found` matches, otherwise every difference, e.g.
    /// "layer conv2: weight shape [64, 32, 5, 5] in file, expected [64, 16, 5, 5]".
    public func mismatch(with found: [Layer]) -> String? {
        let expectedNames = layers.map(\.name), foundNames = found.map(\.name)
        guard expectedNames == foundNames else {
            return "layers \(foundNames) in file, expected \(expectedNames)"
        }
        var problems: [String] = []
        for (want, have) in zip(layers, found) {
            if want.weightShape != have.weightShape {
                problems.append("layer \(want.name): weight shape \(have.weightShape) in file, expected \(want.weightShape)")
            }
            if want.biasShape != have.biasShape {
                problems.append("layer \(want.name): bias shape \(have.biasShape) in file, expected \(want.biasShape)")
            }
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
}
