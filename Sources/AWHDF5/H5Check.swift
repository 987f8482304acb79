import CHDF5

/// Turns HDF5 return codes into thrown `HDF5Error`s. Use with the lock held.
struct H5Check {
    let file: String
    let object: String

    /// Throws if `code` is negative (herr_t / htri_t convention).
    @discardableResult
    func code(_ code: Int32, _ operation: String) throws -> Int32 {
        if code < 0 { throw error(operation) }
        return code
    }

    /// Throws if the identifier is negative.
    func id(_ id: hid_t, _ operation: String) throws -> hid_t {
        if id < 0 { throw error(operation) }
        return id
    }

    /// Throws if a size/count result is negative.
    func size(_ value: Int, _ operation: String) throws -> Int {
        if value < 0 { throw error(operation) }
        return value
    }

    /// An error with the reason taken from the HDF5 error stack.
    func error(_ operation: String) -> HDF5Error {
        HDF5Error(operation: operation, file: file, object: object, reason: H5Library.reasonFromStack())
    }

    /// An error with our own reason (the HDF5 stack is cleared).
    func error(_ operation: String, reason: String) -> HDF5Error {
        _ = H5Eclear2(awd_h5e_default())
        return HDF5Error(operation: operation, file: file, object: object, reason: reason)
    }
}
