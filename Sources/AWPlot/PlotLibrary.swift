import CPLplot
import Foundation

/// Process-wide PLplot bookkeeping: the global lock and the checks that keep PLplot from ending
/// the process.
///
/// PLplot is not thread-safe (parallel use crashed with signal 11), so one lock is held for the
/// whole of every plotting session, from device validation to `plend`. PLplot calls `exit(1)`
/// (after prompting on stdin) for an unknown device or an output file it cannot open, so both are
/// checked here first.
enum PlotLibrary {
    static let lock = NSLock()
    /// Device names reported by plgDevs, read once. Guarded by `lock`.
    nonisolated(unsafe) private static var cachedDevices: [String]?
    /// Marks the thread currently inside a session, to refuse nested sessions (which would
    /// deadlock on the lock or corrupt PLplot's state).
    static let sessionKey = "AWPlot.sessionActive"

    /// Devices that do not write a file (windows, memory buffers, nothing).
    static let nonFileDevices: Set<String> = [
        "xwin", "xcairo", "tk", "ntk", "xterm", "tek4010", "tek4107", "mskermit", "versaterm", "vlt", "conex",
        "wxwidgets", "qtwidget", "extqt", "extcairo", "memcairo", "mem", "null", "aqt", "wingcc", "wincairo", "wingdi",
    ]

    /// All device names of this PLplot installation (lock held).
    static func deviceNames() -> [String] {
        if let cachedDevices { return cachedDevices }
        let capacity = 128
        var menus = [UnsafePointer<CChar>?](repeating: nil, count: capacity)
        var names = [UnsafePointer<CChar>?](repeating: nil, count: capacity)
        var count = Int32(capacity)
        menus.withUnsafeMutableBufferPointer { menuBuffer in
            names.withUnsafeMutableBufferPointer { nameBuffer in
                var menuBase = menuBuffer.baseAddress
                var nameBase = nameBuffer.baseAddress
                plgDevs(&menuBase, &nameBase, &count)
            }
        }
        // Copy now: the strings belong to PLplot's dispatch table, freed by plend.
        let list = names.prefix(Int(max(0, count))).compactMap { $0.map { String(cString: $0) } }
        cachedDevices = list
        return list
    }

    /// Maps a format or device name to an installed file device, or throws `unknownDevice`.
    /// Short names are mapped to full ones (pdf -> pdfcairo, png -> pngcairo) because PLplot
    /// matches device names by prefix. Lock held.
    static func resolveDevice(_ name: String) throws -> String {
        let full = PlotFormat(name: name)?.deviceName ?? name
        let available = deviceNames().filter { !nonFileDevices.contains($0) }
        guard available.contains(full) else {
            throw PlotError(.unknownDevice, "unknown plot device '\(name)'; file devices available: \(available.joined(separator: ", "))")
        }
        return full
    }

    /// Makes sure PLplot will be able to open `path` for writing: creates the directory, refuses
    /// special names, and opens (creating/truncating) the file once. Returns the absolute path.
    static func prepareOutput(_ path: String) throws -> String {
        guard !path.isEmpty, path != "-" else {
            throw PlotError(.unwritablePath, "an output file path is required (got '\(path)')")
        }
        guard !path.contains("%n") else {
            throw PlotError(.unwritablePath, "output path '\(path)' contains '%n', which PLplot treats as a family-file pattern")
        }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let absolute = url.path
        let directory = url.deletingLastPathComponent().path
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw PlotError(.unwritablePath, "cannot write '\(absolute)': '\(directory)' is a file, not a directory")
            }
        } else {
            do {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw PlotError(.unwritablePath, "cannot create directory '\(directory)' for '\(absolute)': \(error.localizedDescription)")
            }
        }
        if manager.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue {
            throw PlotError(.unwritablePath, "cannot write '\(absolute)': it is a directory")
        }
        let descriptor = open(absolute, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw PlotError(.unwritablePath, "cannot open '\(absolute)' for writing: \(reason)")
        }
        close(descriptor)
        return absolute
    }
}
