import Slurm
import Testing

/// Wave grouping by DAG depth.
@Suite struct SlurmWavesTests {
    private static func run(_ id: String, _ dependencies: [String] = []) -> SlurmRunSpec {
        SlurmRunSpec(id: id, label: "L-\(id)", split: "similar", seed: 0, dependencies: dependencies)
    }

    /// (runs as "id:dep,dep", expected waves as ids)
    static let cases: [(String, [[String]], [[String]])] = [
        ("empty plan", [], []),
        ("independent runs share wave 0", [["a"], ["b"], ["c"]], [["a", "b", "c"]]),
        ("a chain gives one wave per link", [["c", "b"], ["b", "a"], ["a"]], [["a"], ["b"], ["c"]]),
        ("depth is the longest path", [["a"], ["b", "a"], ["c", "a", "b"], ["d", "a"]], [["a"], ["b", "d"], ["c"]]),
        ("dependencies outside the list are satisfied", [["x", "gone"], ["y", "x", "gone"]], [["x"], ["y"]]),
        ("repeated dependencies count once", [["a"], ["b", "a", "a"]], [["a"], ["b"]]),
        ("diamond", [["top"], ["l", "top"], ["r", "top"], ["bottom", "l", "r"]], [["top"], ["l", "r"], ["bottom"]]),
    ]

    @Test(arguments: cases)
    func groupsByDepth(_ testCase: (String, [[String]], [[String]])) throws {
        let (name, spec, expected) = testCase
        let runs = spec.map { Self.run($0[0], Array($0.dropFirst())) }
        let waves = try SlurmWaves.group(runs)
        #expect(waves.map { $0.map(\.id) } == expected, "\(name)")
    }

    @Test func keepsInputOrderWithinAWave() throws {
        let runs = ["z", "a", "m"].map { Self.run($0) } + [Self.run("q", ["m"]), Self.run("b", ["z"])]
        let waves = try SlurmWaves.group(runs)
        #expect(waves.map { $0.map(\.id) } == [["z", "a", "m"], ["q", "b"]])
    }

    @Test func rejectsDuplicateIDs() {
        #expect(throws: SlurmError.duplicateRunID("a")) {
            try SlurmWaves.group([Self.run("a"), Self.run("b"), Self.run("a")])
        }
    }

    @Test func rejectsCyclesNamingTheirRuns() {
        let runs = [Self.run("ok"), Self.run("x", ["y"]), Self.run("y", ["x"]), Self.run("after", ["y", "ok"]),
                    Self.run("self", ["self"])]
        #expect(throws: SlurmError.dependencyCycle(["x", "y", "after", "self"])) {
            try SlurmWaves.group(runs)
        }
    }

    @Test func longChainsDoNotRecurse() throws {
        let runs = (0..<20_000).map { Self.run("r\($0)", $0 == 0 ? [] : ["r\($0 - 1)"]) }
        let waves = try SlurmWaves.group(runs)
        #expect(waves.count == 20_000)
        #expect(waves.last?.first?.id == "r19999")
    }
}
