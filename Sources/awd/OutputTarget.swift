import AWCore
import ArgumentParser
import Foundation

/// A file a command writes (`awd export --csv/--json`): only a regular file, or a new name in an
/// existing folder, is a target. Device nodes, FIFOs, sockets, directories and symbolic links are
/// refused, and so is an existing archive (an HDF5 file), so a typo can never overwrite a run.
enum OutputTarget {
    /// The HDF5 signature at the start of every archive.
    static let hdf5Signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]

    /// - Throws: `ValidationError` (exit 2) naming the option, the path and what it is.
    static func check(_ path: String, option: String) throws {
        func refuse(_ what: String) -> ValidationError {
            ValidationError("\(option) \(path): \(what); allowed: a regular file or a new file name")
        }
        switch FileKind.of(path, followLinks: false) {
        case .missing:
            let parent = PathText.parent(path)
            let kind = FileKind.of(parent)
            if kind != .directory && kind != .missing { throw refuse("its folder \(parent) is \(kind)") }
        case .regular:
            if let handle = FileHandle(forReadingAtPath: path) {
                defer { try? handle.close() }
                if let head = try? handle.read(upToCount: 8), Array(head) == hdf5Signature {
                    throw refuse("it is an HDF5 file (an archive?), which export never overwrites")
                }
            }
        case let kind:
            throw refuse("it is \(kind)")
        }
    }

    /// Two options naming the same file (compared after resolving the folder).
    static func same(_ a: String, _ b: String) -> Bool {
        func canonical(_ p: String) -> String {
            let url = URL(fileURLWithPath: p)
            return url.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(url.lastPathComponent).path
        }
        return canonical(a) == canonical(b)
    }
}
