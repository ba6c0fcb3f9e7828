import Foundation
import Storage
import HDF5

/// What a runner can do with a checkpoint path.
public enum CheckpointStatus: Sendable, Equatable, CustomStringConvertible {
    /// Fully readable, checksums verified (and matching the expected architecture, if given).
    case usable(CheckpointMetadata)
    /// Present but unusable; the error says why.
    case corrupt(CheckpointError)
    /// No file at the path.
    case absent

    public var description: String {
        switch self {
        case let .usable(metadata): "usable (epoch \(metadata.epoch), step \(metadata.step))"
        case let .corrupt(error): "corrupt: \(error)"
        case .absent: "absent"
        }
    }
}

extension Checkpoint {
    /// Reads the whole file to decide usable / corrupt / absent. Never modifies or deletes anything.
    public static func verify(_ url: URL, expecting: ExpectedArchitecture? = nil) -> CheckpointStatus {
        do {
            return .usable(try read(from: url, expecting: expecting).metadata)
        } catch CheckpointError.missing {
            return .absent
        } catch let error as CheckpointError {
            return .corrupt(error)
        } catch {
            return .corrupt(.io(path: url.path, reason: "\(error)"))
        }
    }

    /// A human-readable listing: metadata, layers with shapes and parameter counts, optimizer
    /// and trainer state, storage filters and a verification line. Throws when the file is unusable.
    public static func inspect(_ url: URL) throws -> String {
        let checkpoint = try read(from: url)
        let filters = storageFilters(url, firstLayer: checkpoint.layers.first?.name)
        return checkpoint.report(path: url.path, filters: filters, hasDigests: hasDigests(url))
    }

    /// Whether the file carries SHA-256 digests (files written before them do not).
    private static func hasDigests(_ url: URL) -> Bool {
        guard let file = try? H5File.open(url) else { return false }
        defer { try? file.close() }
        return (try? file.hasAttribute(CheckpointDigest.contentAttribute)) == true
    }

    private static func storageFilters(_ url: URL, firstLayer: String?) -> String {
        guard let firstLayer, let file = try? H5File.open(url) else { return "n/a" }
        defer { try? file.close() }
        guard let dataset = try? file.openDataset("weights/\(firstLayer)/weight"),
              let filters = try? dataset.filters() else { return "n/a" }
        let chunk = (try? dataset.chunkShape()).flatMap { $0 }.map { "chunks \($0)" } ?? "contiguous"
        return filters.isEmpty ? chunk : "\(chunk), " + filters.map(\.description).joined(separator: " + ")
    }

    func report(path: String, filters: String, hasDigests: Bool) -> String {
        let m = metadata
        var lines: [String] = []
        lines.append("checkpoint \(path)")
        lines.append("  format:        \(Checkpoint.formatName) v\(Checkpoint.formatVersion)")
        lines.append("  run:           \(m.runID)  treatment \(m.treatment)  n \(m.n)  seed \(m.seed)")
        lines.append("  progress:      epoch \(m.epoch)  step \(m.step)")
        lines.append("  created:       \(m.created)  code \(m.codeVersion)")
        lines.append("  dataset:       \(m.dataset)  \(m.classIDs.count) classes \(m.classIDs)")
        lines.append("  class names:   \(m.classNames.joined(separator: ", "))")
        lines.append("  input:         scale \(m.inputScale)  mean \(m.inputMean.shape)")
        lines.append("  config:        sha256 \(m.configSHA256) (\(m.config.utf8.count) bytes)")
        lines.append("  architecture:  \(m.architecture.utf8.count) bytes of JSON")
        lines.append("layers (\(layers.count), \(parameterCount) parameters, weights sha256 \(weightsDigest)):")
        let width = layers.map(\.name.count).max() ?? 0
        for layer in layers {
            let count = layer.weight.values.count + layer.bias.values.count
            let name = layer.name.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("  \(name)  weight \(layer.weight.shape)  bias \(layer.bias.shape)  \(count) parameters")
        }
        lines.append(velocities.isEmpty ? "optimizer: no velocities"
                     : "optimizer: velocities for \(velocities.map(\.name).joined(separator: ", "))")
        lines.append("trainer: epoch \(trainer.epoch)  step \(trainer.step)  lr \(trainer.lr)  rng_state \(trainer.rngState.count) words")
        for (name, values) in trainer.counters.sorted(by: { $0.key < $1.key }) {
            lines.append("  counter \(name): \(values)")
        }
        for (name, values) in trainer.history.sorted(by: { $0.key < $1.key }) {
            let last = values.last.map { "last \($0)" } ?? "empty"
            lines.append("  history \(name): \(values.count) values, \(last)")
        }
        lines.append("storage: \(filters)")
        let datasets = 1 + 2 * layers.count + 2 * velocities.count + trainer.history.count
        lines.append("verification: OK, all \(datasets) datasets read back, checksums (fletcher32) verified")
        lines.append(hasDigests
                     ? "digests: OK, every dataset's SHA-256 and the content SHA-256 \(contentDigest) verified"
                     : "digests: none (written before content digests); only fletcher32 protects this file")
        return lines.joined(separator: "\n") + "\n"
    }
}
