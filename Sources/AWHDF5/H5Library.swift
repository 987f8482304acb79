import CHDF5
import Foundation

/// Process-wide HDF5 bookkeeping: one lock around every sequence of HDF5 calls, error-stack capture.
///
/// Every public entry point of AWHDF5 (and every `deinit` that closes an identifier) runs inside
/// `H5Library.locked`, so parallel Swift tests and runner threads never interleave HDF5 calls.
/// Debian's libhdf5 happens to be built thread-safe (its own global mutex), but a sequence such as
/// "call, fail, read the error stack" must still be atomic, and other builds are not thread-safe.
/// The lock is recursive, so wrappers may call each other.
enum H5Library {
    private static let lock = NSRecursiveLock()

    /// Runs `body` holding the global HDF5 lock. Also switches off HDF5's automatic printing of
    /// the error stack for the calling thread (in thread-safe builds that setting is per thread).
    static func locked<R>(_ body: () throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        awd_h5_silence_errors()
        if !externalLinksRefused {
            externalLinksRefused = true
            // Archives are single files: an external link (to another file, or to a FIFO that
            // would block the open) is never followed. Unregistering the class makes every
            // traversal of one fail with an error instead.
            _ = H5Lunregister(H5L_type_t(rawValue: 64))  // H5L_TYPE_EXTERNAL
            _ = H5Eclear2(awd_h5e_default())
        }
        return try body()
    }

    /// Set once the external-link class has been unregistered (under the lock).
    nonisolated(unsafe) private static var externalLinksRefused = false

    /// Collects the messages on the current thread's HDF5 error stack, most specific first, and
    /// clears the stack. Call with the lock held, right after a failed call.
    static func takeErrorStack() -> [String] {
        final class Box { var messages: [String] = [] }
        let box = Box()
        let unmanaged = Unmanaged.passRetained(box)
        defer { unmanaged.release() }
        _ = H5Ewalk2(awd_h5e_default(), H5E_WALK_UPWARD, { _, entry, clientData in
            guard let entry, let clientData else { return 0 }
            let box = Unmanaged<Box>.fromOpaque(clientData).takeUnretainedValue()
            var minor = ""
            var buffer = [CChar](repeating: 0, count: 256)
            if H5Eget_msg(entry.pointee.min_num, nil, &buffer, buffer.count) > 0 {
                minor = H5Library.string(fromCString: buffer)
            }
            let desc = entry.pointee.desc.map { String(cString: $0) } ?? ""
            for text in [minor, desc] where !text.isEmpty && !box.messages.contains(text) {
                box.messages.append(text)
            }
            return 0
        }, unmanaged.toOpaque())
        _ = H5Eclear2(awd_h5e_default())
        return box.messages
    }

    /// Decodes a NUL-terminated C string held in a fixed buffer as UTF-8.
    static func string(fromCString buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A short reason from the error stack: the few most specific messages.
    static func reasonFromStack(limit: Int = 3) -> String {
        let messages = takeErrorStack()
        if messages.isEmpty { return "HDF5 call failed (no message on the error stack)" }
        return messages.prefix(limit).joined(separator: "; ")
    }
}
