import Foundation
import HDF5
import Testing

@Suite("HDF5 typed API")
struct HDF5APITests {
    @Test("string attributes, variable and fixed length, UTF-8 and empty")
    func stringAttributes() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("strings.h5")
            let values = ["plain", "größe ✓ 日本", "", String(repeating: "x", count: 200_000)]
            do {
                let file = try H5File.create(url)
                for (i, value) in values.enumerated() {
                    try file.setAttribute("var\(i)", value)
                    try file.setAttribute("fixed\(i)", value, storage: .fixedLength)
                }
                let group = try file.createGroup("g")
                try group.setAttribute("note", "on a group")
                try file.close()
            }
            let file = try H5File.open(url)
            for (i, value) in values.enumerated() {
                #expect(try file.stringAttribute("var\(i)") == value)
                #expect(try file.stringAttribute("fixed\(i)") == value)
            }
            #expect(try file.openGroup("g").stringAttribute("note") == "on a group")
            #expect(try file.attributeNames() == (0..<4).flatMap { ["fixed\($0)", "var\($0)"] }.sorted())
        }
    }

    @Test("numeric attributes: scalars and arrays, replacement, type errors")
    func numericAttributes() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("numbers.h5")
            let file = try H5File.create(url)
            let dataset = try file.createDataset("d", shape: [2], values: [1.0, 2.0] as [Double])
            try dataset.setAttribute("i", Int64.min)
            try dataset.setAttribute("x", 0.1)
            try dataset.setAttribute("u", [UInt64.max, 0, 42])
            try dataset.setAttribute("empty", [Int64]())
            try file.setAttribute("replaced", Int64(1))
            try file.setAttribute("replaced", Int64(2))
            #expect(try dataset.attribute("i", as: Int64.self) == Int64.min)
            #expect(try dataset.attribute("x", as: Double.self) == 0.1)
            #expect(try dataset.arrayAttribute("u", as: UInt64.self) == [UInt64.max, 0, 42])
            #expect(try dataset.arrayAttribute("empty", as: Int64.self) == [])
            #expect(try file.attribute("replaced", as: Int64.self) == 2)
            #expect(try file.hasAttribute("replaced"))
            try file.deleteAttribute("replaced")
            #expect(try !file.hasAttribute("replaced"))
            #expect(throws: HDF5Error.notFound(path: "\(url.path)@replaced")) { try file.attribute("replaced", as: Int64.self) }
            #expect(throws: HDF5Error.self) { try dataset.stringAttribute("i") }
            #expect(throws: HDF5Error.self) { try dataset.attribute("x", as: Int64.self) }
            #expect(throws: HDF5Error.self) { try dataset.attribute("u", as: UInt64.self) }
            #expect(throws: HDF5Error.self) { try file.setAttribute("nul", "a\u{0}b") }
        }
    }

    @Test("groups: nested creation, creation-order listing, kinds, links")
    func groups() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("groups.h5")
            let file = try H5File.create(url)
            let deep = try file.createGroup("a/b/c")
            #expect(deep.name == "/a/b/c")
            let parent = try file.createGroup("p")
            for name in ["zeta", "alpha", "mid"] { _ = try parent.createGroup(name) }
            try parent.createDataset("data", shape: [1], values: [Int64(5)])
            #expect(try parent.children() == ["zeta", "alpha", "mid", "data"])
            #expect(try file.children() == ["a", "p"])
            #expect(try file.contains("a/b/c"))
            #expect(try !file.contains("a/x/c"))
            #expect(try file.kind(of: "p/data") == .dataset)
            #expect(try file.kind(of: "a/b") == .group)
            #expect(throws: HDF5Error.notFound(path: "\(url.path):/nope")) { try file.openGroup("nope") }
            try parent.removeLink("alpha")
            #expect(try parent.children() == ["zeta", "mid", "data"])
        }
    }

    @Test("datasets: shaped float32 with filters, int64/float64 1-D, empty and scalar")
    func datasets() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("data.h5")
            let weights: [Float] = (0..<600).map { i -> Float in Float(i) * 0.25 - 7 }
            do {
                let file = try H5File.create(url)
                try file.createDataset("w", shape: [8, 3, 5, 5], values: weights)
                try file.createDataset("h/loss", shape: [3], values: [2.5, 1.5, Double.pi])
                try file.createDataset("h/counts", shape: [2], values: [Int64.max, -3])
                try file.createDataset("empty", shape: [0], values: [Double]())
                try file.createDataset("scalar", shape: [], values: [Float(3)])
                try file.createDataset("plain", shape: [2, 2], values: [Float](repeating: 1, count: 4), options: .contiguous)
                #expect(throws: HDF5Error.self) { try file.createDataset("bad", shape: [2, 3], values: [Float(1)]) }
                try file.close()
            }
            let file = try H5File.open(url)
            let w = try file.openDataset("w")
            #expect(try w.shape() == [8, 3, 5, 5])
            #expect(try w.elementType() == .float(bits: 32))
            #expect(try w.read(as: Float.self) == weights)
            #expect(try w.filters() == [.deflate(level: 4), .fletcher32])
            #expect(try w.chunkShape() == [8, 3, 5, 5])
            #expect(try file.readDataset("h/loss", as: Double.self).values == [2.5, 1.5, Double.pi])
            #expect(try file.readDataset("h/counts", as: Int64.self).values == [Int64.max, -3])
            let empty = try file.readDataset("empty", as: Double.self)
            #expect(empty.shape == [0] && empty.values.isEmpty)
            let scalar = try file.readDataset("scalar", as: Float.self)
            #expect(scalar.shape == [] && scalar.values == [3])
            #expect(try file.openDataset("plain").filters() == [])
            #expect(try file.openDataset("plain").chunkShape() == nil)
            #expect(throws: HDF5Error.self) { try w.read(as: Int64.self) }
        }
    }

    @Test("large datasets are split into chunks of at most 1 MiB")
    func chunking() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("big.h5")
            let values = [Float](repeating: 0.5, count: 600 * 1000)
            let file = try H5File.create(url)
            let dataset = try file.createDataset("big", shape: [600, 1000], values: values)
            let chunk = try #require(try dataset.chunkShape())
            #expect(chunk.reduce(4, *) <= 1 << 20)
            #expect(try dataset.chunkLocations().count > 1)
            #expect(try dataset.read(as: Float.self) == values)
        }
    }

    @Test("libhdf5 errors carry the file and the library's error-stack messages")
    func errorStack() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("absent.h5")
            let error = try #require(throws: HDF5Error.self) { try H5File.open(url) }
            guard case let .library(operation, path, stack) = error else {
                Issue.record("expected .library, got \(error)")
                return
            }
            #expect(operation == "H5Fopen")
            #expect(path == url.path)
            #expect(stack.first?.hasPrefix("H5Fopen()") == true)
            #expect(stack.contains { $0.contains("unable to open file") })
            #expect(error.description.contains(url.path))

            let exists = dir.appendingPathComponent("exists.h5")
            try H5File.create(exists).close()
            #expect(throws: HDF5Error.self) { try H5File.create(exists, mode: .exclusive) }
        }
    }

    @Test("closing the file closes its objects; later use reports .closed")
    func closing() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("close.h5")
            let file = try H5File.create(url)
            let group = try file.createGroup("g")
            try file.close()
            try file.close()
            #expect(!group.isValid)
            #expect(throws: HDF5Error.closed(path: "\(url.path):/g")) { try group.children() }
            #expect(throws: HDF5Error.closed(path: url.path)) { try file.setAttribute("x", Int64(1)) }
            // The file really is closed: it can be reopened for writing.
            let again = try H5File.open(url, mode: .readWrite)
            try again.setAttribute("x", Int64(1))
            try again.close()
            #expect(H5File.isHDF5(url))
        }
    }
}
