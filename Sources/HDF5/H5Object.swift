import CHDF5
import Foundation

/// An open HDF5 object (file, group or dataset) that owns one hid_t. The id is closed by
/// `close()` or, failing that, on deinit. Children keep their file object alive; closing the
/// file explicitly closes every object still open in it (close degree "strong"), after which
/// those objects report `.closed`.
public class H5Object {
    enum Kind { case file, group, dataset }

    let rawID: hid_t
    let kind: Kind
    /// The object's path inside its file ("/" for the file itself).
    public let name: String
    /// The file this object lives in.
    public let fileURL: URL
    /// Keeps the file object (and so its hid_t) alive while this child exists; nil for files.
    let owner: H5File?
    private var isOpen = true

    init(id: hid_t, kind: Kind, name: String, fileURL: URL, owner: H5File?) {
        self.rawID = id
        self.kind = kind
        self.name = name
        self.fileURL = fileURL
        self.owner = owner
    }

    deinit {
        if isOpen {
            ErrorStack.silence()
            if H5Iis_valid(rawID) > 0 { _ = Self.closeID(rawID, kind) }
            _ = H5Eclear2(chdf5_e_default())
        }
    }

    /// "<file path>:<object path>", used in every error message.
    public var location: String { "\(fileURL.path):\(name)" }

    /// Location of a path relative to this object.
    func location(of path: String) -> String { "\(fileURL.path):\(resolve(path))" }

    /// The absolute in-file path of `path` relative to this object.
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path == "." || path.isEmpty { return name }
        return name == "/" ? "/" + path : name + "/" + path
    }

    /// Whether the object is still open (false after `close()` or after its file was closed).
    public var isValid: Bool { isOpen && H5Iis_valid(rawID) > 0 }

    /// The live id, or `.closed`. Also silences libhdf5's stderr printing for this thread.
    func id() throws -> hid_t {
        ErrorStack.silence()
        guard isValid else { throw HDF5Error.closed(path: location) }
        return rawID
    }

    /// Closes the object's id. Idempotent; the file's close reports write-back failures.
    public func close() throws {
        guard isOpen else { return }
        isOpen = false
        ErrorStack.silence()
        guard H5Iis_valid(rawID) > 0 else { return }
        try check(Self.closeID(rawID, kind), "close", location)
    }

    static func closeID(_ id: hid_t, _ kind: Kind) -> herr_t {
        switch kind {
        case .file: H5Fclose(id)
        case .group: H5Gclose(id)
        case .dataset: H5Dclose(id)
        }
    }
}
