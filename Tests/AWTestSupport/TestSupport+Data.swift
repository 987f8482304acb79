import Foundation

extension TestSupport {
    /// The repository's root folder (found from this source file's location, not the working directory).
    public static let repositoryRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // AWTestSupport
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // root
        .path

    /// A fresh, empty temporary folder (as a path) for one data test; remove it with `removeDirectory`.
    public static func dataTemporaryDirectory(_ label: String) throws -> String {
        let base = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("awd-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        return base.path
    }

    public static func removeDirectory(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Reads a whole file as bytes.
    public static func readBytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Writes bytes to a file, replacing it.
    public static func writeBytes(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The IDX encoding of an unsigned-byte array: magic 0x000008nd, big-endian dimensions, payload.
    /// `magic` overrides the magic number (for corrupted fixtures).
    public static func idxBytes(dimensions: [Int], payload: [UInt8], magic: UInt32? = nil) -> [UInt8] {
        let m = magic ?? (0x0000_0800 | UInt32(dimensions.count))
        var out: [UInt8] = [UInt8(m >> 24), UInt8(truncatingIfNeeded: m >> 16), UInt8(truncatingIfNeeded: m >> 8), UInt8(truncatingIfNeeded: m)]
        for d in dimensions {
            let v = UInt32(d)
            out += [UInt8(v >> 24), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)]
        }
        return out + payload
    }

    /// Runs a command and returns its standard output (for comparing with system tools such as sha256sum).
    public static func standardOutput(of executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
