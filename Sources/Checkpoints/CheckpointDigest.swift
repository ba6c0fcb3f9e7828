import Foundation
import Storage
import HDF5

/// SHA-256 content digests of a checkpoint, so a file that libhdf5 reads "successfully" but
/// wrongly (a corrupted chunk-index key reads a dataset as zeros; fletcher32 covers only the
/// chunk bytes) is caught.
///
/// - every dataset carries `@sha256`: the digest of its values' bytes as written (row-major,
///   little-endian, the platform's layout), checked whenever the dataset is read;
/// - the root carries `@content_sha256`: the digest of `Checkpoint.contentText` (every
///   metadata and trainer value and every dataset's path, shape and digest), checked after a
///   whole read.
///
/// Files written before digests existed have neither attribute and are still read; a file with
/// `@content_sha256` must have every dataset digest.
public enum CheckpointDigest {
    /// Attribute on each dataset.
    public static let datasetAttribute = "sha256"
    /// Attribute on the root group.
    public static let contentAttribute = "content_sha256"

    /// Hex SHA-256 of the values' in-memory bytes.
    public static func of<T>(_ values: [T]) -> String {
        values.withUnsafeBytes { SHA256.hex(raw: $0) }
    }

    /// Checks a dataset's values against its `@sha256`. `required`: the file has digests, so a
    /// missing one is itself corruption.
    static func verify<T>(_ values: [T], of dataset: H5Dataset, required: Bool, path: String) throws {
        guard try dataset.hasAttribute(datasetAttribute) else {
            if required { throw CheckpointError.corrupt(path: path, reason: "\(dataset.name) has no @sha256 digest") }
            return
        }
        let stored = try dataset.stringAttribute(datasetAttribute)
        let actual = of(values)
        guard stored == actual else {
            throw CheckpointError.corrupt(
                path: path, reason: "\(dataset.name) does not match its SHA-256 digest (stored \(stored.prefix(12))…, read \(actual.prefix(12))…)")
        }
    }
}

extension Checkpoint {
    /// Every value of the checkpoint as text, one item a line; datasets by path, shape and digest.
    /// Doubles are written by bit pattern, so the text is exact.
    var contentText: String {
        let m = metadata
        func bits(_ x: Double) -> String { String(x.bitPattern, radix: 16) }
        var lines = [
            "format=\(Checkpoint.formatName) v\(Checkpoint.formatVersion)",
            "config_sha256=\(m.configSHA256)", "config=\(m.config)", "run_id=\(m.runID)", "treatment=\(m.treatment)",
            "n=\(m.n)", "seed=\(m.seed)", "epoch=\(m.epoch)", "step=\(m.step)", "code_version=\(m.codeVersion)",
            "created=\(m.created)", "dataset=\(m.dataset)", "class_ids=\(m.classIDs)", "class_names=\(m.classNames)",
            "input_scale=\(bits(m.inputScale))", "architecture=\(m.architecture)",
            Self.datasetLine("/preprocessing/input_mean", m.inputMean.shape, m.inputMean.values),
        ]
        for layer in layers {
            lines.append(Self.datasetLine("/weights/\(layer.name)/weight", layer.weight.shape, layer.weight.values))
            lines.append(Self.datasetLine("/weights/\(layer.name)/bias", layer.bias.shape, layer.bias.values))
        }
        for velocity in velocities {
            lines.append(Self.datasetLine("/optimizer/\(velocity.name)/weight_velocity", velocity.weight.shape, velocity.weight.values))
            lines.append(Self.datasetLine("/optimizer/\(velocity.name)/bias_velocity", velocity.bias.shape, velocity.bias.values))
        }
        let t = trainer
        lines += ["trainer.step=\(t.step)", "trainer.epoch=\(t.epoch)", "trainer.lr=\(bits(t.lr))",
                  "trainer.rng_state=\(t.rngState)"]
        lines += t.counters.sorted { $0.key < $1.key }.map { "trainer.\($0.key)=\($0.value)" }
        lines += t.history.sorted { $0.key < $1.key }.map {
            Self.datasetLine("/trainer/history/\($0.key)", [$0.value.count], $0.value)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// SHA-256 over the layers' weights and biases alone (paths, shapes, value digests): equal
    /// for two trainings that produced bit-identical networks, whatever their timestamps.
    public var weightsDigest: String {
        SHA256.hex(layers.map {
            Self.datasetLine("/weights/\($0.name)/weight", $0.weight.shape, $0.weight.values) + "\n"
                + Self.datasetLine("/weights/\($0.name)/bias", $0.bias.shape, $0.bias.values)
        }.joined(separator: "\n"))
    }

    /// The digest stored as the root's `@content_sha256`.
    public var contentDigest: String { SHA256.hex(contentText) }

    private static func datasetLine<T>(_ path: String, _ shape: [Int], _ values: [T]) -> String {
        "\(path) \(shape) \(CheckpointDigest.of(values))"
    }
}
