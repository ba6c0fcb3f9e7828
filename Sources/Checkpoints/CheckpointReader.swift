import Foundation
import Storage
import HDF5

extension Checkpoint {
    /// Reads and validates a checkpoint: format name and version, every layer's weight and bias
    /// (shapes checked against `expecting` when given), velocities, trainer state and history.
    /// Every dataset is read in full, so fletcher32 checksums are verified.
    public static func read(from url: URL, expecting: ExpectedArchitecture? = nil) throws -> Checkpoint {
        let path = url.path
        let file = try openFile(url)
        defer { try? file.close() }
        do {
            var reader = CheckpointReader(file: file, path: path)
            return try reader.read(expecting: expecting)
        } catch {
            throw CheckpointError.from(error, path: path)
        }
    }

    /// Opens a checkpoint's HDF5 file read-only, classifying failures as missing / not HDF5 / corrupt.
    static func openFile(_ url: URL) throws -> H5File {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CheckpointError.missing(path: path)
        }
        guard !isDirectory.boolValue else { throw CheckpointError.io(path: path, reason: "is a directory") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw CheckpointError.io(path: path, reason: "not readable")
        }
        try CheckpointSeal.verify(url)
        guard H5File.isHDF5(url) else { throw CheckpointError.notHDF5(path: path) }
        do {
            return try H5File.open(url)
        } catch let error as HDF5Error {
            throw CheckpointError.corrupt(path: path, reason: "cannot open: " + CheckpointError.summary(of: error, path: path))
        }
    }
}

/// Reads the parts of an open checkpoint file.
struct CheckpointReader {
    let file: H5File
    let path: String
    /// The file's `@content_sha256` (nil: written before digests; datasets then need none).
    private var contentDigest: String?

    init(file: H5File, path: String) {
        self.file = file
        self.path = path
    }

    mutating func read(expecting: ExpectedArchitecture?) throws -> Checkpoint {
        try checkFormat()
        if try file.hasAttribute(CheckpointDigest.contentAttribute) {
            contentDigest = try file.stringAttribute(CheckpointDigest.contentAttribute)
        }
        let checkpoint = try readContents(expecting: expecting)
        if let contentDigest, contentDigest != checkpoint.contentDigest {
            throw CheckpointError.corrupt(path: path, reason: "the content does not match @content_sha256 (a value or attribute changed)")
        }
        return checkpoint
    }

    private func readContents(expecting: ExpectedArchitecture?) throws -> Checkpoint {
        let metadata = try readMetadata()
        let weights = try file.openGroup("weights")
        let names = try layerOrder(weights)
        let shapes = try names.map { name -> ExpectedArchitecture.Layer in
            let layer = try weights.openGroup(name)
            return (name, try float32Dataset(layer, "weight").shape(), try float32Dataset(layer, "bias").shape())
        }
        if let expecting, let details = expecting.mismatch(with: shapes) {
            throw CheckpointError.architectureMismatch(path: path, details: details)
        }
        let layers = try names.map { try readLayer(weights, $0, names: ("weight", "bias")) }
        let velocities = try readVelocities(layers: layers)
        let trainer = try readTrainer()
        return Checkpoint(metadata: metadata, layers: layers, velocities: velocities, trainer: trainer)
    }

    private func checkFormat() throws {
        guard try file.hasAttribute("format") else {
            throw CheckpointError.wrongFormat(path: path, found: "no format attribute")
        }
        let format = (try? file.stringAttribute("format")) ?? "a non-string format attribute"
        guard format == Checkpoint.formatName else { throw CheckpointError.wrongFormat(path: path, found: format) }
        guard try file.hasAttribute("format_version") else {
            throw CheckpointError.missingEntry(path: path, entry: "/@format_version")
        }
        let version = try file.attribute("format_version", as: Int64.self)
        guard version == Int64(Checkpoint.formatVersion) else {
            throw CheckpointError.wrongVersion(path: path, found: Int(version), supported: Checkpoint.formatVersion)
        }
    }

    private func readMetadata() throws -> CheckpointMetadata {
        let config = try file.stringAttribute("config")
        let configSHA256 = try file.stringAttribute("config_sha256")
        guard configSHA256 == SHA256.hex(config) else {
            throw CheckpointError.corrupt(path: path, reason: "config_sha256 does not match the stored config")
        }
        let classNamesText = try file.stringAttribute("class_names")
        guard let classNames = JSONText.decodeStrings(classNamesText) else {
            throw CheckpointError.corrupt(path: path, reason: "class_names is not a JSON array of strings")
        }
        let inputMean = try tensor(file, "preprocessing/input_mean")
        return CheckpointMetadata(
            config: config, configSHA256: configSHA256,
            runID: try file.stringAttribute("run_id"), treatment: try file.stringAttribute("treatment"),
            n: try int(file, "n"), seed: try int(file, "seed"), epoch: try int(file, "epoch"), step: try int(file, "step"),
            codeVersion: try file.stringAttribute("code_version"), created: try file.stringAttribute("created"),
            dataset: try file.stringAttribute("dataset"),
            classIDs: try file.arrayAttribute("class_ids", as: Int64.self).map { Int($0) },
            classNames: classNames, inputScale: try file.attribute("input_scale", as: Double.self),
            inputMean: inputMean, architecture: try file.stringAttribute("architecture"))
    }

    /// Layer names in network order: the `layer_order` attribute (which must list exactly the
    /// group's children), or the children in creation order when it is absent.
    private func layerOrder(_ group: H5Group) throws -> [String] {
        let children = try group.children()
        guard try group.hasAttribute("layer_order") else { return children }
        guard let order = JSONText.decodeStrings(try group.stringAttribute("layer_order")) else {
            throw CheckpointError.corrupt(path: path, reason: "\(group.name)@layer_order is not a JSON array of strings")
        }
        for name in order where !children.contains(name) {
            throw CheckpointError.missingEntry(path: path, entry: "\(group.name)/\(name)")
        }
        guard Set(order) == Set(children), order.count == children.count else {
            throw CheckpointError.corrupt(path: path, reason: "\(group.name)@layer_order \(order) does not match its groups \(children)")
        }
        return order
    }

    private func readLayer(_ group: H5Group, _ name: String, names: (weight: String, bias: String)) throws -> Checkpoint.Layer {
        let layer = try group.openGroup(name)
        return (name, try tensor(layer, names.weight), try tensor(layer, names.bias))
    }

    private func readVelocities(layers: [Checkpoint.Layer]) throws -> [Checkpoint.Layer] {
        guard try file.contains("optimizer") else { return [] }
        let optimizer = try file.openGroup("optimizer")
        return try layerOrder(optimizer).map { name in
            let velocity = try readLayer(optimizer, name, names: ("weight_velocity", "bias_velocity"))
            guard let layer = layers.first(where: { $0.name == name }) else {
                throw CheckpointError.corrupt(path: path, reason: "/optimizer/\(name) has no matching layer in /weights")
            }
            guard velocity.weight.shape == layer.weight.shape, velocity.bias.shape == layer.bias.shape else {
                throw CheckpointError.corrupt(path: path, reason: "/optimizer/\(name) shapes \(velocity.weight.shape)/\(velocity.bias.shape) differ from the layer's \(layer.weight.shape)/\(layer.bias.shape)")
            }
            return velocity
        }
    }

    private func readTrainer() throws -> TrainerState {
        let trainer = try file.openGroup("trainer")
        var counters: [String: [Int64]] = [:]
        for name in try trainer.attributeNames() where !TrainerState.reservedNames.contains(name) {
            counters[name] = try trainer.arrayAttribute(name, as: Int64.self)
        }
        var history: [String: [Double]] = [:]
        if try trainer.contains("history") {
            let group = try trainer.openGroup("history")
            for name in try group.children() {
                let dataset = try group.openDataset(name)
                defer { try? dataset.close() }
                history[name] = try verified(dataset.read(as: Double.self), of: dataset)
            }
        }
        return TrainerState(step: try int(trainer, "step"), epoch: try int(trainer, "epoch"),
                            lr: try trainer.attribute("lr", as: Double.self),
                            rngState: try trainer.arrayAttribute("rng_state", as: UInt64.self),
                            counters: counters, history: history)
    }

    private func tensor(_ group: H5Location, _ name: String) throws -> Tensor {
        let dataset = try float32Dataset(group, name)
        defer { try? dataset.close() }
        return Tensor(shape: try dataset.shape(), values: try verified(dataset.read(as: Float.self), of: dataset))
    }

    /// `values` after checking them against the dataset's `@sha256`.
    private func verified<T>(_ values: [T], of dataset: H5Dataset) throws -> [T] {
        try CheckpointDigest.verify(values, of: dataset, required: contentDigest != nil, path: path)
        return values
    }

    /// Opens a dataset that must be float32.
    private func float32Dataset(_ group: H5Location, _ name: String) throws -> H5Dataset {
        let dataset = try group.openDataset(name)
        let type = try dataset.elementType()
        guard type == .float(bits: 32) else {
            throw CheckpointError.corrupt(path: path, reason: "\(dataset.name) is \(type), expected float32")
        }
        return dataset
    }

    private func int(_ object: H5Object, _ name: String) throws -> Int {
        Int(try object.attribute(name, as: Int64.self))
    }
}

extension CheckpointError {
    /// Classifies any error raised while reading `path`.
    static func from(_ error: Error, path: String) -> CheckpointError {
        switch error {
        case let error as CheckpointError:
            return error
        case let error as HDF5Error:
            switch error {
            case let .notFound(entry):
                return .missingEntry(path: path, entry: strip(entry, path: path))
            case let .checksumMismatch(entry, _):
                return .corrupt(path: path, reason: "checksum (fletcher32) mismatch in \(strip(entry, path: path)): "
                                + summary(of: error, path: path))
            default:
                return .corrupt(path: path, reason: summary(of: error, path: path))
            }
        default:
            return .io(path: path, reason: "\(error)")
        }
    }

    /// The HDF5 error in a few words: its innermost library messages, or its description.
    static func summary(of error: HDF5Error, path: String) -> String {
        let stack = error.stack
        if stack.isEmpty { return strip(error.description, path: path) }
        return stack.suffix(2).joined(separator: "; ")
    }

    /// Removes the file path from an HDF5 location ("<file>:/a/b" → "/a/b").
    static func strip(_ text: String, path: String) -> String {
        text.replacingOccurrences(of: path + ":", with: "")
    }
}
