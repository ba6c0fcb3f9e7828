import CHDF5
import Foundation

extension H5File {
    /// Creates a file that lives only in memory (HDF5's core driver, no backing store):
    /// libhdf5 never touches the disk for it, so a full or failing disk cannot fail inside the
    /// library. `url` only names it in errors. Take its bytes with `image()`.
    /// `userBlock`: bytes reserved before the HDF5 data (0, or a power of two ≥ 512) that
    /// libhdf5 and other readers skip. `image()` leaves them out (it starts at the superblock);
    /// a file on disk is those bytes followed by the image.
    public static func createInMemory(_ url: URL, userBlock: Int = 0) throws -> H5File {
        ErrorStack.silence()
        let path = url.path
        let fapl = try check(H5Pcreate(chdf5_p_file_access()), "H5Pcreate", path)
        defer { H5Pclose(fapl) }
        try check(H5Pset_fclose_degree(fapl, H5F_CLOSE_STRONG), "H5Pset_fclose_degree", path)
        try check(H5Pset_libver_bounds(fapl, H5F_LIBVER_V18, H5F_LIBVER_V110), "H5Pset_libver_bounds", path)
        try check(H5Pset_fapl_core(fapl, 1 << 20, false), "H5Pset_fapl_core", path)
        let fcpl = try check(H5Pcreate(chdf5_p_file_create()), "H5Pcreate", path)
        defer { H5Pclose(fcpl) }
        try check(H5Pset_link_creation_order(fcpl, UInt32(H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED)),
                  "H5Pset_link_creation_order", path)
        if userBlock > 0 { try check(H5Pset_userblock(fcpl, hsize_t(userBlock)), "H5Pset_userblock", path) }
        let id = try check(H5Fcreate(path, chdf5_f_acc_trunc(), fcpl, fapl), "H5Fcreate (in memory)", path)
        return H5File(id: id, kind: .file, name: "/", fileURL: url, owner: nil)
    }

    /// The complete bytes of the file as it would be on disk (flushed first).
    public func image() throws -> [UInt8] {
        let id = try id()
        try check(H5Fflush(id, H5F_SCOPE_GLOBAL), "H5Fflush", location)
        let size = try check(H5Fget_file_image(id, nil, 0), "H5Fget_file_image", location)
        var bytes = [UInt8](repeating: 0, count: size)
        let copied = try bytes.withUnsafeMutableBytes { buffer in
            try check(H5Fget_file_image(id, buffer.baseAddress, size), "H5Fget_file_image", location)
        }
        guard copied == size else { throw HDF5Error.library(operation: "H5Fget_file_image", path: location, stack: ["copied \(copied) of \(size) bytes"]) }
        Self.resealSuperblock(&bytes)
        return bytes
    }

    /// libhdf5 1.10 clears the "open for writing" flags in the image's version 2/3 superblock
    /// without updating its checksum; this recomputes it (the image is then byte-identical to
    /// the file a disk-backed close would write).
    static func resealSuperblock(_ bytes: inout [UInt8]) {
        guard let start = superblockOffset(bytes), bytes[start + 8] >= 2 else { return }
        let length = 12 + 4 * Int(bytes[start + 9])  // signature … root object header address
        guard bytes.count >= start + length + 4 else { return }
        let sum = bytes.withUnsafeBytes { H5_checksum_metadata($0.baseAddress! + start, length, 0) }
        for i in 0..<4 { bytes[start + length + i] = UInt8(truncatingIfNeeded: sum >> (8 * UInt32(i))) }
    }

    /// Where the HDF5 signature is: offset 0, 512, 1024, 2048… (after a user block), or nil.
    public static func superblockOffset(_ bytes: [UInt8]) -> Int? {
        let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]
        var offset = 0
        while offset + 12 <= bytes.count {
            if Array(bytes[offset..<(offset + 8)]) == signature { return offset }
            offset = offset == 0 ? 512 : offset * 2
        }
        return nil
    }
}
