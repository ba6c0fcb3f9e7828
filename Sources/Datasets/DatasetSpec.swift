/// A loadable data set: which reader, with its folder and options.
public enum DatasetSource: Sendable, Equatable {
    case idx(IDXDataset)
    case cifar10(CIFAR10Dataset)
    case cifar100(CIFAR100Dataset)
    case synthetic(SyntheticDataset)

    /// Reads (or generates) the train and test sets.
    public func load() throws -> (train: ImageSet, test: ImageSet) {
        switch self {
        case let .idx(d): return try d.load()
        case let .cifar10(d): return try d.load()
        case let .cifar100(d): return try d.load()
        case let .synthetic(d): return try d.load()
        }
    }
}

/// The data set kinds a config can name.
public enum DatasetKind: String, Sendable, Codable, CaseIterable {
    case fashionMNIST = "fashion-mnist"
    case mnist
    case kmnist
    case emnist
    case cifar10 = "cifar-10"
    case cifar100 = "cifar-100"
    case synthetic
}

/// A data set as a config states it: kind, folder (nil = the kind's default) and options.
///
/// JSON: `{"kind": "fashion-mnist"}`; optional `path`, `emnist_subset`, `cifar100_label`
/// (`fine`/`coarse`), `synthetic` (a `SyntheticDataset` object). Missing keys take defaults.
public struct DatasetSpec: Sendable, Hashable, Encodable {
    public var kind: DatasetKind
    /// Folder holding the files; nil = `/usr/share/datasets/<kind>` (Fashion-MNIST: the Debian package's).
    public var path: String?
    public var emnistSubset: String
    public var cifar100Label: CIFAR100Dataset.LabelKind
    /// Parameters of the synthetic data set (kind `synthetic`); nil = defaults.
    public var synthetic: SyntheticDataset?

    public init(kind: DatasetKind = .fashionMNIST, path: String? = nil, emnistSubset: String = "balanced",
                cifar100Label: CIFAR100Dataset.LabelKind = .fine, synthetic: SyntheticDataset? = nil)
    {
        self.kind = kind
        self.path = path
        self.emnistSubset = emnistSubset
        self.cifar100Label = cifar100Label
        self.synthetic = synthetic
    }

    /// The embedded default: Fashion-MNIST from /usr/share/datasets/fashion-mnist.
    public static let fashionMNIST = DatasetSpec()

    enum CodingKeys: String, CodingKey {
        case kind, path, emnistSubset = "emnist_subset", cifar100Label = "cifar100_label", synthetic
    }

    /// The reader this spec selects.
    public var source: DatasetSource {
        switch kind {
        case .fashionMNIST: return .idx(IDXDataset(kind: .fashionMNIST, directory: path))
        case .mnist: return .idx(IDXDataset(kind: .mnist, directory: path))
        case .kmnist: return .idx(IDXDataset(kind: .kmnist, directory: path))
        case .emnist: return .idx(IDXDataset(kind: .emnist, directory: path, subset: emnistSubset))
        case .cifar10: return .cifar10(CIFAR10Dataset(directory: path))
        case .cifar100: return .cifar100(CIFAR100Dataset(directory: path, label: cifar100Label))
        case .synthetic: return .synthetic(synthetic ?? SyntheticDataset())
        }
    }

    /// Reads (or generates) the train and test sets.
    public func load() throws -> (train: ImageSet, test: ImageSet) { try source.load() }
}
