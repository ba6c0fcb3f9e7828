import Foundation
import HDF5
import Storage

extension Checkpoint {
    /// Writes the checkpoint atomically and durably with `AtomicFile` (a temp file
    /// ".<name>.tmp-<pid>-<random>" in the target's directory, fsynced, renamed over `url`, the
    /// directory fsynced). On any error the temp file is removed and an existing file at `url`
    /// is left untouched; the directory must exist.
    public func write(to url: URL) throws {
        try write(to: url, beforeRename: { _ in })
    }

    /// `write(to:)` with a hook run after the temp file is complete and synced (tests inject failures).
    func write(to url: URL, beforeRename: (URL) throws -> Void) throws {
        let path = url.path
        try validate(path: path)
        let bytes = try image(of: url)
        do {
            try AtomicFile.write(bytes, to: url, createDirectory: false, beforeRename: beforeRename)
        } catch let failure as AtomicFile.Failure {
            throw CheckpointError.io(path: failure.path, reason: failure.reason)
        }
    }

    /// Checks everything that would make the file inconsistent, before touching the disk.
    func validate(path: String) throws {
        func fail(_ reason: String) -> CheckpointError { .invalid(path: path, reason: reason) }
        func checkName(_ name: String, _ what: String) throws {
            if name.isEmpty || name == "." || name.contains("/") || name.utf8.contains(0) {
                throw fail("\(what) name '\(name)' is empty or contains '/'")
            }
        }
        if let problem = metadata.inputMean.shapeProblem() { throw fail("input_mean: \(problem)") }
        if metadata.configSHA256 != SHA256.hex(metadata.config) {
            throw fail("config_sha256 \(metadata.configSHA256) is not the SHA-256 of config")
        }
        var shapes: [String: ([Int], [Int])] = [:]
        for layer in layers {
            try checkName(layer.name, "layer")
            guard shapes[layer.name] == nil else { throw fail("layer \(layer.name) appears twice") }
            if let problem = layer.weight.shapeProblem() { throw fail("layer \(layer.name) weight: \(problem)") }
            if let problem = layer.bias.shapeProblem() { throw fail("layer \(layer.name) bias: \(problem)") }
            shapes[layer.name] = (layer.weight.shape, layer.bias.shape)
        }
        var seen: Set<String> = []
        for velocity in velocities {
            guard let (weightShape, biasShape) = shapes[velocity.name] else {
                throw fail("velocity for unknown layer \(velocity.name)")
            }
            guard seen.insert(velocity.name).inserted else { throw fail("velocity for \(velocity.name) appears twice") }
            if let problem = velocity.weight.shapeProblem() ?? velocity.bias.shapeProblem() {
                throw fail("velocity \(velocity.name): \(problem)")
            }
            guard velocity.weight.shape == weightShape, velocity.bias.shape == biasShape else {
                throw fail("velocity \(velocity.name) shapes \(velocity.weight.shape)/\(velocity.bias.shape) differ from the layer's \(weightShape)/\(biasShape)")
            }
        }
        for name in trainer.counters.keys {
            try checkName(name, "counter")
            if TrainerState.reservedNames.contains(name) { throw fail("counter name '\(name)' is reserved") }
        }
        for name in trainer.history.keys { try checkName(name, "history") }
    }

    /// The sealed bytes of the file, built in memory (libhdf5 never writes to disk, so a full
    /// disk cannot fail inside it; `AtomicFile`'s POSIX calls name the file and the operation).
    private func image(of url: URL) throws -> [UInt8] {
        var image: [UInt8]
        // A name of its own: libhdf5 never touches it, but must not see two files open under one name.
        let name = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).in-memory-\(getpid())")
        do {
            let file = try H5File.createInMemory(name, userBlock: CheckpointSeal.blockSize)
            try writeMetadata(file)
            try writeLayers(layers, into: file.createGroup("weights"), names: ("weight", "bias"))
            if !velocities.isEmpty {
                try writeLayers(velocities, into: file.createGroup("optimizer"),
                                names: ("weight_velocity", "bias_velocity"))
            }
            try writeTrainer(file.createGroup("trainer"))
            image = try file.image()
            try file.close()
        } catch let error as HDF5Error {
            throw CheckpointError.io(path: url.path, reason: "building the file in memory: "
                                     + CheckpointError.summary(of: error, path: name.path))
        }
        image = [UInt8](repeating: 0, count: CheckpointSeal.blockSize) + image  // the user block
        CheckpointSeal.seal(&image)
        return image
    }

    private func writeMetadata(_ file: H5File) throws {
        let m = metadata
        try file.setAttribute("format", Checkpoint.formatName)
        try file.setAttribute("format_version", Int64(Checkpoint.formatVersion))
        try file.setAttribute("config", m.config)
        try file.setAttribute("config_sha256", m.configSHA256)
        try file.setAttribute("run_id", m.runID)
        try file.setAttribute("treatment", m.treatment)
        try file.setAttribute("n", Int64(m.n))
        try file.setAttribute("seed", Int64(m.seed))
        try file.setAttribute("epoch", Int64(m.epoch))
        try file.setAttribute("step", Int64(m.step))
        try file.setAttribute("code_version", m.codeVersion)
        try file.setAttribute("created", m.created)
        try file.setAttribute("dataset", m.dataset)
        try file.setAttribute("class_ids", m.classIDs.map { Int64($0) })
        try file.setAttribute("class_names", JSONText.encode(m.classNames))
        try file.setAttribute("input_scale", m.inputScale)
        try file.setAttribute("architecture", m.architecture)
        try file.setAttribute(CheckpointDigest.contentAttribute, contentDigest)
        try writeDataset(file, "preprocessing/input_mean", m.inputMean.shape, m.inputMean.values)
    }

    /// Chunked with fletcher32 checksums, not compressed: trained float weights and velocities
    /// deflate by ≈ 5 % (7.9 → 7.5 MB for fmnist8), and deflating them was most of a
    /// checkpoint write's time once hashing was fast (≈ 0.3–0.5 s of every write).
    static let datasetOptions = H5DatasetOptions(chunked: true, deflateLevel: nil, fletcher32: true)

    /// Creates a dataset and stores the SHA-256 of its values as its `@sha256`.
    private func writeDataset<T: H5Scalar>(_ location: H5Location, _ name: String, _ shape: [Int], _ values: [T]) throws {
        let dataset = try location.createDataset(name, shape: shape, values: values, options: Self.datasetOptions)
        try dataset.setAttribute(CheckpointDigest.datasetAttribute, CheckpointDigest.of(values))
        try dataset.close()
    }

    private func writeLayers(_ layers: [Layer], into group: H5Group, names: (weight: String, bias: String)) throws {
        try group.setAttribute("layer_order", JSONText.encode(layers.map(\.name)))
        for layer in layers {
            let layerGroup = try group.createGroup(layer.name)
            try writeDataset(layerGroup, names.weight, layer.weight.shape, layer.weight.values)
            try writeDataset(layerGroup, names.bias, layer.bias.shape, layer.bias.values)
        }
    }

    private func writeTrainer(_ group: H5Group) throws {
        try group.setAttribute("step", Int64(trainer.step))
        try group.setAttribute("epoch", Int64(trainer.epoch))
        try group.setAttribute("lr", trainer.lr)
        try group.setAttribute("rng_state", trainer.rngState)
        for (name, values) in trainer.counters.sorted(by: { $0.key < $1.key }) {
            try group.setAttribute(name, values)
        }
        let history = try group.createGroup("history")
        for (name, values) in trainer.history.sorted(by: { $0.key < $1.key }) {
            try writeDataset(history, name, [values.count], values)
        }
    }
}

/// JSON text for small string arrays stored as attributes.
enum JSONText {
    static func encode(_ strings: [String]) throws -> String {
        let data = try JSONEncoder().encode(strings)
        return String(decoding: data, as: UTF8.self)
    }

    static func decodeStrings(_ text: String) -> [String]? {
        try? JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}
