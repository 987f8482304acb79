import CHDF5

/// An open HDF5 object (file, group or dataset) that can carry attributes.
///
/// Identifiers are closed in `deinit` (RAII): an object stays open as long as a Swift reference to
/// it exists. Groups and datasets keep their `H5File` alive, and HDF5 keeps a file open on disk
/// until every object opened from it is closed, so release everything (or let it go out of scope)
/// before comparing or copying the file's bytes. All HDF5 calls run under one global lock, so
/// objects may be used from any thread (calls are serialised, not concurrent).
public class H5Object: @unchecked Sendable {
    enum Kind { case file, group, dataset }

    let kind: Kind
    /// The HDF5 identifier, or -1 once closed. Read and written under the global lock.
    var rawID: hid_t
    /// The file on disk.
    public let filePath: String
    /// The absolute path of the object inside the file ("/" for a file or its root group).
    public let path: String
    /// Keeps the file object alive while groups and datasets opened from it exist.
    let owningFile: H5File?

    init(kind: Kind, id: hid_t, filePath: String, path: String, owningFile: H5File?) {
        self.kind = kind
        self.rawID = id
        self.filePath = filePath
        self.path = path
        self.owningFile = owningFile
    }

    deinit {
        H5Library.locked { closeID() }
    }

    /// Closes the identifier now (idempotent), ignoring HDF5's status (for `deinit`). Call with the lock held.
    func closeID() {
        _ = closeIDReportingStatus()
    }

    /// Closes the identifier now (idempotent) and returns HDF5's status: negative when the flush
    /// or the close failed (e.g. a write error on buffered data). Call with the lock held.
    func closeIDReportingStatus() -> Int32 {
        guard rawID >= 0 else { return 0 }
        var status: Int32 = 0
        switch kind {
        case .file:
            let flushed = H5Fflush(rawID, H5F_SCOPE_GLOBAL)
            let closed = H5Fclose(rawID)
            status = min(flushed, closed)
        case .group: status = H5Gclose(rawID)
        case .dataset: status = H5Dclose(rawID)
        }
        rawID = -1
        return status
    }

    /// A checker that names this object's file and `object` (default: this object's path).
    func checker(_ object: String? = nil) -> H5Check {
        H5Check(file: filePath, object: object ?? path)
    }

    /// The open identifier; throws if the object was closed. Call with the lock held.
    func openID(_ operation: String) throws -> hid_t {
        guard rawID >= 0 else {
            throw checker().error(operation, reason: "the object has been closed")
        }
        return rawID
    }

    /// The absolute path of `relative` below this object (a leading "/" means absolute).
    func absolutePath(_ relative: String) -> String {
        let base = relative.hasPrefix("/") ? [] : H5Object.components(path)
        let joined = base + H5Object.components(relative)
        return "/" + joined.joined(separator: "/")
    }

    /// Non-empty path components, "." dropped.
    static func components(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init).filter { $0 != "." }
    }
}
