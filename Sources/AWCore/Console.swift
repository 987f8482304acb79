#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to standard output and standard error that can never stop the program: a closed pipe
/// (`awd run ... | head`), a full device (`> /dev/full`) or any other write error drops the text
/// and the work goes on (Foundation's `FileHandle.write` traps on such errors, and SIGPIPE would
/// kill the process: `ignoreBrokenPipes()` is called first in main).
public enum Console {
    /// Ignore SIGPIPE, so a write to a closed pipe fails with EPIPE instead of killing the process.
    public static func ignoreBrokenPipes() { signal(SIGPIPE, SIG_IGN) }

    /// Writes `text` to standard output; false when it could not be written (the text is dropped).
    @discardableResult
    public static func out(_ text: String) -> Bool { write(text, to: 1) }

    /// Writes `text` to standard error; false when it could not be written (the text is dropped).
    @discardableResult
    public static func err(_ text: String) -> Bool { write(text, to: 2) }

    static func write(_ text: String, to fd: Int32) -> Bool {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if n > 0 { offset += n; continue }
            if n < 0 && errno == EINTR { continue }
            return false
        }
        return true
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
