import Foundation

/// An MNIST-family data set stored as four IDX files (train/t10k images and labels), each
/// found with or without `.gz`.
///
/// File names: `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`,
/// `t10k-labels-idx1-ubyte`; EMNIST: `emnist-<subset>-train-images-idx3-ubyte` etc. (stored
/// transposed, turned upright on reading; `letters` labels 1…26 become 0…25).
public struct IDXDataset: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case fashionMNIST = "fashion-mnist"
        case mnist
        case kmnist
        case emnist
    }

    /// Where the Debian package dataset-fashion-mnist installs the files.
    public static let defaultFashionMNISTDirectory = "/usr/share/datasets/fashion-mnist"

    public var kind: Kind
    /// Folder holding the files.
    public var directory: String
    /// EMNIST subset (`balanced`, `letters`, `digits`, `byclass`, `bymerge`, `mnist`); ignored otherwise.
    public var subset: String

    public init(kind: Kind = .fashionMNIST, directory: String? = nil, subset: String = "balanced") {
        self.kind = kind
        self.directory = directory ?? IDXDataset.defaultDirectory(for: kind)
        self.subset = subset
    }

    /// `/usr/share/datasets/<kind>`.
    public static func defaultDirectory(for kind: Kind) -> String {
        "/usr/share/datasets/" + kind.rawValue
    }

    /// The base file name (without `.gz`) of one of the four files.
    public func fileName(train: Bool, images: Bool) -> String {
        let part = (train ? "train" : (kind == .emnist ? "test" : "t10k")) + (images ? "-images-idx3-ubyte" : "-labels-idx1-ubyte")
        return kind == .emnist ? "emnist-\(subset)-\(part)" : part
    }

    /// The path of a file: `<dir>/<name>` if present, else `<dir>/<name>.gz`; missing → error.
    public func locate(_ name: String) throws -> String {
        let plain = (directory as NSString).appendingPathComponent(name)
        for candidate in [plain, plain + ".gz"] where FileManager.default.fileExists(atPath: candidate) {
            return candidate
        }
        throw DatasetError.fileNotFound(path: plain + "(.gz)", hint: missingHint)
    }

    var missingHint: String? {
        kind == .fashionMNIST && directory == IDXDataset.defaultFashionMNISTDirectory
            ? "`make deps` installs it: Debian package dataset-fashion-mnist"
            : (kind == .fashionMNIST ? "the default files are installed by `make deps` (Debian package dataset-fashion-mnist) under \(IDXDataset.defaultFashionMNISTDirectory)" : nil)
    }

    /// Class names for this kind, or nil (→ `class k`).
    public func classNames() -> [String]? {
        switch kind {
        case .fashionMNIST: return ClassNames.fashionMNIST
        case .mnist: return ClassNames.digits
        case .kmnist: return ClassNames.kmnist
        case .emnist:
            if let names = emnistMappingFile() { return names }
            return ClassNames.emnist(subset: subset)
        }
    }

    /// Names from `emnist-<subset>-mapping.txt` ("label ascii-code" per line), if present and sane.
    func emnistMappingFile() -> [String]? {
        let path = (directory as NSString).appendingPathComponent("emnist-\(subset)-mapping.txt")
        guard let bytes = try? readFileBytes(path) else { return nil }
        var byLabel: [Int: String] = [:]
        for line in ClassNames.parseLines(bytes) {
            let parts = line.split(separator: " ").compactMap { Int($0) }
            guard parts.count >= 2, let scalar = UnicodeScalar(parts[1]) else { return nil }
            let label = parts[0] - (subset == "letters" ? 1 : 0)
            byLabel[label] = (byLabel[label].map { $0 + "/" } ?? "") + String(scalar)
        }
        guard let maxLabel = byLabel.keys.max(), byLabel.keys.min() == 0, byLabel.count == maxLabel + 1 else { return nil }
        return (0...maxLabel).map { byLabel[$0] ?? "class \($0)" }
    }

    /// Reads train and test sets.
    public func load() throws -> (train: ImageSet, test: ImageSet) {
        let names = classNames()
        let transpose = kind == .emnist
        let offset = kind == .emnist && subset == "letters" ? 1 : 0
        func pair(_ train: Bool) throws -> ImageSet {
            let images = try locate(fileName(train: train, images: true))
            let labels = try locate(fileName(train: train, images: false))
            return try IDXReader.read(imagesPath: images, labelsPath: labels, classNames: names,
                                      transpose: transpose, labelOffset: offset, hint: missingHint)
        }
        var train = try pair(true)
        var test = try pair(false)
        if names == nil {  // generic names: make both sets agree on the class count
            let k = max(train.classCount, test.classCount)
            train.classNames = ClassNames.generic(k)
            test.classNames = ClassNames.generic(k)
        }
        try checkSameShape(train, test, what: "\(kind.rawValue) train/test")
        return (train, test)
    }
}

func checkSameShape(_ a: ImageSet, _ b: ImageSet, what: String) throws {
    guard a.channels == b.channels, a.height == b.height, a.width == b.width else {
        throw DatasetError.shapeMismatch("\(what): \(a.channels)×\(a.height)×\(a.width) vs \(b.channels)×\(b.height)×\(b.width)")
    }
}
