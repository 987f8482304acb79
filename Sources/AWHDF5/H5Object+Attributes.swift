import CHDF5

/// Attributes on files (the root group), groups and datasets.
///
/// Writing an attribute that already exists replaces it (delete, then create). Names are listed in
/// name order. See `H5AttributeValue` for the stored types.
extension H5Object {
    /// Writes (or replaces) attribute `name`.
    public func setAttribute(_ name: String, _ value: H5AttributeValue) throws {
        try H5Library.locked {
            let id = try openID("write attribute '\(name)'")
            let check = checker()
            guard !name.isEmpty else { throw check.error("write attribute", reason: "empty attribute name") }
            if try check.code(H5Aexists(id, name), "look up attribute '\(name)'") > 0 {
                try check.code(H5Adelete(id, name), "replace attribute '\(name)'")
            }
            switch value {
            case .double(let x): try write(name, [x], scalar: true, type: .float64, check)
            case .int64(let x): try write(name, [x], scalar: true, type: .int64, check)
            case .doubleArray(let xs): try write(name, xs, scalar: false, type: .float64, check)
            case .int64Array(let xs): try write(name, xs, scalar: false, type: .int64, check)
            case .string(let text): try writeString(name, text, check)
            }
        }
    }

    public func setAttribute(_ name: String, _ value: Double) throws { try setAttribute(name, .double(value)) }
    public func setAttribute(_ name: String, _ value: Int64) throws { try setAttribute(name, .int64(value)) }
    public func setAttribute(_ name: String, _ value: Int) throws { try setAttribute(name, .int64(Int64(value))) }
    public func setAttribute(_ name: String, _ value: String) throws { try setAttribute(name, .string(value)) }
    public func setAttribute(_ name: String, _ value: [Double]) throws { try setAttribute(name, .doubleArray(value)) }
    public func setAttribute(_ name: String, _ value: [Int64]) throws { try setAttribute(name, .int64Array(value)) }

    /// Whether attribute `name` exists.
    public func hasAttribute(_ name: String) throws -> Bool {
        try H5Library.locked {
            let id = try openID("look up attribute '\(name)'")
            return try checker().code(H5Aexists(id, name), "look up attribute '\(name)'") > 0
        }
    }

    /// Attribute names, sorted by name.
    public func attributeNames() throws -> [String] {
        try H5Library.locked {
            let id = try openID("list attributes")
            final class Names { var list: [String] = [] }
            let names = Names()
            let unmanaged = Unmanaged.passRetained(names)
            defer { unmanaged.release() }
            var index: hsize_t = 0
            try checker().code(H5Aiterate2(id, H5_INDEX_NAME, H5_ITER_INC, &index, { _, name, _, data in
                guard let name, let data else { return -1 }
                Unmanaged<Names>.fromOpaque(data).takeUnretainedValue().list.append(String(cString: name))
                return 0
            }, unmanaged.toOpaque()), "list attributes")
            return names.list
        }
    }

    /// Most elements an attribute read will allocate (1-D attributes).
    public static var maxAttributeElements: Int { 1 << 20 }
    /// Largest element (a fixed-length string) an attribute read will allocate.
    public static var maxAttributeBytes: Int { 16 << 20 }

    /// Reads attribute `name`. Throws if missing or of a type AWHDF5 does not read (see
    /// `H5AttributeValue`).
    public func attribute(_ name: String) throws -> H5AttributeValue {
        try H5Library.locked {
            let id = try openID("read attribute '\(name)'")
            let check = checker()
            if try check.code(H5Aexists(id, name), "look up attribute '\(name)'") == 0 {
                throw check.error("read attribute '\(name)'", reason: "no such attribute")
            }
            let attribute = try check.id(H5Aopen(id, name, awd_h5p_default()), "open attribute '\(name)'")
            defer { _ = H5Aclose(attribute) }
            let type = try check.id(H5Aget_type(attribute), "read type of attribute '\(name)'")
            defer { _ = H5Tclose(type) }
            let space = try check.id(H5Aget_space(attribute), "read dataspace of attribute '\(name)'")
            defer { _ = H5Sclose(space) }
            let rank = try check.code(H5Sget_simple_extent_ndims(space), "read rank of attribute '\(name)'")
            let count = Int(H5Sget_simple_extent_npoints(space))
            let typeClass = H5Tget_class(type)
            let operation = "read attribute '\(name)'"
            // Attributes are small metadata (awd writes at most a few hundred values): a declared
            // size beyond the bound is a crafted file, refused before anything is allocated.
            guard count >= 0, count <= Self.maxAttributeElements, H5Tget_size(type) <= Self.maxAttributeBytes else {
                throw check.error(operation, reason: "declares \(count) elements of \(H5Tget_size(type)) bytes; "
                                      + "allowed at most \(Self.maxAttributeElements) elements of \(Self.maxAttributeBytes) bytes")
            }

            if typeClass == H5T_STRING {
                guard rank == 0 else { throw check.error(operation, reason: "only scalar string attributes are supported (rank \(rank))") }
                return .string(try readString(attribute, type: type, space: space, check, operation))
            }
            guard rank <= 1 else {
                throw check.error(operation, reason: "only scalar and 1-D attributes are supported (rank \(rank))")
            }
            switch typeClass {
            case H5T_FLOAT:
                var values = [Double](repeating: 0, count: count)
                if count > 0 {
                    try values.withUnsafeMutableBytes { buffer in
                        _ = try check.code(H5Aread(attribute, awd_h5t_native_double(), buffer.baseAddress), operation)
                    }
                }
                return rank == 0 ? .double(values.first ?? .nan) : .doubleArray(values)
            case H5T_INTEGER:
                let size = H5Tget_size(type)
                if size == 8 && H5Tget_sign(type) == H5T_SGN_NONE {
                    throw check.error(operation, reason: "uint64 attributes are not read (values may not fit Int64)")
                }
                var values = [Int64](repeating: 0, count: count)
                if count > 0 {
                    try values.withUnsafeMutableBytes { buffer in
                        _ = try check.code(H5Aread(attribute, awd_h5t_native_int64(), buffer.baseAddress), operation)
                    }
                }
                return rank == 0 ? .int64(values.first ?? 0) : .int64Array(values)
            default:
                throw check.error(operation, reason: "unsupported attribute type class \(typeClass.rawValue)")
            }
        }
    }

    /// Reads a scalar float attribute (float32 or float64).
    public func doubleAttribute(_ name: String) throws -> Double {
        let value = try attribute(name)
        guard case .double(let x) = value else { throw mismatch(name, value, expected: "scalar float64") }
        return x
    }

    /// Reads a scalar integer attribute.
    public func int64Attribute(_ name: String) throws -> Int64 {
        let value = try attribute(name)
        guard case .int64(let x) = value else { throw mismatch(name, value, expected: "scalar int64") }
        return x
    }

    /// Reads a string attribute (fixed- or variable-length).
    public func stringAttribute(_ name: String) throws -> String {
        let value = try attribute(name)
        guard case .string(let x) = value else { throw mismatch(name, value, expected: "string") }
        return x
    }

    /// Reads a 1-D float attribute.
    public func doubleArrayAttribute(_ name: String) throws -> [Double] {
        let value = try attribute(name)
        guard case .doubleArray(let x) = value else { throw mismatch(name, value, expected: "1-D float64 array") }
        return x
    }

    /// Reads a 1-D integer attribute.
    public func int64ArrayAttribute(_ name: String) throws -> [Int64] {
        let value = try attribute(name)
        guard case .int64Array(let x) = value else { throw mismatch(name, value, expected: "1-D int64 array") }
        return x
    }

    // MARK: - Helpers (lock held)

    private func mismatch(_ name: String, _ value: H5AttributeValue, expected: String) -> HDF5Error {
        HDF5Error(operation: "read attribute '\(name)'", file: filePath, object: path,
                  reason: "expected a \(expected), found a \(value.kind)")
    }

    private func write<T: H5Element>(_ name: String, _ values: [T], scalar: Bool, type: H5ElementType, _ check: H5Check) throws {
        let operation = "write attribute '\(name)'"
        let space: hid_t
        if scalar {
            space = try check.id(H5Screate(H5S_SCALAR), operation)
        } else {
            var dims = [hsize_t(values.count)]
            space = try check.id(H5Screate_simple(1, &dims, nil), operation)
        }
        defer { _ = H5Sclose(space) }
        let attribute = try check.id(H5Acreate2(rawID, name, type.fileTypeID, space, awd_h5p_default(), awd_h5p_default()), operation)
        defer { _ = H5Aclose(attribute) }
        if !values.isEmpty {
            try values.withUnsafeBytes { buffer in
                _ = try check.code(H5Awrite(attribute, type.memoryTypeID, buffer.baseAddress), operation)
            }
        }
    }

    private func writeString(_ name: String, _ text: String, _ check: H5Check) throws {
        let operation = "write attribute '\(name)'"
        var bytes = Array(text.utf8)
        if bytes.contains(0) {
            throw check.error(operation, reason: "the string contains a NUL character, which a NUL-terminated HDF5 string cannot hold")
        }
        bytes.append(0)
        let type = try check.id(H5Tcopy(awd_h5t_c_s1()), operation)
        defer { _ = H5Tclose(type) }
        try check.code(H5Tset_size(type, bytes.count), operation)
        try check.code(H5Tset_strpad(type, H5T_STR_NULLTERM), operation)
        try check.code(H5Tset_cset(type, H5T_CSET_UTF8), operation)
        let space = try check.id(H5Screate(H5S_SCALAR), operation)
        defer { _ = H5Sclose(space) }
        let attribute = try check.id(H5Acreate2(rawID, name, type, space, awd_h5p_default(), awd_h5p_default()), operation)
        defer { _ = H5Aclose(attribute) }
        try bytes.withUnsafeBytes { buffer in
            _ = try check.code(H5Awrite(attribute, type, buffer.baseAddress), operation)
        }
    }

    private func readString(_ attribute: hid_t, type: hid_t, space: hid_t, _ check: H5Check, _ operation: String) throws -> String {
        let isVariable = try check.code(H5Tis_variable_str(type), operation)
        let cset = H5Tget_cset(type)
        if isVariable > 0 {
            let memType = try check.id(H5Tcopy(awd_h5t_c_s1()), operation)
            defer { _ = H5Tclose(memType) }
            try check.code(H5Tset_size(memType, awd_h5t_variable()), operation)
            if cset != H5T_CSET_ERROR { try check.code(H5Tset_cset(memType, cset), operation) }
            var pointer: UnsafeMutablePointer<CChar>? = nil
            try check.code(H5Aread(attribute, memType, &pointer), operation)
            defer { _ = H5Dvlen_reclaim(memType, space, awd_h5p_default(), &pointer) }
            return pointer.map { String(cString: $0) } ?? ""
        }
        let size = H5Tget_size(type)
        guard size > 0 else { throw check.error(operation) }
        var bytes = [UInt8](repeating: 0, count: size)
        try bytes.withUnsafeMutableBytes { buffer in
            _ = try check.code(H5Aread(attribute, type, buffer.baseAddress), operation)
        }
        // NULLTERM / NULLPAD: stop at the first NUL; SPACEPAD: drop trailing spaces.
        if let end = bytes.firstIndex(of: 0) { bytes.removeSubrange(end...) }
        if H5Tget_strpad(type) == H5T_STR_SPACEPAD {
            while bytes.last == 0x20 { bytes.removeLast() }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
