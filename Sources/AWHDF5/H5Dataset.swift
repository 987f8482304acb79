import CHDF5

/// An open HDF5 dataset.
///
/// Reading converts between the stored type and the requested Swift type only where no value
/// can change meaning:
/// - float32 <-> float64 in both directions (float64 read as Float rounds to nearest, as HDF5
///   converts; values outside Float's range become +-infinity);
/// - integers to a wider or equal integer type that holds every stored value (uint8 -> Int64,
///   int8/16/32/64 -> Int64, uint8 -> UInt8);
/// - everything else (integer <-> float, int64 -> UInt8, strings, compounds) throws `HDF5Error`.
public final class H5Dataset: H5Object, @unchecked Sendable {
    init(id: hid_t, filePath: String, path: String, owningFile: H5File) {
        super.init(kind: .dataset, id: id, filePath: filePath, path: path, owningFile: owningFile)
    }

    /// The dataset's shape (`[]` for a scalar dataset).
    public func shape() throws -> [Int] {
        try H5Library.locked {
            let check = checker()
            let space = try check.id(H5Dget_space(try openID("read shape")), "read dataspace")
            defer { _ = H5Sclose(space) }
            return try shape(of: space, check)
        }
    }

    /// The stored element type if it is one AWHDF5 writes (float32, float64, int64, uint8, any
    /// byte order), else nil.
    public func storedType() throws -> H5ElementType? {
        try H5Library.locked {
            let check = checker()
            let type = try check.id(H5Dget_type(try openID("read type")), "read datatype")
            defer { _ = H5Tclose(type) }
            let info = try typeInfo(type, check)
            switch (info.typeClass, info.size, info.signed) {
            case (H5T_FLOAT, 4, _): return .float32
            case (H5T_FLOAT, 8, _): return .float64
            case (H5T_INTEGER, 8, true): return .int64
            case (H5T_INTEGER, 1, false): return .uint8
            default: return nil
            }
        }
    }

    /// The chunk shape, or nil for contiguous (or compact) storage.
    public func chunkShape() throws -> [Int]? {
        try H5Library.locked {
            let check = checker()
            let dcpl = try check.id(H5Dget_create_plist(try openID("read layout")), "read creation properties")
            defer { _ = H5Pclose(dcpl) }
            guard H5Pget_layout(dcpl) == H5D_CHUNKED else { return nil }
            var dims = [hsize_t](repeating: 0, count: 32)
            let rank = try check.code(H5Pget_chunk(dcpl, Int32(dims.count), &dims), "read chunk shape")
            return dims.prefix(Int(rank)).map { Int($0) }
        }
    }

    /// Whether the deflate (gzip) filter is in the dataset's filter pipeline.
    public func isGzipCompressed() throws -> Bool {
        try H5Library.locked {
            let check = checker()
            let dcpl = try check.id(H5Dget_create_plist(try openID("read filters")), "read creation properties")
            defer { _ = H5Pclose(dcpl) }
            let count = try check.code(H5Pget_nfilters(dcpl), "read filters")
            for index in 0..<UInt32(count) {
                var flags: UInt32 = 0
                var nValues = 0
                var name = [CChar](repeating: 0, count: 64)
                var config: UInt32 = 0
                let filter = H5Pget_filter2(dcpl, index, &flags, &nValues, nil, name.count, &name, &config)
                if filter == H5Z_filter_t(awd_h5z_filter_deflate()) { return true }
            }
            return false
        }
    }

    /// Reads the whole dataset as flat row-major values plus shape, converting as described above.
    public func read<T: H5Element>(_ type: T.Type = T.self) throws -> H5Array<T> {
        try H5Library.locked {
            let check = checker()
            let id = try openID("read dataset")
            let fileType = try check.id(H5Dget_type(id), "read datatype")
            defer { _ = H5Tclose(fileType) }
            let info = try typeInfo(fileType, check)
            try Self.checkConvertible(info, to: T.h5ElementType, check)
            let space = try check.id(H5Dget_space(id), "read dataspace")
            defer { _ = H5Sclose(space) }
            let shape = try shape(of: space, check)
            let count = Int(H5Sget_simple_extent_npoints(space))
            guard count >= 0 else { throw check.error("read dataspace") }
            try Self.checkDeclaredSize(id, count: count, elementSize: info.size, check)
            var values = [T](repeating: T.h5Zero, count: count)
            if count > 0 {
                try values.withUnsafeMutableBytes { buffer in
                    _ = try check.code(
                        H5Dread(id, T.h5ElementType.memoryTypeID, awd_h5s_all(), awd_h5s_all(), awd_h5p_default(), buffer.baseAddress),
                        "read dataset as \(T.h5ElementType)")
                }
            }
            return H5Array(values: values, shape: count == 0 && shape.isEmpty ? [0] : shape)
        }
    }

    /// Most bytes one stored byte can expand to through the filter pipeline (deflate's limit is
    /// about 1032:1), with room for the chunk index.
    static let maxExpansion = 1100

    /// Bounds the declared size against what the file holds before anything is allocated: the
    /// bytes the dataspace declares (elements x file element size) must fit the dataset's storage
    /// (times `maxExpansion` with filters), and the storage must fit the file. A crafted or
    /// truncated file is refused with the sizes, never read into an allocation it cannot fill.
    /// Lock held.
    static func checkDeclaredSize(_ id: hid_t, count: Int, elementSize: Int, _ check: H5Check) throws {
        let operation = "read dataset"
        let (declared, overflow) = count.multipliedReportingOverflow(by: max(elementSize, 1))
        guard !overflow else { throw check.error(operation, reason: "declares \(count) elements of \(elementSize) bytes (more than any memory)") }
        guard declared > 0 else { return }
        let stored = Int(clamping: H5Dget_storage_size(id))
        let fileID = H5Iget_file_id(id)
        var fileSize: hsize_t = 0
        if fileID >= 0 {
            defer { _ = H5Fclose(fileID) }
            _ = H5Fget_filesize(fileID, &fileSize)
        }
        let dcpl = try check.id(H5Dget_create_plist(id), "read creation properties")
        defer { _ = H5Pclose(dcpl) }
        let filtered = H5Pget_nfilters(dcpl) > 0
        let (bound, boundOverflow) = stored.multipliedReportingOverflow(by: filtered ? maxExpansion : 1)
        if stored == 0 {
            throw check.error(operation, reason: "declares \(count) elements (\(declared) bytes) but stores none")
        }
        if !boundOverflow && declared > bound + (filtered ? 65_536 : 0) {
            throw check.error(operation, reason: "declares \(count) elements (\(declared) bytes) but stores \(stored) bytes"
                                  + (filtered ? " (compressed; at most \(maxExpansion):1)" : ""))
        }
        if fileSize > 0 && stored > Int(clamping: fileSize) {
            throw check.error(operation, reason: "stores \(stored) bytes in a file of \(fileSize) bytes (truncated?)")
        }
    }

    struct TypeInfo {
        var typeClass: H5T_class_t
        var size: Int
        var signed: Bool
        var name: String {
            switch typeClass {
            case H5T_FLOAT: "float\(size * 8)"
            case H5T_INTEGER: (signed ? "int" : "uint") + "\(size * 8)"
            case H5T_STRING: "string"
            case H5T_COMPOUND: "compound"
            case H5T_ENUM: "enum"
            case H5T_ARRAY: "array"
            default: "HDF5 type class \(typeClass.rawValue)"
            }
        }
    }

    /// Class, size and sign of a datatype. Lock held.
    func typeInfo(_ type: hid_t, _ check: H5Check) throws -> TypeInfo {
        let typeClass = H5Tget_class(type)
        guard typeClass != H5T_NO_CLASS else { throw check.error("read datatype class") }
        let size = H5Tget_size(type)
        guard size > 0 else { throw check.error("read datatype size") }
        var signed = false
        if typeClass == H5T_INTEGER {
            let sign = H5Tget_sign(type)
            guard sign != H5T_SGN_ERROR else { throw check.error("read integer sign") }
            signed = sign == H5T_SGN_2
        }
        return TypeInfo(typeClass: typeClass, size: size, signed: signed)
    }

    /// Throws unless a stored type converts to `target` without changing any value's meaning.
    static func checkConvertible(_ info: TypeInfo, to target: H5ElementType, _ check: H5Check) throws {
        let ok: Bool
        switch target {
        case .float32, .float64:
            ok = info.typeClass == H5T_FLOAT
        case .int64:
            ok = info.typeClass == H5T_INTEGER && (info.size < 8 || (info.size == 8 && info.signed))
        case .uint8:
            ok = info.typeClass == H5T_INTEGER && info.size == 1 && !info.signed
        }
        if !ok {
            throw check.error("read dataset", reason: "stored type \(info.name) cannot be read as \(target) without changing values (only float32<->float64 and widening integer reads convert)")
        }
    }

    /// Dimensions of a dataspace. Lock held.
    func shape(of space: hid_t, _ check: H5Check) throws -> [Int] {
        let rank = try check.code(H5Sget_simple_extent_ndims(space), "read rank")
        var dims = [hsize_t](repeating: 0, count: Int(rank))
        if rank > 0 {
            try check.code(H5Sget_simple_extent_dims(space, &dims, nil), "read dimensions")
        }
        return dims.map { Int($0) }
    }
}
