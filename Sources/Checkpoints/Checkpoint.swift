/// A training checkpoint as plain values, independent of the neural-network engine.
///
/// On disk (HDF5):
/// ```
/// / attrs: format, format_version, config, config_sha256, run_id, treatment, n, seed, epoch, step,
///          code_version, created, dataset, class_ids, class_names (JSON), input_scale, architecture
/// /preprocessing/input_mean      float32, its shape
/// /weights attrs: layer_order (JSON array of layer names)
/// /weights/<layer>/weight, bias  float32 (PyTorch layouts)
/// /optimizer attrs: layer_order; /optimizer/<layer>/weight_velocity, bias_velocity
/// /trainer attrs: step, epoch, lr, rng_state (uint64[]), <counter> (int64[]) ...
/// /trainer/history/<name>        float64 1-D
/// ```
/// Non-empty datasets are chunked and fletcher32-checksummed, not compressed (files written
/// before this stop are gzip level 4; both read the same).
public struct Checkpoint: Sendable, Equatable {
    public typealias Layer = (name: String, weight: Tensor, bias: Tensor)

    /// Value of the root `format` attribute.
    public static let formatName = "transferability-checkpoint"
    /// The format version this code writes and reads.
    public static let formatVersion = 1

    public var metadata: CheckpointMetadata
    /// Parameters per layer, in network order.
    public var layers: [Layer]
    /// SGD momentum buffers per layer (names among `layers`, same shapes); may be empty.
    public var velocities: [Layer]
    public var trainer: TrainerState

    public init(metadata: CheckpointMetadata, layers: [Layer], velocities: [Layer] = [], trainer: TrainerState) {
        self.metadata = metadata
        self.layers = layers
        self.velocities = velocities
        self.trainer = trainer
    }

    /// Total number of weight and bias elements.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.weight.values.count + $1.bias.values.count } }

    public static func == (lhs: Checkpoint, rhs: Checkpoint) -> Bool {
        lhs.metadata == rhs.metadata && lhs.trainer == rhs.trainer
            && sameLayers(lhs.layers, rhs.layers) && sameLayers(lhs.velocities, rhs.velocities)
    }

    private static func sameLayers(_ a: [Layer], _ b: [Layer]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.weight == $1.weight && $0.bias == $1.bias }
    }
}
