import AWCore
import CZlib

extension IDXFile {
    /// The file's bytes in IDX format: magic, big-endian dimensions, payload.
    public var encoded: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4 + 4 * dimensions.count + bytes.count)
        out += [0, 0, IDXFile.unsignedByteType, UInt8(dimensions.count)]
        for d in dimensions {
            let v = UInt32(d)
            out += [UInt8(v >> 24), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)]
        }
        out += bytes
        return out
    }

    /// Writes the file in IDX format, gzip-compressed when `gzip` is true (for fixtures and exports).
    public func write(to path: String, gzip: Bool = false) throws {
        try IDXFile.writeBytes(encoded, to: path, gzip: gzip)
    }

    /// Writes raw bytes to a file, optionally through gzip (zlib).
    public static func writeBytes(_ data: [UInt8], to path: String, gzip: Bool) throws {
        guard let h = gzopen(path, gzip ? "wb6" : "wbT") else {
            throw AWError(.io, "\(path): cannot create the file")
        }
        var written = 0
        let ok = data.withUnsafeBytes { raw -> Bool in
            while written < data.count {
                let chunk = UInt32(min(data.count - written, 1 << 30))
                let n = gzwrite(h, raw.baseAddress! + written, chunk)
                if n <= 0 { return false }
                written += Int(n)
            }
            return true
        }
        let closed = gzclose_w(h)
        guard ok, closed == Z_OK else {
            throw AWError(.io, "\(path): write failed after \(written) of \(data.count) bytes")
        }
    }
}
