import CHDF5

/// An open HDF5 group. Obtain from `H5File`/`H5Group` (`createGroup`, `requireGroup`, `group`).
public final class H5Group: H5Container, @unchecked Sendable {
    init(id: hid_t, filePath: String, path: String, owningFile: H5File) {
        super.init(kind: .group, id: id, filePath: filePath, path: path, owningFile: owningFile)
    }
}
