import AWCore
import CZlib

/// One IDX file (the MNIST container format), unsigned-byte data only: a 4-byte magic number
/// `0x0000 08 nd` (dtype 0x08 = unsigned byte, nd = number of dimensions), nd big-endian 32-bit
/// dimensions, then exactly the product of the dimensions in payload bytes.
///
/// Reads raw files and gzip files (.gz, through zlib). Every defect a person can cause (missing,
/// unreadable, bad magic, wrong dtype, wrong dimensions, truncated, trailing bytes, broken gzip)
/// is an `AWError` naming the file and the problem.
public struct IDXFile: Sendable, Equatable {
    /// What the file holds: images (`0x00000803`, dimensions `[n, rows, cols]`) or labels (`0x00000801`, `[n]`).
    public enum Kind: String, Sendable, CaseIterable {
        case images, labels

        public var magic: UInt32 { self == .images ? 0x0000_0803 : 0x0000_0801 }
        public var dimensionCount: Int { self == .images ? 3 : 1 }
        public var magicHex: String { IDXFile.hex(magic) }
    }

    /// The only supported element type: unsigned byte.
    public static let unsignedByteType: UInt8 = 0x08
    /// Upper bound on a payload this reader accepts (4 GiB), to reject absurd headers before allocating.
    public static let maximumPayloadBytes = 1 << 32

    /// Path the file was read from (or a name, for files built in memory).
    public let path: String
    public let kind: Kind
    /// Dimensions from the header, outermost first.
    public let dimensions: [Int]
    /// The payload, `dimensions.reduce(1, *)` bytes, row-major.
    public let bytes: [UInt8]

    /// Number of items (the first dimension).
    public var count: Int { dimensions[0] }
    /// Bytes per item (product of the remaining dimensions; 1 for labels).
    public var itemSize: Int { dimensions.dropFirst().reduce(1, *) }

    /// SHA-256 (hex) of the file's content as IDX (magic, dimensions, payload), the same for the
    /// raw and the gzipped file: the identity `KnownDatasetFiles` checks and archives record.
    public var contentSHA256: String {
        var header: [UInt8] = [0, 0, IDXFile.unsignedByteType, UInt8(kind.dimensionCount)]
        for d in dimensions { header += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: d >> $0) } }
        var hasher = SHA256.Hasher()
        hasher.update(header)
        hasher.update(bytes)
        return SHA256.hexText(hasher.finish())
    }

    public init(path: String, kind: Kind, dimensions: [Int], bytes: [UInt8]) throws {
        let name = IDXFile.displayName(path)
        guard dimensions.count == kind.dimensionCount else {
            throw AWError(.data, "\(name): \(kind.rawValue) need \(kind.dimensionCount) dimension(s), got \(dimensions.count)")
        }
        guard let expected = IDXFile.payloadSize(dimensions) else {
            throw AWError(.data, "\(name): dimensions \(IDXFile.describe(dimensions)) out of range")
        }
        guard bytes.count == expected else {
            throw AWError(.data, "\(name): \(bytes.count) payload bytes for dimensions \(IDXFile.describe(dimensions)) (expected \(expected))")
        }
        self.path = path
        self.kind = kind
        self.dimensions = dimensions
        self.bytes = bytes
    }

    /// Reads and validates an IDX file, raw or gzip (decided by the gzip header, not the name).
    /// - Parameter expectedKind: when given, a file of the other kind is an error.
    public static func read(path: String, expectedKind: Kind? = nil) throws -> IDXFile {
        let name = displayName(path)
        let stream = try GzipInput(path: path)
        defer { stream.close() }
        if path.hasSuffix(".gz") && stream.isTransparent {
            throw AWError(.data, "\(name): not a gzip file (name ends in .gz but the gzip header 1f 8b is missing)")
        }
        let what = stream.isTransparent ? "" : " (after gunzip)"

        // Magic number: 00 00 <dtype> <ndims>.
        var magicBytes = [UInt8](repeating: 0, count: 4)
        let gotMagic = try stream.read(into: &magicBytes, name: name)
        guard gotMagic == 4 else {
            throw AWError(.data, "\(name): truncated: \(gotMagic) byte(s)\(what), too short for the 4-byte IDX magic number")
        }
        let magic = magicBytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard magicBytes[0] == 0, magicBytes[1] == 0 else {
            throw AWError(.data, "\(name): bad magic number \(hex(magic))\(what): not an IDX file (expected \(Kind.images.magicHex) for images or \(Kind.labels.magicHex) for labels)")
        }
        guard magicBytes[2] == unsignedByteType else {
            throw AWError(.data, "\(name): unsupported IDX data type \(hexByte(magicBytes[2])) (\(typeName(magicBytes[2]))) in magic \(hex(magic)): expected 0x08 (unsigned byte)")
        }
        guard let kind = Kind.allCases.first(where: { $0.magic == magic }) else {
            throw AWError(.data, "\(name): bad magic number \(hex(magic)): \(magicBytes[3]) dimension(s); expected \(Kind.images.magicHex) (images, 3 dimensions) or \(Kind.labels.magicHex) (labels, 1 dimension)")
        }
        if let expectedKind, expectedKind != kind {
            throw AWError(.data, "\(name): holds \(kind.rawValue) (magic \(hex(magic))), expected \(expectedKind.rawValue) (magic \(expectedKind.magicHex))")
        }

        // Dimensions: big-endian UInt32 each.
        var dimBytes = [UInt8](repeating: 0, count: 4 * kind.dimensionCount)
        let gotDims = try stream.read(into: &dimBytes, name: name)
        guard gotDims == dimBytes.count else {
            throw AWError(.data, "\(name): truncated: header needs \(dimBytes.count) bytes of dimensions after the magic number, found \(gotDims)")
        }
        var dimensions: [Int] = []
        for d in 0..<kind.dimensionCount {
            let v = (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(dimBytes[4 * d + $1]) }
            dimensions.append(Int(v))
        }
        guard let expected = payloadSize(dimensions), expected <= maximumPayloadBytes else {
            throw AWError(.data, "\(name): implausible dimensions \(describe(dimensions)) in the header (at most \(maximumPayloadBytes) bytes of data are accepted)")
        }

        // Payload: exactly `expected` bytes, then end of file.
        let noun = kind == .images ? "bytes of pixels" : "bytes of labels"
        var got = 0
        // Read straight into the array's storage (no zero-fill of up to 47 MB first).
        let payload = try [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
            got = try stream.read(into: UnsafeMutableRawBufferPointer(buffer), name: name)
            initialized = got
        }
        guard got == expected else {
            let cause = stream.endedEarly ? " (gzip stream ends early: \(stream.errorMessage))" : ""
            throw AWError(.data, "\(name): truncated: header says \(describe(dimensions)) = \(expected) \(noun), found \(got)\(what)\(cause)")
        }
        var probe = [UInt8](repeating: 0, count: 4096)
        let extra = try stream.read(into: &probe, name: name)
        if extra > 0 {
            var more = extra
            while case let n = try stream.read(into: &probe, name: name), n > 0 { more += n }
            throw AWError(.data, "\(name): too long: header says \(describe(dimensions)) = \(expected) \(noun), found \(more) extra byte(s) after them\(what)")
        }
        return try IDXFile(path: path, kind: kind, dimensions: dimensions, bytes: payload)
    }

    // MARK: helpers

    /// Product of the dimensions, nil on overflow or a negative dimension.
    static func payloadSize(_ dims: [Int]) -> Int? {
        var p = 1
        for d in dims {
            guard d >= 0 else { return nil }
            let (r, o) = p.multipliedReportingOverflow(by: d)
            if o { return nil }
            p = r
        }
        return p
    }

    static func describe(_ dims: [Int]) -> String { dims.map(String.init).joined(separator: "x") }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 8 - s.count)) + s
    }

    static func hexByte(_ v: UInt8) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return "0x" + (s.count < 2 ? "0" : "") + s
    }

    static func typeName(_ t: UInt8) -> String {
        switch t {
        case 0x08: return "unsigned byte"
        case 0x09: return "signed byte"
        case 0x0B: return "short"
        case 0x0C: return "int"
        case 0x0D: return "float"
        case 0x0E: return "double"
        default: return "unknown type"
        }
    }

    /// How messages name the file: the path as given (absolute when it came from `DataLocation`).
    static func displayName(_ path: String) -> String { path }
}
