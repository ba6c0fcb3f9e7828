/// The budget of the source nets (baseA): the nets whose layers are copied get trained to a
/// plateau, as the paper's were, while every net trained on the target task keeps one equal
/// budget. Each field, when set, overrides the target protocol's.
public struct SourceTraining: Encodable, Sendable, Equatable {
    public var iterations: Int?
    public var batchSize: Int?
    public var learningRate: Double?
    public var lrDecayAt: [Double]?
    public var lrGamma: Double?
    public var evalEvery: Int?
    public var checkpointEvery: Int?

    enum CodingKeys: String, CodingKey {
        case iterations, batchSize = "batch_size", learningRate = "learning_rate", lrDecayAt = "lr_decay_at"
        case lrGamma = "lr_gamma", evalEvery = "eval_every", checkpointEvery = "checkpoint_every"
    }

    public init() {}

    /// Overrides the fields that are set.
    func apply(to t: inout TrainingConfig) {
        if let iterations { t.iterations = iterations }
        if let batchSize { t.batchSize = batchSize }
        if let learningRate { t.learningRate = learningRate }
        if let lrDecayAt { t.lrDecayAt = lrDecayAt }
        if let lrGamma { t.lrGamma = lrGamma }
        if let evalEvery { t.evalEvery = evalEvery }
        if let checkpointEvery { t.checkpointEvery = checkpointEvery }
    }
}
