#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names, looked at before it is opened: opening a FIFO blocks until a writer comes,
/// a device never ends, and a directory is no file. Readers and writers refuse anything but a
/// regular file (writers also a symbolic link) with `description` in the message.
public enum FileKind: Equatable, Sendable, CustomStringConvertible {
    case missing
    case regular(size: Int64)
    case directory
    case fifo
    case characterDevice
    case blockDevice
    case socket
    case symbolicLink
    /// stat failed for another reason (permissions, a name too long, ...): the OS's message.
    case unreadable(String)

    /// The kind of `path`; `followLinks: false` reports a symbolic link as such (lstat).
    public static func of(_ path: String, followLinks: Bool = true) -> FileKind {
        var info = stat()
        let rc = followLinks ? stat(path, &info) : lstat(path, &info)
        guard rc == 0 else {
            let e = errno
            return e == ENOENT ? .missing : .unreadable(String(cString: strerror(e)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular(size: Int64(info.st_size))
        case S_IFDIR: return .directory
        case S_IFIFO: return .fifo
        case S_IFCHR: return .characterDevice
        case S_IFBLK: return .blockDevice
        case S_IFSOCK: return .socket
        case S_IFLNK: return .symbolicLink
        default: return .unreadable("unknown file type")
        }
    }

    public var isRegular: Bool { if case .regular = self { return true } else { return false } }

    public var description: String {
        switch self {
        case .missing: return "no such file"
        case .regular(let size): return "a regular file of \(size) bytes"
        case .directory: return "a directory"
        case .fifo: return "a FIFO (named pipe)"
        case .characterDevice: return "a character device"
        case .blockDevice: return "a block device"
        case .socket: return "a socket"
        case .symbolicLink: return "a symbolic link"
        case .unreadable(let why): return why
        }
    }
}
