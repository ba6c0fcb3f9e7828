/// One layer of a `RefSequential` network.
public enum RefLayer<T: BinaryFloatingPoint>: Equatable {
    case conv(RefConv2D<T>)
    case maxPool(RefMaxPool2D)
    case dense(RefDense<T>)
    case relu(RefReLU)
    case dropout(RefDropout)
    case flatten(RefFlatten)

    /// The layer's name (as used in its error messages).
    public var name: String {
        switch self {
        case .conv(let layer): layer.name
        case .maxPool(let layer): layer.name
        case .dense(let layer): layer.name
        case .relu(let layer): layer.name
        case .dropout(let layer): layer.name
        case .flatten(let layer): layer.name
        }
    }

    /// Weight and bias for conv and dense layers; nil for parameterless layers.
    public var parameters: RefLayerParameters<T>? {
        switch self {
        case .conv(let layer): RefLayerParameters(weight: layer.weight, bias: layer.bias)
        case .dense(let layer): RefLayerParameters(weight: layer.weight, bias: layer.bias)
        case .maxPool, .relu, .dropout, .flatten: nil
        }
    }
}

extension RefLayer: Sendable where T: Sendable {}

/// A weight and a bias: a layer's parameters, their gradients, or their SGD velocities.
public struct RefLayerParameters<T: BinaryFloatingPoint>: Equatable {
    public var weight: RefTensor<T>
    public var bias: RefTensor<T>

    public init(weight: RefTensor<T>, bias: RefTensor<T>) {
        self.weight = weight
        self.bias = bias
    }
}

extension RefLayerParameters: Sendable where T: Sendable {}

/// Training (dropout active, with explicit masks) or inference (dropout is the identity).
public enum RefPhase: Equatable, Sendable {
    case inference
    /// `keepMasks[i]` is the keep mask of the dropout layer at index i of the network.
    case training(keepMasks: [Int: [Bool]])
}

/// Gradients of a scalar loss with respect to a `RefSequential`'s input and parameters.
public struct RefSequentialGradients<T: BinaryFloatingPoint>: Equatable {
    /// ∂L/∂input, in the input's shape.
    public var gradInput: RefTensor<T>
    /// Per layer (same indices as `layers`): weight and bias gradients, nil for parameterless layers.
    public var parameters: [RefLayerParameters<T>?]

    /// All parameter gradients in `RefSequential.flattenedParameters()` order.
    public var flattened: [T] { flattenParameters(parameters) }
}

extension RefSequentialGradients: Sendable where T: Sendable {}

/// A chain of reference layers composing forward and backward for a whole small network.
///
/// `activations` keeps every intermediate tensor so that `backward` can run each layer's
/// backward on its own input. Parameter order everywhere (flattening, gradients, velocities):
/// layer by layer, weight values then bias values.
public struct RefSequential<T: BinaryFloatingPoint>: Equatable {
    public var layers: [RefLayer<T>]

    public init(_ layers: [RefLayer<T>]) { self.layers = layers }

    /// The input followed by every layer's output: `count == layers.count + 1`.
    public func activations(_ input: RefTensor<T>, phase: RefPhase) throws -> [RefTensor<T>] {
        var outputs = [input]
        for (index, layer) in layers.enumerated() {
            let x = outputs[index]
            let y: RefTensor<T>
            switch layer {
            case .conv(let conv): y = try conv.forward(x)
            case .maxPool(let pool): y = try pool.forward(x)
            case .dense(let dense): y = try dense.forward(x)
            case .relu(let relu): y = relu.forward(x)
            case .dropout(let dropout): y = try dropout.forward(x, mode: try dropoutMode(at: index, dropout, phase))
            case .flatten(let flatten): y = try flatten.forward(x)
            }
            outputs.append(y)
        }
        return outputs
    }

    /// The network's output for `input`.
    public func forward(_ input: RefTensor<T>, phase: RefPhase) throws -> RefTensor<T> {
        try activations(input, phase: phase)[layers.count]
    }

    /// Back-propagates `gradOutput` (∂L/∂output) through all layers, given the `activations`
    /// of the same input and phase.
    public func backward(activations: [RefTensor<T>], gradOutput: RefTensor<T>, phase: RefPhase) throws
        -> RefSequentialGradients<T> {
        guard activations.count == layers.count + 1 else {
            throw ReferenceError.invalidConfiguration(
                layer: "RefSequential",
                reason: "got \(activations.count) activations for \(layers.count) layers (need layers + 1)")
        }
        var grad = gradOutput
        var parameterGradients = [RefLayerParameters<T>?](repeating: nil, count: layers.count)
        for (index, layer) in layers.enumerated().reversed() {
            let x = activations[index]
            switch layer {
            case .conv(let conv):
                let g = try conv.backward(input: x, gradOutput: grad)
                grad = g.gradInput
                parameterGradients[index] = RefLayerParameters(weight: g.gradWeight, bias: g.gradBias)
            case .dense(let dense):
                let g = try dense.backward(input: x, gradOutput: grad)
                grad = g.gradInput
                parameterGradients[index] = RefLayerParameters(weight: g.gradWeight, bias: g.gradBias)
            case .maxPool(let pool): grad = try pool.backward(input: x, gradOutput: grad)
            case .relu(let relu): grad = try relu.backward(input: x, gradOutput: grad)
            case .dropout(let dropout): grad = try dropout.backward(gradOutput: grad, mode: try dropoutMode(at: index, dropout, phase))
            case .flatten(let flatten): grad = try flatten.backward(input: x, gradOutput: grad)
            }
        }
        return RefSequentialGradients(gradInput: grad, parameters: parameterGradients)
    }

    /// Mean softmax cross-entropy of the network's logits [N, K] against `labels`, and the
    /// gradients of that loss: one full forward/backward pass.
    public func softmaxCrossEntropyGradients(input: RefTensor<T>, labels: [Int], phase: RefPhase) throws
        -> (loss: T, gradients: RefSequentialGradients<T>) {
        let outputs = try activations(input, phase: phase)
        let (loss, gradLogits) = try refSoftmaxCrossEntropy(logits: outputs[layers.count], labels: labels)
        return (loss, try backward(activations: outputs, gradOutput: gradLogits, phase: phase))
    }

    /// Per layer: weight and bias (nil for parameterless layers).
    public var parameters: [RefLayerParameters<T>?] { layers.map(\.parameters) }

    /// Every parameter value, layer by layer, weight then bias.
    public func flattenedParameters() -> [T] { flattenParameters(parameters) }

    /// Replaces every parameter from a flat array in `flattenedParameters()` order;
    /// throws when the count differs.
    public mutating func setFlattenedParameters(_ values: [T]) throws {
        let expected = flattenedParameters().count
        guard values.count == expected else {
            throw ReferenceError.invalidConfiguration(
                layer: "RefSequential", reason: "got \(values.count) parameter values, the network has \(expected)")
        }
        var position = 0
        func take(_ tensor: inout RefTensor<T>) {
            tensor.data = Array(values[position..<(position + tensor.count)])
            position += tensor.count
        }
        for index in layers.indices {
            switch layers[index] {
            case .conv(var conv):
                take(&conv.weight); take(&conv.bias)
                layers[index] = .conv(conv)
            case .dense(var dense):
                take(&dense.weight); take(&dense.bias)
                layers[index] = .dense(dense)
            case .maxPool, .relu, .dropout, .flatten:
                break
            }
        }
    }

    /// Zero SGD velocities shaped like the parameters (nil for parameterless layers).
    public func zeroVelocities() -> [RefLayerParameters<T>?] {
        parameters.map { p in
            p.map { RefLayerParameters(weight: RefTensor(zeros: $0.weight.shape), bias: RefTensor(zeros: $0.bias.shape)) }
        }
    }

    /// Applies one `RefSGD` step to every parameter. `lrMultipliers[i]` scales layer i's rate
    /// (missing means 1; 0 freezes the layer); `biasDecayMultiplier` scales weight decay on biases.
    public mutating func applySGD(_ sgd: RefSGD<T>, gradients: RefSequentialGradients<T>,
                                  velocities: inout [RefLayerParameters<T>?],
                                  lrMultipliers: [Int: T] = [:], biasDecayMultiplier: T = 1) throws {
        guard gradients.parameters.count == layers.count, velocities.count == layers.count else {
            throw ReferenceError.invalidConfiguration(
                layer: "RefSequential",
                reason: "got \(gradients.parameters.count) gradients and \(velocities.count) velocities for \(layers.count) layers")
        }
        for index in layers.indices {
            guard var params = layers[index].parameters else { continue }
            guard let grad = gradients.parameters[index], var velocity = velocities[index] else {
                throw ReferenceError.invalidConfiguration(
                    layer: layers[index].name, reason: "missing gradient or velocity for layer \(index)")
            }
            let mult = lrMultipliers[index] ?? 1
            try sgd.step(weight: &params.weight, gradient: grad.weight, velocity: &velocity.weight, lrMultiplier: mult)
            try sgd.step(weight: &params.bias, gradient: grad.bias, velocity: &velocity.bias,
                         lrMultiplier: mult, decayMultiplier: biasDecayMultiplier)
            velocities[index] = velocity
            switch layers[index] {
            case .conv(var conv):
                conv.weight = params.weight; conv.bias = params.bias
                layers[index] = .conv(conv)
            case .dense(var dense):
                dense.weight = params.weight; dense.bias = params.bias
                layers[index] = .dense(dense)
            case .maxPool, .relu, .dropout, .flatten:
                break
            }
        }
    }

    private func dropoutMode(at index: Int, _ dropout: RefDropout, _ phase: RefPhase) throws -> RefDropoutMode {
        switch phase {
        case .inference:
            return .inference
        case .training(let keepMasks):
            guard let keep = keepMasks[index] else {
                throw ReferenceError.invalidConfiguration(
                    layer: dropout.name, reason: "training phase has no keep mask for dropout layer \(index)")
            }
            return .training(keep: keep)
        }
    }
}

extension RefSequential: Sendable where T: Sendable {}

func flattenParameters<T>(_ parameters: [RefLayerParameters<T>?]) -> [T] {
    parameters.compactMap { $0 }.flatMap { $0.weight.data + $0.bias.data }
}
