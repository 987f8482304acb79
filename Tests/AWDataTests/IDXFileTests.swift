import AWCore
import AWData
import AWTestSupport
import Foundation
import Testing

@Suite("IDX files")
struct IDXFileTests {
    @Test("real MNIST files: headers, counts, first labels")
    func realMNISTHeaders() throws {
        let trainImages = try IDXFile.read(path: RealData.mnistPath(.train, .images))
        #expect(trainImages.kind == .images)
        #expect(trainImages.dimensions == [60000, 28, 28])
        #expect(trainImages.bytes.count == 47_040_000)
        let testImages = try IDXFile.read(path: RealData.mnistPath(.test, .images), expectedKind: .images)
        #expect(testImages.dimensions == [10000, 28, 28])
        let trainLabels = try IDXFile.read(path: RealData.mnistPath(.train, .labels), expectedKind: .labels)
        #expect(trainLabels.dimensions == [60000])
        #expect(Array(trainLabels.bytes.prefix(10)) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        let testLabels = try IDXFile.read(path: RealData.mnistPath(.test, .labels), expectedKind: .labels)
        #expect(testLabels.dimensions == [10000])
        #expect(Array(testLabels.bytes.prefix(10)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
    }

    @Test("encode, write raw and gzip, read back: identical")
    func roundTrip() throws {
        let dir = try TestSupport.dataTemporaryDirectory("idx-roundtrip")
        defer { TestSupport.removeDirectory(dir) }
        var rng = SeededGenerator(seed: 1)
        let payload = (0..<(3 * 4 * 5)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let file = try IDXFile(path: "fixture", kind: .images, dimensions: [3, 4, 5], bytes: payload)
        #expect(file.encoded == TestSupport.idxBytes(dimensions: [3, 4, 5], payload: payload))
        try file.write(to: dir + "/a-idx3-ubyte")
        try file.write(to: dir + "/a-idx3-ubyte.gz", gzip: true)
        let raw = try IDXFile.read(path: dir + "/a-idx3-ubyte")
        let gz = try IDXFile.read(path: dir + "/a-idx3-ubyte.gz")
        #expect(raw.bytes == payload && gz.bytes == payload)
        #expect(raw.dimensions == [3, 4, 5] && gz.dimensions == [3, 4, 5])
        let gzBytes = try TestSupport.readBytes(dir + "/a-idx3-ubyte.gz")
        #expect(gzBytes.prefix(2) == [0x1f, 0x8b])
    }

    @Test("inconsistent in-memory IDX values are rejected")
    func initValidation() {
        #expect(throws: AWError.self) { try IDXFile(path: "x", kind: .images, dimensions: [2, 2], bytes: [1, 2, 3, 4]) }
        #expect(throws: AWError.self) { try IDXFile(path: "x", kind: .labels, dimensions: [3], bytes: [1, 2]) }
    }
}

/// Corrupted copies of real MNIST test files, written to a temporary folder: each must be rejected with
/// an `AWError` that names the file and says what is wrong.
@Suite("IDX files: corrupted copies")
struct IDXCorruptionTests {
    /// The real t10k files' bytes (10,000 images; 10,000 labels).
    static func realTestFiles() throws -> (images: [UInt8], labels: [UInt8]) {
        (try TestSupport.readBytes(RealData.mnistPath(.test, .images)),
         try TestSupport.readBytes(RealData.mnistPath(.test, .labels)))
    }

    /// Writes `bytes` to a new file in a fresh folder, reads it, and returns the error's message.
    func failure(_ bytes: [UInt8], name: String, gzip: Bool = false, expectedKind: IDXFile.Kind? = nil) throws -> String {
        let dir = try TestSupport.dataTemporaryDirectory("idx-corrupt")
        defer { TestSupport.removeDirectory(dir) }
        let path = dir + "/" + name
        if gzip { try IDXFile.writeBytes(bytes, to: path, gzip: true) } else { try TestSupport.writeBytes(bytes, to: path) }
        do {
            _ = try IDXFile.read(path: path, expectedKind: expectedKind)
            Issue.record("\(name): read succeeded, expected an error")
            return ""
        } catch let error as AWError {
            #expect(error.message.contains(path), "message should name the file: \(error.message)")
            return error.message
        }
    }

    @Test("bad magic number")
    func badMagic() throws {
        var bytes = try Self.realTestFiles().images
        bytes.replaceSubrange(0..<4, with: [0x12, 0x34, 0x56, 0x78])
        let message = try failure(bytes, name: "t10k-images-idx3-ubyte")
        #expect(message.contains("bad magic number 0x12345678"))
        #expect(message.contains("0x00000803"))
    }

    @Test("bad magic: wrong number of dimensions for the type")
    func badDimensionCount() throws {
        var bytes = try Self.realTestFiles().images
        bytes[3] = 2
        let message = try failure(bytes, name: "t10k-images-idx3-ubyte")
        #expect(message.contains("bad magic number 0x00000802"))
        #expect(message.contains("2 dimension(s)"))
    }

    @Test("unsupported data type (float instead of unsigned byte)")
    func badDataType() throws {
        var bytes = try Self.realTestFiles().images
        bytes[2] = 0x0D
        let message = try failure(bytes, name: "t10k-images-idx3-ubyte")
        #expect(message.contains("unsupported IDX data type 0x0D (float)"))
        #expect(message.contains("expected 0x08 (unsigned byte)"))
    }

    @Test("truncated payload")
    func truncated() throws {
        let bytes = Array(try Self.realTestFiles().images.prefix(16 + 1000))
        let message = try failure(bytes, name: "t10k-images-idx3-ubyte")
        #expect(message.contains("truncated: header says 10000x28x28 = 7840000 bytes of pixels, found 1000"))
    }

    @Test("truncated header")
    func truncatedHeader() throws {
        let images = Array(try Self.realTestFiles().images.prefix(10))
        #expect(try failure(images, name: "t10k-images-idx3-ubyte").contains("truncated: header needs 12 bytes of dimensions"))
        #expect(try failure([0, 0], name: "t10k-labels-idx1-ubyte").contains("too short for the 4-byte IDX magic number"))
        #expect(try failure([], name: "empty-idx1-ubyte").contains("truncated"))
    }

    @Test("extra bytes after the payload")
    func tooLong() throws {
        let bytes = try Self.realTestFiles().labels + [1, 2, 3, 4, 5]
        let message = try failure(bytes, name: "t10k-labels-idx1-ubyte")
        #expect(message.contains("too long: header says 10000 = 10000 bytes of labels, found 5 extra byte(s)"))
    }

    @Test("wrong dimensions in the header")
    func wrongDimensions() throws {
        // Header claims 10000x28x27: the payload is 10000 bytes too long.
        var bytes = try Self.realTestFiles().images
        bytes[15] = 27
        let message = try failure(bytes, name: "t10k-images-idx3-ubyte")
        #expect(message.contains("too long: header says 10000x28x27 = 7560000 bytes of pixels, found 280000 extra byte(s)"))
        // Absurd dimensions are rejected before allocating.
        var huge = try Self.realTestFiles().images
        huge.replaceSubrange(4..<16, with: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
        #expect(try failure(huge, name: "t10k-images-idx3-ubyte").contains("implausible dimensions 4294967295x4294967295x4294967295"))
    }

    @Test("labels file where images are expected")
    func wrongKind() throws {
        let message = try failure(try Self.realTestFiles().labels, name: "t10k-images-idx3-ubyte", expectedKind: .images)
        #expect(message.contains("holds labels (magic 0x00000801), expected images (magic 0x00000803)"))
    }

    @Test("corrupt gzip data")
    func corruptGzip() throws {
        let dir = try TestSupport.dataTemporaryDirectory("idx-gzip")
        defer { TestSupport.removeDirectory(dir) }
        let path = dir + "/t10k-images-idx3-ubyte.gz"
        try IDXFile.writeBytes(try Self.realTestFiles().images, to: path, gzip: true)
        var gz = try TestSupport.readBytes(path)
        for i in stride(from: gz.count / 2, to: gz.count / 2 + 64, by: 1) { gz[i] ^= 0x5a }
        try TestSupport.writeBytes(gz, to: path)
        let error = #expect(throws: AWError.self) { try IDXFile.read(path: path) }
        #expect(error?.message.contains(path) == true)
        #expect(error?.message.contains("corrupt gzip data") == true, "\(error?.message ?? "")")
    }

    @Test("gzip checksum mismatch (a flipped byte in the trailer)")
    func gzipChecksum() throws {
        let dir = try TestSupport.dataTemporaryDirectory("idx-gzip-crc")
        defer { TestSupport.removeDirectory(dir) }
        let path = dir + "/t10k-labels-idx1-ubyte.gz"
        try IDXFile.writeBytes(try Self.realTestFiles().labels, to: path, gzip: true)
        var gz = try TestSupport.readBytes(path)
        gz[gz.count - 6] ^= 0xff   // inside the CRC-32
        try TestSupport.writeBytes(gz, to: path)
        let error = #expect(throws: AWError.self) { try IDXFile.read(path: path) }
        #expect(error?.message.contains("corrupt gzip data") == true, "\(error?.message ?? "")")
    }

    @Test("truncated gzip file")
    func truncatedGzip() throws {
        let dir = try TestSupport.dataTemporaryDirectory("idx-gzip-trunc")
        defer { TestSupport.removeDirectory(dir) }
        let path = dir + "/t10k-images-idx3-ubyte.gz"
        try IDXFile.writeBytes(try Self.realTestFiles().images, to: path, gzip: true)
        let gz = try TestSupport.readBytes(path)
        try TestSupport.writeBytes(Array(gz.prefix(gz.count / 3)), to: path)
        let error = #expect(throws: AWError.self) { try IDXFile.read(path: path) }
        let message = error?.message ?? ""
        #expect(message.contains("truncated: header says 10000x28x28 = 7840000 bytes of pixels, found "), "\(message)")
        #expect(message.contains("after gunzip"))
        #expect(message.contains("gzip stream ends early"))
    }

    @Test(".gz name on a file that is not gzip")
    func notGzip() throws {
        let message = try failure(try Self.realTestFiles().labels, name: "t10k-labels-idx1-ubyte.gz")
        #expect(message.contains("not a gzip file"))
    }

    @Test("missing file and folder instead of file")
    func missing() throws {
        let dir = try TestSupport.dataTemporaryDirectory("idx-missing")
        defer { TestSupport.removeDirectory(dir) }
        let e1 = #expect(throws: AWError.self) { try IDXFile.read(path: dir + "/nothing-idx1-ubyte") }
        #expect(e1?.message == "\(dir)/nothing-idx1-ubyte: cannot open: no such file")
        let e2 = #expect(throws: AWError.self) { try IDXFile.read(path: dir) }
        #expect(e2?.message.contains("not a regular file") == true)
    }
}
