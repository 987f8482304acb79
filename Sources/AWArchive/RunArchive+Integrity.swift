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
    static func checkedRead<T: H5Element>(_ g: H5Container, _ name: String, as type: T.Type,
                                          path: String) throws -> H5Array<T> {
        let d = try g.dataset(name)
        let array = try d.read(T.self)
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
