/// One class of a data set, named either by its class name or by its class id.
/// Decodes from a JSON string (name) or integer (id).
public enum ClassSelector: Sendable, Hashable, Codable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    CustomStringConvertible
{
    case name(String)
    case id(Int)

    public init(stringLiteral value: String) { self = .name(value) }
    public init(integerLiteral value: Int) { self = .id(value) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int.self) { self = .id(i) } else { self = .name(try c.decode(String.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case let .name(n): try c.encode(n)
        case let .id(i): try c.encode(i)
        }
    }

    public var description: String {
        switch self {
        case let .name(n): return n
        case let .id(i): return "#\(i)"
        }
    }

    /// The class id this selects among `classNames`; unknown → `DatasetError.unknownClass`.
    public func resolve(in classNames: [String]) throws -> Int {
        switch self {
        case let .name(n):
            guard let i = classNames.firstIndex(of: n) else { throw DatasetError.unknownClass(n, available: classNames) }
            return i
        case let .id(i):
            guard i >= 0, i < classNames.count else { throw DatasetError.unknownClass("id \(i)", available: classNames) }
            return i
        }
    }
}

/// Which of the two tasks.
public enum TaskSide: String, Sendable, Codable, CaseIterable { case a = "A", b = "B" }

/// How a data set's classes are split into tasks A and B (Yosinski et al. 2014).
public enum ClassSplit: Sendable, Hashable {
    /// A seeded random partition of all class ids; A gets `sizeA` classes (default: half, rounded down).
    case similar(seed: UInt64, sizeA: Int? = nil)
    /// Explicit class lists, by name or id.
    case dissimilar(a: [ClassSelector], b: [ClassSelector])

    /// Fashion-MNIST: upper-body garments and dresses (A) vs trousers, footwear and bags (B).
    public static let fashionMNISTGarments = ClassSplit.dissimilar(
        a: ["T-shirt/top", "Pullover", "Dress", "Coat", "Shirt"],
        b: ["Trouser", "Sandal", "Sneaker", "Bag", "Ankle boot"])

    /// CIFAR-100 on fine labels: natural (A, 70 classes) vs man-made (B, 30 classes: vehicles 1
    /// and 2, household furniture, household electrical devices, food containers, large man-made
    /// outdoor things), through the built-in coarse→fine table. For the mapping read from the
    /// data use `CIFAR100Dataset.hierarchy().naturalVsManMade()`.
    public static let cifar100NaturalVsManMade: ClassSplit = {
        let manMade = ClassNames.cifar100ManMadeCoarse.compactMap { ClassNames.cifar100Coarse.firstIndex(of: $0) }
        let table = ClassNames.cifar100CoarseOfFine
        let b = ClassNames.cifar100Fine.indices.filter { manMade.contains(table[$0]) }
        let a = ClassNames.cifar100Fine.indices.filter { !manMade.contains(table[$0]) }
        return .dissimilar(a: a.map { .name(ClassNames.cifar100Fine[$0]) }, b: b.map { .name(ClassNames.cifar100Fine[$0]) })
    }()

    /// The class ids of A and B for a data set with these class names.
    ///
    /// `similar`: ids are sorted ascending within each task. `dissimilar`: list order is kept.
    /// Errors: unknown class, a class in both lists, a class twice in a list, an empty list.
    public func resolve(classNames: [String]) throws -> ResolvedSplit {
        switch self {
        case let .similar(seed, sizeA):
            let n = classNames.count
            let k = sizeA ?? n / 2
            guard n >= 2 else { throw DatasetError.invalidOption("a similar split needs at least 2 classes, the data set has \(n)") }
            guard k >= 1, k < n else {
                throw DatasetError.invalidOption("similar split sizeA \(k) must be in 1...\(n - 1)")
            }
            var rng = SplitMix64(seed: seed)
            let perm = seededPermutation(n, using: &rng)
            return ResolvedSplit(a: perm[..<k].sorted(), b: perm[k...].sorted(), classNames: classNames)
        case let .dissimilar(a, b):
            guard !a.isEmpty else { throw DatasetError.emptyClassList("task A") }
            guard !b.isEmpty else { throw DatasetError.emptyClassList("task B") }
            func ids(_ list: [ClassSelector]) throws -> [Int] {
                var seen = Set<Int>()
                return try list.map {
                    let id = try $0.resolve(in: classNames)
                    guard seen.insert(id).inserted else { throw DatasetError.duplicateClass(classNames[id]) }
                    return id
                }
            }
            let ia = try ids(a), ib = try ids(b)
            if let shared = ia.first(where: { ib.contains($0) }) {
                throw DatasetError.overlappingClasses(classNames[shared])
            }
            return ResolvedSplit(a: ia, b: ib, classNames: classNames)
        }
    }
}

/// A split resolved against a data set: class ids (in task-label order) of A and B.
public struct ResolvedSplit: Sendable, Hashable, Codable {
    public let a: [Int]
    public let b: [Int]
    /// Class names of the whole data set.
    public let classNames: [String]

    public init(a: [Int], b: [Int], classNames: [String]) {
        self.a = a
        self.b = b
        self.classNames = classNames
    }

    /// The class ids of one task.
    public func classes(_ side: TaskSide) -> [Int] { side == .a ? a : b }
    /// The class names of one task, in task-label order.
    public func names(_ side: TaskSide) -> [String] { classes(side).map { classNames[$0] } }
}
