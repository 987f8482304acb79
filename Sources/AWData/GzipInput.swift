import AWCore
import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only byte stream over a file through zlib: gzip files are inflated, other files are read
/// as they are ("transparent" mode). Large reads go straight into the caller's buffer.
final class GzipInput {
    private var handle: gzFile?
    let path: String
    /// True when the file is not gzip-compressed (read as is).
    let isTransparent: Bool
    /// True when a gzip stream ended before its end marker (a truncated .gz file).
    private(set) var endedEarly = false
    private(set) var errorMessage = ""

    init(path: String) throws {
        self.path = path
        var st = stat()
        guard stat(path, &st) == 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw AWError(.io, "\(path): cannot open: \(reason)")
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw AWError(.io, "\(path): cannot open: not a regular file")
        }
        guard let h = gzopen(path, "rb") else {
            throw AWError(.io, "\(path): cannot open: \(String(cString: strerror(errno)))")
        }
        gzbuffer(h, 1 << 18)
        handle = h
        isTransparent = gzdirect(h) != 0
    }

    deinit { close() }

    func close() {
        if let h = handle { gzclose_r(h) }
        handle = nil
    }

    /// Fills `buffer` as far as the stream allows; returns the number of bytes read
    /// (less than `buffer.count` only at the end of the data). A damaged gzip stream throws.
    func read(into buffer: inout [UInt8], name: String) throws -> Int {
        try buffer.withUnsafeMutableBytes { try read(into: $0, name: name) }
    }

    /// Reads up to `raw.count` bytes into (possibly uninitialized) memory; see `read(into:name:)`.
    func read(into raw: UnsafeMutableRawBufferPointer, name: String) throws -> Int {
        guard let h = handle else { return 0 }
        let total = raw.count
        guard let base = raw.baseAddress else { return 0 }
        var done = 0
        while done < total {
            let chunk = UInt32(min(total - done, 1 << 30))
            let n = gzread(h, base + done, chunk)
            if n < 0 {
                throw AWError(.data, "\(name): corrupt gzip data: \(zlibMessage(h))")
            }
            if n == 0 { break }
            done += Int(n)
        }
        if done < total {
            var errnum: Int32 = 0
            _ = gzerror(h, &errnum)
            if errnum == Z_BUF_ERROR {
                endedEarly = true
                errorMessage = zlibMessage(h)
            } else if errnum != Z_OK {
                throw AWError(.data, "\(name): corrupt gzip data: \(zlibMessage(h))")
            }
        }
        return done
    }

    private func zlibMessage(_ h: gzFile) -> String {
        var errnum: Int32 = 0
        guard let msg = gzerror(h, &errnum) else { return "zlib error \(errnum)" }
        let text = String(cString: msg)
        // gzerror prefixes the path; the caller names the file already.
        let prefix = path + ": "
        if text.hasPrefix(prefix) { return String(text.dropFirst(prefix.count)) }
        return text.isEmpty ? "zlib error \(errnum)" : text
    }
}
