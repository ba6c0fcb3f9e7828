import Foundation
import Testing
@testable import Datasets

@Suite("Class splits")
struct ClassSplitTests {
    let names = ClassNames.fashionMNIST

    @Test("similar: seeded, disjoint, covering, sizes", arguments: [UInt64(0), 1, 2, 12345])
    func similar(seed: UInt64) throws {
        let s1 = try ClassSplit.similar(seed: seed).resolve(classNames: names)
        let s2 = try ClassSplit.similar(seed: seed).resolve(classNames: names)
        #expect(s1 == s2)
        #expect(s1.a.count == 5 && s1.b.count == 5)
        #expect(Set(s1.a).isDisjoint(with: s1.b))
        #expect(Set(s1.a + s1.b) == Set(0..<10))
        #expect(s1.a == s1.a.sorted() && s1.b == s1.b.sorted())
        let uneven = try ClassSplit.similar(seed: seed, sizeA: 3).resolve(classNames: names)
        #expect(uneven.a.count == 3 && uneven.b.count == 7)
    }

    @Test("different seeds give different splits")
    func seedsDiffer() throws {
        let splits = try (0..<6).map { try ClassSplit.similar(seed: UInt64($0)).resolve(classNames: names).a }
        #expect(Set(splits).count > 1)
    }

    @Test("dissimilar by names and ids; garments constant")
    func dissimilar() throws {
        let s = try ClassSplit.dissimilar(a: ["Bag", 0], b: [9, "Trouser"]).resolve(classNames: names)
        #expect(s.a == [8, 0] && s.b == [9, 1])
        #expect(s.names(.a) == ["Bag", "T-shirt/top"])
        let g = try ClassSplit.fashionMNISTGarments.resolve(classNames: names)
        #expect(Set(g.a + g.b) == Set(0..<10) && Set(g.a).isDisjoint(with: g.b))
        #expect(g.names(.a) == ["T-shirt/top", "Pullover", "Dress", "Coat", "Shirt"])
    }

    @Test("validation errors name the class")
    func errors() {
        let unknown = errorMessage { _ = try ClassSplit.dissimilar(a: ["Coat", "Hat"], b: ["Bag"]).resolve(classNames: names) }
        #expect(unknown?.contains("'Hat'") == true && unknown?.contains("unknown class") == true)
        let overlap = errorMessage { _ = try ClassSplit.dissimilar(a: ["Coat", "Bag"], b: [8]).resolve(classNames: names) }
        #expect(overlap?.contains("'Bag'") == true && overlap?.contains("both") == true)
        let empty = errorMessage { _ = try ClassSplit.dissimilar(a: [], b: ["Bag"]).resolve(classNames: names) }
        #expect(empty?.contains("empty class list for task A") == true)
        let dup = errorMessage { _ = try ClassSplit.dissimilar(a: ["Bag", 8], b: [1]).resolve(classNames: names) }
        #expect(dup?.contains("'Bag'") == true)
        let badID = errorMessage { _ = try ClassSplit.dissimilar(a: [10], b: [1]).resolve(classNames: names) }
        #expect(badID?.contains("id 10") == true)
        let size = errorMessage { _ = try ClassSplit.similar(seed: 0, sizeA: 10).resolve(classNames: names) }
        #expect(size?.contains("sizeA 10") == true)
    }

    @Test("class selectors decode from JSON strings and integers")
    func selectorJSON() throws {
        let decoded = try JSONDecoder().decode([ClassSelector].self, from: Data(#"["Bag", 3]"#.utf8))
        #expect(decoded == [.name("Bag"), .id(3)])
        #expect(try JSONEncoder().encode(decoded) == Data(#"["Bag",3]"#.utf8))
    }
}
