import CHDF5
import Foundation

/// An HDF5 file, opened for writing (created, truncating any existing file) or reading.
///
/// The file is also its root group ("/"): groups, datasets and attributes can be created and read
/// directly on it (file attributes are root-group attributes, as in h5py).
///
/// Reproducible output: files are written with object time stamps off (file, group and dataset
/// creation property lists), link creation order not tracked, and the earliest possible file
/// format (library version bounds EARLIEST...V18), so writing the same content in the same order
/// gives byte-identical files, readable by HDF5 1.8 and later (h5py, h5dump).
public final class H5File: H5Container, @unchecked Sendable {
    /// How an existing file is opened.
    public enum Mode: Sendable { case readOnly, readWrite }

    /// Whether the file was opened read-only.
    public let isReadOnly: Bool

    private init(id: hid_t, filePath: String, readOnly: Bool) {
        self.isReadOnly = readOnly
        super.init(kind: .file, id: id, filePath: filePath, path: "/", owningFile: nil)
    }

    /// Creates `path`, truncating an existing file. The directory must exist.
    public static func create(_ path: String) throws -> H5File {
        try H5Library.locked {
            let check = H5Check(file: path, object: "")
            let fcpl = try check.id(H5Pcreate(awd_h5p_file_create()), "create file-creation property list")
            defer { _ = H5Pclose(fcpl) }
            // The root group is created from the file-creation list (a group-creation subclass).
            try check.code(H5Pset_obj_track_times(fcpl, false), "switch off time tracking of the root group")
            try check.code(H5Pset_link_creation_order(fcpl, 0), "switch off link creation order")
            let fapl = try fileAccessList(check)
            defer { _ = H5Pclose(fapl) }
            let id = try check.id(H5Fcreate(path, awd_h5f_acc_trunc(), fcpl, fapl), "create file")
            return H5File(id: id, filePath: path, readOnly: false)
        }
    }

    /// Opens an existing file, read-only by default.
    ///
    /// Throws `HDF5Error` with a clear reason for a missing file, a directory, a file that is not
    /// HDF5 (no signature) and a truncated or corrupted file (HDF5's own message, e.g.
    /// "truncated file: eof = ..."), never crashing.
    public static func open(_ path: String, mode: Mode = .readOnly) throws -> H5File {
        try H5Library.locked {
            let check = H5Check(file: path, object: "")
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw check.error("open file", reason: "no such file")
            }
            if isDirectory.boolValue {
                throw check.error("open file", reason: "the path is a directory, not a file")
            }
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw check.error("open file", reason: "the file is not readable (permissions)")
            }
            let isHDF5 = H5Fis_hdf5(path)
            if isHDF5 == 0 {
                throw check.error("open file", reason: "not an HDF5 file (no HDF5 signature found)")
            } else if isHDF5 < 0 {
                throw check.error("open file")
            }
            let fapl = try fileAccessList(check)
            defer { _ = H5Pclose(fapl) }
            let flags = mode == .readOnly ? awd_h5f_acc_rdonly() : awd_h5f_acc_rdwr()
            let id = try check.id(H5Fopen(path, flags, fapl), "open file")
            return H5File(id: id, filePath: path, readOnly: mode == .readOnly)
        }
    }

    /// The file-access property list: earliest format that can hold our objects, weak close.
    private static func fileAccessList(_ check: H5Check) throws -> hid_t {
        let fapl = try check.id(H5Pcreate(awd_h5p_file_access()), "create file-access property list")
        do {
            try check.code(H5Pset_libver_bounds(fapl, H5F_LIBVER_EARLIEST, H5F_LIBVER_V18), "set library version bounds")
        } catch {
            _ = H5Pclose(fapl)
            throw error
        }
        return fapl
    }

    /// Writes buffered data to disk (the file stays open).
    public func flush() throws {
        try H5Library.locked {
            let id = try openID("flush file")
            try checker().code(H5Fflush(id, H5F_SCOPE_GLOBAL), "flush file")
        }
    }

    /// Flushes and closes the file identifier now (also done automatically in `deinit`).
    /// Groups and datasets still referenced keep the file open inside HDF5 until they are released.
    public func close() {
        H5Library.locked { closeID() }
    }

    /// Flushes and closes the file now, throwing when HDF5 reports that either failed (buffered
    /// data that could not be written). Objects of the file still referenced must be released first.
    public func closeChecked() throws {
        try H5Library.locked {
            let check = checker()
            if closeIDReportingStatus() < 0 { throw check.error("flush and close file") }
        }
    }

    /// Whether `close()` was called.
    public var isClosed: Bool {
        H5Library.locked { rawID < 0 }
    }
}
