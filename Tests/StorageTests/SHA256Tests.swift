import Storage
import Foundation
import TestSupport
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    @Test("FIPS 180-2 test vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func vectors(input: String, digest: String) {
        #expect(SHA256.hex(input) == digest)
    }

    @Test("one million 'a'")
    func millionA() {
        #expect(SHA256.hex(String(repeating: "a", count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("agrees with Python hashlib at every length around the block boundaries", .requires(.python(["hashlib"])))
    func againstPython() throws {
        let python = try Dependency.pythonInterpreter(["hashlib"])
        let lengths = Array(0...130)
        let script = """
        import hashlib
        for n in range(131):
            print(hashlib.sha256(bytes((i * 31 + 7) % 256 for i in range(n))).hexdigest())
        """
        let result = try PythonEnvironment.run(python, script: script)
        let expected = result.stdout.split(separator: "\n").map(String.init)
        try #require(expected.count == lengths.count, "python: \(result.stderr)")
        for n in lengths {
            let bytes = (0..<n).map { UInt8(($0 * 31 + 7) % 256) }
            #expect(SHA256.hex(bytes: bytes) == expected[n], "length \(n)")
        }
    }
}
