import Foundation
import Storage
import HDF5

/// A digest of a checkpoint file's bytes, in the file's 512-byte HDF5 user block (which
/// libhdf5 and h5py skip): `transferability-checkpoint sha256 <hex>\n`, over every byte after
/// the block. It is checked *before* libhdf5 parses the file, so a damaged file never reaches
/// the library (whose parser can crash on some damaged metadata). Files without a user block
/// (written before seals) are read as before.
enum CheckpointSeal {
    static let blockSize = 512
    static let magic = Array("transferability-checkpoint sha256 ".utf8)

    /// Fills the user block of a file image with the digest of the rest.
    static func seal(_ image: inout [UInt8]) {
        let text = magic + Array(SHA256.hex(bytes: image[blockSize...]).utf8) + [0x0A]
        image.replaceSubrange(0..<text.count, with: text)
    }

    /// Seals a sealed file again after an edit in place (tests edit files through libhdf5 to
    /// reach the checks behind the seal).
    static func reseal(_ url: URL) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        guard bytes.starts(with: magic), bytes.count > blockSize else { return }
        seal(&bytes)
        try Data(bytes).write(to: url)
    }

    /// Checks a file's seal. Throws `.corrupt` when the digest does not match, or when the file
    /// has a user block without an intact seal (only this tool writes one).
    static func verify(_ url: URL) throws {
        let path = url.path
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: url, options: .mappedIfSafe)) } catch {
            throw CheckpointError.io(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
        let stored = bytes.starts(with: magic) && bytes.count > blockSize
            ? String(decoding: bytes[magic.count..<(magic.count + 64)], as: UTF8.self) : nil
        guard let stored else {
            if let offset = H5File.superblockOffset(bytes), offset > 0 {
                throw CheckpointError.corrupt(path: path, reason: "its integrity header (user block) is damaged")
            }
            return  // written before seals
        }
        let actual = SHA256.hex(bytes: bytes[blockSize...])
        guard actual == stored else {
            throw CheckpointError.corrupt(path: path, reason: "the file's bytes do not match the SHA-256 in its header (stored \(stored.prefix(12))…, read \(actual.prefix(12))…)")
        }
    }
}
