import Foundation
import Similarity
import Testing
import TestSupport

/// Agreement with an independent numpy implementation (float64, uncentered features, the
/// matrix form of Song et al.'s U-statistic) on seeded random data.
@Suite("linear CKA vs numpy")
struct NumpyCrossCheckTests {
    static let python = PythonEnvironment.interpreter(requiring: ["numpy"])
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    struct Case: Codable {
        let n: Int
        let dx: Int
        let dy: Int
        let x: [Float]
        let y: [Float]
    }

    static let script = #"""
import json, sys
import numpy as np
def hsic1(K, L):
    n = K.shape[0]
    K = K.copy(); L = L.copy()
    np.fill_diagonal(K, 0); np.fill_diagonal(L, 0)
    one = np.ones(n)
    return (np.trace(K @ L) + (one @ K @ one) * (one @ L @ one) / ((n - 1) * (n - 2))
            - 2.0 / (n - 2) * (one @ K @ L @ one)) / (n * (n - 3))
def cka(X, Y):
    K, L = X @ X.T, Y @ Y.T
    return hsic1(K, L) / np.sqrt(hsic1(K, K) * hsic1(L, L))
out = []
for c in json.load(open(sys.argv[1])):
    X = np.array(c["x"], dtype=np.float64).reshape(c["n"], c["dx"])
    Y = np.array(c["y"], dtype=np.float64).reshape(c["n"], c["dy"])
    out.append(float(cka(X, Y)))
print(json.dumps(out))
"""#

    @Test("agrees with numpy to 1e-6 on random data (independent, related, shifted, wide)",
          .enabled(if: python != nil || isCI, "needs a Python venv with numpy (make pydeps); required when CI=true"))
    func agreesWithNumpy() throws {
        let python = try #require(Self.python, "CI=true: the Python venv with numpy is required")
        var rng = TestRandom(seed: 2019)
        var cases: [Case] = []
        for (n, dx, dy, noise) in [(50, 8, 6, -1.0), (120, 20, 12, 0.5), (200, 64, 32, 2.0), (60, 500, 40, 1.0)] {
            let x = normalMatrix(n, dx, &rng)
            // noise < 0: unrelated features; else Y = XW + noise, shifted away from 0 like ReLU outputs.
            let y = noise < 0 ? normalMatrix(n, dy, &rng)
                : related(x, n: n, d: dx, e: dy, noise: noise, &rng).map { max(0, $0) + 3 }
            cases.append(Case(n: n, dx: dx, dy: dy, x: x, y: y))
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cka-numpy-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try JSONEncoder().encode(cases).write(to: url)
        let result = try PythonEnvironment.run(python, script: Self.script, arguments: [url.path])
        try #require(result.status == 0, "python failed: \(result.stderr)")
        let expected = try JSONDecoder().decode([Double].self, from: Data(result.stdout.utf8))
        try #require(expected.count == cases.count)
        for (c, reference) in zip(cases, expected) {
            let ours = try #require(try cka(c.x, c.y, n: c.n))
            #expect(abs(ours - reference) < 1e-6, "n = \(c.n), d = \(c.dx)/\(c.dy): \(ours) vs numpy \(reference)")
        }
        #expect(expected.contains { abs($0) < 0.2 } && expected.contains { $0 > 0.4 }, "both weak and strong similarity")
    }
}
