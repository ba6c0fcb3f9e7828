import CCrypto

/// SHA-256 through OpenSSL's libcrypto (`EVP_Digest`), for config fingerprints, record seals and
/// checkpoint digests. Foundation on Linux has no CryptoKit; the plain-Swift version this
/// replaced ran at ≈ 70–100 MB/s, which made hashing most of a checkpoint write's time.
public enum SHA256 {
    /// The 32-byte digest of `bytes`.
    public static func hash<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        if let digest = bytes.withContiguousStorageIfAvailable({ hash(raw: UnsafeRawBufferPointer($0)) }) {
            return digest
        }
        return Array(bytes).withUnsafeBytes { hash(raw: $0) }
    }

    /// The 32-byte digest of the bytes in `raw`.
    public static func hash(raw: UnsafeRawBufferPointer) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let status = digest.withUnsafeMutableBufferPointer { out in
            // A null base (an empty buffer) is fine for libcrypto with a zero count.
            EVP_Digest(raw.baseAddress, raw.count, out.baseAddress, &length, EVP_sha256(), nil)
        }
        // EVP_Digest fails only if libcrypto cannot allocate its context: nothing to recover from.
        precondition(status == 1 && length == 32, "libcrypto's EVP_Digest(SHA-256) failed")
        return Array(digest.prefix(32))
    }

    /// Lowercase hex digest of the string's UTF-8 bytes.
    public static func hex(_ string: String) -> String {
        hex(bytes: Array(string.utf8))
    }

    /// Lowercase hex digest of `bytes`.
    public static func hex<Bytes: Collection>(bytes: Bytes) -> String where Bytes.Element == UInt8 {
        hexText(hash(bytes))
    }

    /// Lowercase hex digest of the bytes in `raw` (no copy).
    public static func hex(raw: UnsafeRawBufferPointer) -> String {
        hexText(hash(raw: raw))
    }

    private static func hexText(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(2 * digest.count)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
