// Conversions of layers and networks between floating-point types, e.g. to run a network
// built in Double as Float (or to compute a Float oracle in Double and compare the result).

extension RefConv2D {
    /// The same layer with weights converted to `U`.
    public func converted<U: BinaryFloatingPoint>(to type: U.Type = U.self) throws -> RefConv2D<U> {
        try RefConv2D<U>(weight: weight.converted(), bias: bias.converted(),
                         stride: (strideH, strideW), padding: (padH, padW), name: name)
    }
}

extension RefDense {
    /// The same layer with weights converted to `U`.
    public func converted<U: BinaryFloatingPoint>(to type: U.Type = U.self) throws -> RefDense<U> {
        try RefDense<U>(weight: weight.converted(), bias: bias.converted(), name: name)
    }
}

extension RefLayer {
    /// The same layer with parameters converted to `U`.
    public func converted<U: BinaryFloatingPoint>(to type: U.Type = U.self) throws -> RefLayer<U> {
        switch self {
        case .conv(let layer): .conv(try layer.converted())
        case .dense(let layer): .dense(try layer.converted())
        case .maxPool(let layer): .maxPool(layer)
        case .relu(let layer): .relu(layer)
        case .dropout(let layer): .dropout(layer)
        case .flatten(let layer): .flatten(layer)
        }
    }
}

extension RefSequential {
    /// The same network with parameters converted to `U`.
    public func converted<U: BinaryFloatingPoint>(to type: U.Type = U.self) throws -> RefSequential<U> {
        RefSequential<U>(try layers.map { try $0.converted(to: U.self) })
    }
}
