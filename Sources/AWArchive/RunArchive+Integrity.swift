import AWCore
import AWHDF5

// Per-dataset checksums: every dataset of an archive carries the attribute `sha256`, the SHA-256
// of its elements' little-endian bytes as stored. Readers (`RunArchive.read`, resume through
// `RunStatus`, `awd verify`) recompute them, so an archive damaged after it was written is refused
// (and redone), not read as if whole. Archives written before the attribute existed have none and
// are read as before.

extension RunArchive {
    /// The checksum attribute of every dataset.
    public static let checksumAttribute = "sha256"

    /// Creates a dataset and (unless writing the first layout, for reader tests) stores the checksum of its values.
    @discardableResult
    static func dataset<T: H5Element>(_ g: H5Container, _ name: String, values: [T], shape: [Int],
                                      options: H5DatasetOptions = .contiguous, checksum withChecksum: Bool) throws -> H5Dataset {
        let d = try g.createDataset(name, values: values, shape: shape, options: options)
        if withChecksum { try d.setAttribute(checksumAttribute, checksum(values)) }
        return d
    }

    /// Hex SHA-256 of the values' bytes (little-endian on every platform this builds for).
    static func checksum<T>(_ values: [T]) -> String {
        values.withUnsafeBytes { SHA256.hex(bytes: Array($0)) }
    }

    /// Reads one dataset as `T` and, when it has a checksum, checks it on the values just read (in the
    /// stored type: float32 weights read as Double are hashed as the Float values they are), so the
    /// record reader reads every dataset once.
    static func checkedRead<T: H5Element>(_ g: H5Container, _ name: String, as type: T.Type, rank: Int = 1,
                                          path: String) throws -> H5Array<T> {
        let d = try g.dataset(name)
        let array = try d.read(T.self)
        guard array.shape.count == rank else {
            throw ArchiveError(path: path, reason: "dataset \(d.path) has shape \(array.shape); the schema gives it \(rank) dimension\(rank == 1 ? "" : "s")")
        }
        guard try d.hasAttribute(checksumAttribute) else { return array }
        let actual: String
        if let doubles = array.values as? [Double], try d.storedType() == .float32 {
            actual = checksum(doubles.map { Float($0) })
        } else {
            actual = checksum(array.values)
        }
        guard actual == (try d.stringAttribute(checksumAttribute)) else {
            throw ArchiveError(path: path, reason: "dataset \(d.path) is damaged: its data do not match its sha256 attribute")
        }
        return array
    }

    /// Recomputes the checksum of every dataset that has one (without reading the record: resume). Returns the datasets checked.
    /// - Throws: `ArchiveError` naming the first dataset whose data no longer match.
    @discardableResult
    public static func verifyChecksums(_ path: String) throws -> Int {
        let file: H5File
        do { file = try H5File.open(path) } catch { throw ArchiveError(path: path, reason: "not a readable HDF5 file: \(error)") }
        defer { file.close() }
        try checkAllAttributes(file, path: path)
        return try verifyChecksums(in: file, prefix: "", path: path)
    }

    static func verifyChecksums(in group: H5Container, prefix: String, path: String) throws -> Int {
        var checked = 0
        for name in try group.datasetNames() {
            let d = try group.dataset(name)
            guard try d.hasAttribute(checksumAttribute) else { continue }
            let expected = try d.stringAttribute(checksumAttribute)
            let actual: String
            switch try d.storedType() {
            case .float32?: actual = checksum(try d.read(Float.self).values)
            case .float64?: actual = checksum(try d.read(Double.self).values)
            case .int64?: actual = checksum(try d.read(Int64.self).values)
            case .uint8?: actual = checksum(try d.read(UInt8.self).values)
            case nil: throw ArchiveError(path: path, reason: "dataset \(prefix)/\(name) has a type archives do not use")
            }
            guard actual == expected else {
                throw ArchiveError(path: path, reason: "dataset \(prefix)/\(name) is damaged: its data do not match its sha256 attribute")
            }
            checked += 1
        }
        for name in try group.groupNames() {
            checked += try verifyChecksums(in: try group.group(name), prefix: "\(prefix)/\(name)", path: path)
        }
        return checked
    }
}

// Group-attribute checksums: the root and every group carry `attributes_sha256`, the SHA-256 of
// their other attributes (names sorted; each as UTF-8 name, NUL, a type tag, the value: strings as
// UTF-8 and NUL, scalars as 8 little-endian bytes (float64 by bit pattern), 1-D arrays as an 8-byte
// little-endian count and their elements). Scalars such as /metrics' gap are then as protected as
// the datasets; `tools/check_archive.py` recomputes them with h5py.

extension RunArchive {
    /// The attribute-checksum attribute of the root and of every group.
    public static let attributesChecksumAttribute = "attributes_sha256"

    /// The hex digest of `object`'s attributes (except `attributes_sha256`).
    static func attributesDigest(_ object: H5Object) throws -> String {
        var h = SHA256.Hasher()
        func le(_ v: UInt64) { h.update((0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) }) }
        let names = try object.attributeNames().filter { $0 != attributesChecksumAttribute }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        for name in names {
            h.update(Array(name.utf8) + [0])
            switch try object.attribute(name) {
            case .string(let s): h.update([UInt8(ascii: "s")] + Array(s.utf8) + [0])
            case .int64(let v): h.update([UInt8(ascii: "i")]); le(UInt64(bitPattern: v))
            case .double(let v): h.update([UInt8(ascii: "d")]); le(v.bitPattern)
            case .int64Array(let a): h.update([UInt8(ascii: "I")]); le(UInt64(a.count)); a.forEach { le(UInt64(bitPattern: $0)) }
            case .doubleArray(let a): h.update([UInt8(ascii: "D")]); le(UInt64(a.count)); a.forEach { le($0.bitPattern) }
            }
        }
        return SHA256.hexText(h.finish())
    }

    /// Stores the digest of `object`'s attributes (call after its last attribute is set).
    static func sealAttributes(_ object: H5Object) throws {
        try object.setAttribute(attributesChecksumAttribute, try attributesDigest(object))
    }

    /// Checks `object`'s attribute digest when it has one.
    /// - Throws: `ArchiveError` naming the group whose attributes changed.
    static func checkAttributes(_ object: H5Object, path: String) throws {
        guard try object.hasAttribute(attributesChecksumAttribute) else { return }
        guard try attributesDigest(object) == (try object.stringAttribute(attributesChecksumAttribute)) else {
            throw ArchiveError(path: path, reason: "the attributes of \(object.path) are damaged: they do not match its attributes_sha256")
        }
    }

    /// The root and every group below it, checked (resume and `verifyChecksums`).
    static func checkAllAttributes(_ container: H5Container, path: String) throws {
        try checkAttributes(container, path: path)
        for name in try container.groupNames() { try checkAllAttributes(try container.group(name), path: path) }
    }
}
