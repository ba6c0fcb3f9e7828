import Foundation

/// CIFAR-10 in its binary version: `data_batch_1.bin` … `data_batch_5.bin`, `test_batch.bin`;
/// each record is 1 label byte then 3072 pixel bytes (3 channel planes of 32×32, row-major),
/// i.e. already CHW. Class names from `batches.meta.txt` if present, else the standard ten.
/// The directory may be the folder itself or its parent holding `cifar-10-batches-bin`.
public struct CIFAR10Dataset: Sendable, Equatable {
    public static let defaultDirectory = "/usr/share/datasets/cifar-10"
    public static let recordSize = 1 + 3072
    public var directory: String

    public init(directory: String? = nil) { self.directory = directory ?? CIFAR10Dataset.defaultDirectory }

    public func load() throws -> (train: ImageSet, test: ImageSet) {
        let dir = resolveCIFARDirectory(directory, marker: "test_batch.bin", subfolder: "cifar-10-batches-bin")
        let metaPath = (dir as NSString).appendingPathComponent("batches.meta.txt")
        var names = ClassNames.cifar10
        if let bytes = try? readFileBytes(metaPath) {
            let parsed = ClassNames.parseLines(bytes)
            if !parsed.isEmpty { names = parsed }
        }
        let trainFiles = (1...5).map { (dir as NSString).appendingPathComponent("data_batch_\($0).bin") }
        let testFile = (dir as NSString).appendingPathComponent("test_batch.bin")
        let train = try readCIFARRecords(paths: trainFiles, labelBytes: 1, labelIndex: 0, classNames: names)
        let test = try readCIFARRecords(paths: [testFile], labelBytes: 1, labelIndex: 0, classNames: names)
        return (train, test)
    }
}

/// CIFAR-100 in its binary version: `train.bin`, `test.bin`; each record is a coarse label byte,
/// a fine label byte, then 3072 pixel bytes (CHW 3×32×32). Names from `fine_label_names.txt`
/// / `coarse_label_names.txt` if present, else the built-in lists.
public struct CIFAR100Dataset: Sendable, Equatable {
    public enum LabelKind: String, Sendable, Codable, CaseIterable { case fine, coarse }
    public static let defaultDirectory = "/usr/share/datasets/cifar-100"
    public static let recordSize = 2 + 3072

    public var directory: String
    public var label: LabelKind

    public init(directory: String? = nil, label: LabelKind = .fine) {
        self.directory = directory ?? CIFAR100Dataset.defaultDirectory
        self.label = label
    }

    var resolvedDirectory: String {
        resolveCIFARDirectory(directory, marker: "train.bin", subfolder: "cifar-100-binary")
    }

    /// Fine and coarse names (files if present, else built-in).
    public func names() -> (fine: [String], coarse: [String]) {
        let dir = resolvedDirectory
        func fromFile(_ name: String, _ fallback: [String]) -> [String] {
            let path = (dir as NSString).appendingPathComponent(name)
            guard let bytes = try? readFileBytes(path) else { return fallback }
            let parsed = ClassNames.parseLines(bytes)
            return parsed.count == fallback.count ? parsed : fallback
        }
        return (fromFile("fine_label_names.txt", ClassNames.cifar100Fine),
                fromFile("coarse_label_names.txt", ClassNames.cifar100Coarse))
    }

    public func load() throws -> (train: ImageSet, test: ImageSet) {
        let dir = resolvedDirectory
        let (fine, coarse) = names()
        let names = label == .fine ? fine : coarse
        let index = label == .fine ? 1 : 0
        let train = try readCIFARRecords(paths: [(dir as NSString).appendingPathComponent("train.bin")],
                                         labelBytes: 2, labelIndex: index, classNames: names)
        let test = try readCIFARRecords(paths: [(dir as NSString).appendingPathComponent("test.bin")],
                                        labelBytes: 2, labelIndex: index, classNames: names)
        return (train, test)
    }

    /// The coarse superclass of every fine class, read from the training data (each fine label
    /// must always come with the same coarse label).
    public func hierarchy() throws -> CIFAR100Hierarchy {
        let path = (resolvedDirectory as NSString).appendingPathComponent("train.bin")
        let bytes = try readFileBytes(path)
        try checkRecordSize(bytes.count, CIFAR100Dataset.recordSize, path)
        let (fine, coarse) = names()
        var coarseOfFine = [Int](repeating: -1, count: fine.count)
        var r = 0
        while r * CIFAR100Dataset.recordSize < bytes.count {
            let c = Int(bytes[r * CIFAR100Dataset.recordSize]), f = Int(bytes[r * CIFAR100Dataset.recordSize + 1])
            guard c < coarse.count else { throw DatasetError.labelOutOfRange(path: path, index: r, label: c, classCount: coarse.count) }
            guard f < fine.count else { throw DatasetError.labelOutOfRange(path: path, index: r, label: f, classCount: fine.count) }
            if coarseOfFine[f] == -1 {
                coarseOfFine[f] = c
            } else if coarseOfFine[f] != c {
                throw DatasetError.invalidOption("\(path): fine class \(fine[f]) appears with coarse classes \(coarse[coarseOfFine[f]]) and \(coarse[c])")
            }
            r += 1
        }
        // Fine classes absent from the data keep the built-in superclass.
        for f in coarseOfFine.indices where coarseOfFine[f] == -1 && f < ClassNames.cifar100CoarseOfFine.count {
            coarseOfFine[f] = ClassNames.cifar100CoarseOfFine[f]
        }
        return CIFAR100Hierarchy(fineNames: fine, coarseNames: coarse, coarseOfFine: coarseOfFine)
    }
}

/// CIFAR-100's two-level labels: which superclass each fine class belongs to.
public struct CIFAR100Hierarchy: Sendable, Equatable {
    public let fineNames: [String]
    public let coarseNames: [String]
    /// Coarse id of each fine id.
    public let coarseOfFine: [Int]

    public init(fineNames: [String], coarseNames: [String], coarseOfFine: [Int]) {
        self.fineNames = fineNames
        self.coarseNames = coarseNames
        self.coarseOfFine = coarseOfFine
    }

    /// The built-in standard hierarchy.
    public static let standard = CIFAR100Hierarchy(
        fineNames: ClassNames.cifar100Fine, coarseNames: ClassNames.cifar100Coarse,
        coarseOfFine: ClassNames.cifar100CoarseOfFine)

    /// Fine class ids whose superclass is one of `coarse` (names).
    public func fineClasses(inCoarse coarse: [String]) throws -> [Int] {
        var ids = Set<Int>()
        for name in coarse {
            guard let c = coarseNames.firstIndex(of: name) else { throw DatasetError.unknownClass(name, available: coarseNames) }
            ids.insert(c)
        }
        return coarseOfFine.indices.filter { ids.contains(coarseOfFine[$0]) }
    }

    /// Natural (A) vs man-made (B) on fine labels, by the built-in list of man-made superclasses.
    public func naturalVsManMade() throws -> ClassSplit {
        let manMade = try fineClasses(inCoarse: ClassNames.cifar100ManMadeCoarse)
        let natural = fineNames.indices.filter { !manMade.contains($0) }
        return .dissimilar(a: natural.map { .id($0) }, b: manMade.map { .id($0) })
    }
}

/// `dir` if it holds `marker`, else `dir/subfolder` if that does, else `dir`.
func resolveCIFARDirectory(_ dir: String, marker: String, subfolder: String) -> String {
    let fm = FileManager.default
    if fm.fileExists(atPath: (dir as NSString).appendingPathComponent(marker)) { return dir }
    let sub = (dir as NSString).appendingPathComponent(subfolder)
    if fm.fileExists(atPath: (sub as NSString).appendingPathComponent(marker)) { return sub }
    return dir
}

func checkRecordSize(_ size: Int, _ record: Int, _ path: String) throws {
    guard size > 0, size % record == 0 else {
        throw DatasetError.badRecordSize(path: path, fileSize: size, recordSize: record)
    }
}

/// Reads fixed-length CIFAR records (`labelBytes` label bytes, then 3×32×32 pixel bytes) from
/// the files in order; the label used is byte `labelIndex` of each record.
func readCIFARRecords(paths: [String], labelBytes: Int, labelIndex: Int, classNames: [String]) throws -> ImageSet {
    let imageBytes = 3 * 32 * 32
    let record = labelBytes + imageBytes
    var pixels: [Float] = []
    var labels: [Int] = []
    for path in paths {
        let bytes = try readFileBytes(path)
        try checkRecordSize(bytes.count, record, path)
        let n = bytes.count / record
        let start = labels.count
        labels.reserveCapacity(start + n)
        for r in 0..<n {
            let l = Int(bytes[r * record + labelIndex])
            guard l < classNames.count else {
                throw DatasetError.labelOutOfRange(path: path, index: r, label: l, classCount: classNames.count)
            }
            labels.append(l)
        }
        let base = pixels.count
        pixels.append(contentsOf: repeatElement(0, count: n * imageBytes))
        byteScaleTable.withUnsafeBufferPointer { table in
            bytes.withUnsafeBufferPointer { src in
                pixels.withUnsafeMutableBufferPointer { dst in
                    for r in 0..<n {
                        let s = r * record + labelBytes, d = base + r * imageBytes
                        for k in 0..<imageBytes { dst[d + k] = table[Int(src[s + k])] }
                    }
                }
            }
        }
    }
    return ImageSet(unchecked: 3, 32, 32, pixels, labels, classNames)
}
