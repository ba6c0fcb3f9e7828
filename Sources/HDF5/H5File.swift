import CHDF5
import Foundation

/// An HDF5 file; also its root group ("/"). Written with the 1.8+ object format (large
/// attributes allowed; readable by HDF5 ≥ 1.8 and h5py). Closing it closes every object still
/// open in it; `close()` reports write-back failures, deinit closes silently.
public final class H5File: H5Location {
    public enum CreateMode: Sendable { case truncate, exclusive }
    public enum OpenMode: Sendable { case readOnly, readWrite }

    /// Creates a file (truncating an existing one, or failing if it exists for `.exclusive`).
    public static func create(_ url: URL, mode: CreateMode = .truncate) throws -> H5File {
        ErrorStack.silence()
        let path = url.path
        let fapl = try accessList(path)
        defer { H5Pclose(fapl) }
        let fcpl = try check(H5Pcreate(chdf5_p_file_create()), "H5Pcreate", path)
        defer { H5Pclose(fcpl) }
        try check(H5Pset_link_creation_order(fcpl, UInt32(H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED)),
                  "H5Pset_link_creation_order", path)
        let flags = mode == .truncate ? chdf5_f_acc_trunc() : chdf5_f_acc_excl()
        let id = try check(H5Fcreate(path, flags, fcpl, fapl), "H5Fcreate", path)
        return H5File(id: id, kind: .file, name: "/", fileURL: url, owner: nil)
    }

    /// Opens an existing file.
    public static func open(_ url: URL, mode: OpenMode = .readOnly) throws -> H5File {
        ErrorStack.silence()
        let path = url.path
        let fapl = try accessList(path)
        defer { H5Pclose(fapl) }
        let flags = mode == .readOnly ? chdf5_f_acc_rdonly() : chdf5_f_acc_rdwr()
        let id = try check(H5Fopen(path, flags, fapl), "H5Fopen", path)
        return H5File(id: id, kind: .file, name: "/", fileURL: url, owner: nil)
    }

    /// Whether the file carries an HDF5 signature (false if unreadable or absent).
    public static func isHDF5(_ url: URL) -> Bool {
        ErrorStack.silence()
        let result = H5Fis_hdf5(url.path)
        _ = H5Eclear2(chdf5_e_default())
        return result > 0
    }

    /// Writes all buffered data and metadata of the file to the operating system.
    public func flush() throws {
        let id = try id()
        try check(H5Fflush(id, H5F_SCOPE_GLOBAL), "H5Fflush", location)
    }

    public override var location: String { fileURL.path }

    private static func accessList(_ path: String) throws -> hid_t {
        let fapl = try check(H5Pcreate(chdf5_p_file_access()), "H5Pcreate", path)
        if H5Pset_fclose_degree(fapl, H5F_CLOSE_STRONG) < 0
            || H5Pset_libver_bounds(fapl, H5F_LIBVER_V18, H5F_LIBVER_V110) < 0 {
            let error = ErrorStack.error("H5Pset (file access)", path)
            H5Pclose(fapl)
            throw error
        }
        return fapl
    }
}
