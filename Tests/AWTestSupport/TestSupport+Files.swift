import Foundation

/// Temporary directories and small file helpers for tests.
extension TestSupport {
    /// Creates a fresh, uniquely named directory under the system temporary directory.
    /// The caller removes it (or uses `withTemporaryDirectory`).
    public static func makeTemporaryDirectory(prefix: String = "awd-test") throws -> URL {
        let base = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
        let url = base.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `body` with a fresh temporary directory and removes the directory afterwards
    /// (also when `body` throws).
    public static func withTemporaryDirectory<R>(
        prefix: String = "awd-test", _ body: (URL) throws -> R
    ) throws -> R {
        let url = try makeTemporaryDirectory(prefix: prefix)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    /// Async variant of `withTemporaryDirectory`.
    public static func withTemporaryDirectory<R>(
        prefix: String = "awd-test", _ body: (URL) async throws -> R
    ) async throws -> R {
        let url = try makeTemporaryDirectory(prefix: prefix)
        defer { try? FileManager.default.removeItem(at: url) }
        return try await body(url)
    }

    /// The bytes of a file (empty if it cannot be read).
    public static func fileBytes(_ path: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return [UInt8](data)
    }

    /// Size of a file in bytes, or nil if it does not exist.
    public static func fileSize(_ path: String) -> Int? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return (attributes[.size] as? NSNumber)?.intValue
    }

    /// Runs an executable with arguments; returns its exit status, stdout and stderr.
    /// Returns nil if the executable does not exist.
    public static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String)? {
        guard FileManager.default.isExecutableFile(atPath: executable) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Drain stderr on another thread while reading stdout, so neither pipe can fill up and
        // block the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let errDone = DispatchSemaphore(value: 0)
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async {
            errBox.data = errHandle.readDataToEndOfFile()
            errDone.signal()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errDone.wait()
        let errData = errBox.data
        process.waitUntilExit()
        return (process.terminationStatus,
                String(decoding: outData, as: UTF8.self),
                String(decoding: errData, as: UTF8.self))
    }
}
