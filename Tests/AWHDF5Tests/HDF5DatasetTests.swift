import AWHDF5
import AWTestSupport
import Foundation
import Testing

@Suite("HDF5 datasets")
struct HDF5DatasetTests {
    static func tag(_ shape: [Int]) -> String {
        shape.isEmpty ? "scalar" : "s" + shape.map(String.init).joined(separator: "x")
    }

    /// Writes a dataset of each type and of rank 0...3 (and zero-length ones), reopens, compares.
    @Test func roundTripEveryTypeAndRank() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("types.h5").path
            let shapes: [[Int]] = [[], [5], [2, 3], [2, 3, 4], [0], [3, 0]]
            func floats(_ n: Int) -> [Float] { (0..<n).map { Float($0) * 0.5 - 1.25 } }
            func doubles(_ n: Int) -> [Double] { (0..<n).map { Double($0) / 3 - 1e300 * Double($0 % 2) } }
            func ints(_ n: Int) -> [Int64] { (0..<n).map { Int64($0) * -123_456_789_012 + Int64.max / 2 } }
            func bytes(_ n: Int) -> [UInt8] { (0..<n).map { UInt8(($0 * 37 + 200) % 256) } }
            do {
                let file = try H5File.create(path)
                for shape in shapes {
                    let n = shape.reduce(1, *)
                    let tag = Self.tag(shape)
                    try file.createDataset("f/\(tag)", values: floats(n), shape: shape)
                    try file.createDataset("d/\(tag)", values: doubles(n), shape: shape)
                    try file.createDataset("i/\(tag)", values: ints(n), shape: shape)
                    try file.createDataset("u/\(tag)", values: bytes(n), shape: shape)
                }
            }
            let file = try H5File.open(path)
            #expect(file.isReadOnly)
            for shape in shapes {
                let n = shape.reduce(1, *)
                let tag = Self.tag(shape)
                let f = try file.read("f/\(tag)", as: Float.self)
                #expect(f == H5Array(values: floats(n), shape: shape))
                let d = try file.read("d/\(tag)", as: Double.self)
                #expect(d == H5Array(values: doubles(n), shape: shape))
                let i = try file.read("i/\(tag)", as: Int64.self)
                #expect(i == H5Array(values: ints(n), shape: shape))
                let u = try file.read("u/\(tag)", as: UInt8.self)
                #expect(u == H5Array(values: bytes(n), shape: shape))
                #expect(try file.dataset("f/\(tag)").storedType() == .float32)
                #expect(try file.dataset("d/\(tag)").storedType() == .float64)
                #expect(try file.dataset("i/\(tag)").storedType() == .int64)
                #expect(try file.dataset("u/\(tag)").storedType() == .uint8)
                #expect(try file.dataset("d/\(tag)").shape() == shape)
            }
            #expect(try file.read("d/scalar", as: Double.self).values == [0.0])
            #expect(try file.read("u/scalar", as: UInt8.self).values == [200])
        }
    }

    /// Special floating-point values survive exactly.
    @Test func specialFloatValues() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("special.h5").path
            let values: [Double] = [.infinity, -.infinity, .greatestFiniteMagnitude, .leastNonzeroMagnitude, -0.0, Double.leastNormalMagnitude / 4]
            try H5File.create(path).createDataset("x", values: values, shape: [6])
            let back = try H5File.open(path).read("x", as: Double.self).values
            #expect(back == values)
            #expect(back[4].sign == .minus)
            try H5File.create(path).createDataset("nan", values: [Double.nan], shape: [])
            #expect(try H5File.open(path).read("nan", as: Double.self).values[0].isNaN)
        }
    }

    /// float <-> double convert; int <-> float and narrowing integer reads throw.
    @Test func readTypeConversionRules() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("convert.h5").path
            do {
                let file = try H5File.create(path)
                try file.createDataset("double", values: [1.5, -2.25, 1e10, 0.1], shape: [4])
                try file.createDataset("float", values: [Float(1.5), -2.25, 3], shape: [3])
                try file.createDataset("int", values: [Int64(1), -2, 3], shape: [3])
                try file.createDataset("byte", values: [UInt8(0), 255], shape: [2])
            }
            let file = try H5File.open(path)
            #expect(try file.read("double", as: Float.self).values == [1.5, -2.25, 1e10, Float(0.1)])
            #expect(try file.read("float", as: Double.self).values == [1.5, -2.25, 3])
            #expect(try file.read("byte", as: Int64.self).values == [0, 255])
            let intAsFloat = #expect(throws: HDF5Error.self) { try file.read("int", as: Double.self) }
            #expect(intAsFloat?.description.contains("int64") == true)
            #expect(intAsFloat?.description.contains("/int") == true)
            #expect(throws: HDF5Error.self) { try file.read("int", as: Float.self) }
            #expect(throws: HDF5Error.self) { try file.read("double", as: Int64.self) }
            #expect(throws: HDF5Error.self) { try file.read("float", as: UInt8.self) }
            #expect(throws: HDF5Error.self) { try file.read("int", as: UInt8.self) }
        }
    }

    /// Chunked + gzip datasets round-trip, are really compressed, and report their layout.
    @Test func chunkedGzipDatasets() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let compressedPath = dir.appendingPathComponent("gzip.h5").path
            let plainPath = dir.appendingPathComponent("plain.h5").path
            let rows = 600, cols = 500
            // Compressible but not trivial: a smooth function with repeated values.
            let values = (0..<(rows * cols)).map { Double(($0 / 7) % 1000) * 0.25 }
            let bytes = (0..<(rows * cols)).map { UInt8($0 % 3) }
            do {
                let file = try H5File.create(compressedPath)
                let d = try file.createDataset("big/values", values: values, shape: [rows, cols], options: .compressed(level: 6))
                #expect(try d.isGzipCompressed())
                let chunk = try #require(try d.chunkShape())
                #expect(chunk.count == 2)
                #expect(chunk[1] == cols)
                #expect(chunk[0] >= 1 && chunk[0] <= rows && chunk[0] * cols * 8 <= 1 << 20)
                let e = try file.createDataset("big/bytes", values: bytes, shape: [rows, cols],
                                               options: H5DatasetOptions(chunkShape: [100, 50], gzipLevel: 9))
                #expect(try e.chunkShape() == [100, 50])
                // Scalars and zero-length datasets fall back to contiguous storage.
                let s = try file.createDataset("scalar", values: [Float(2)], shape: [], options: .compressed())
                #expect(try s.chunkShape() == nil)
                let z = try file.createDataset("empty", values: [Float](), shape: [0, 4], options: .compressed())
                #expect(try z.chunkShape() == nil)
                #expect(try file.createDataset("contiguous", values: [1.0], shape: [1]).chunkShape() == nil)
            }
            try H5File.create(plainPath).createDataset("big/values", values: values, shape: [rows, cols])
            let file = try H5File.open(compressedPath)
            #expect(try file.read("big/values", as: Double.self) == H5Array(values: values, shape: [rows, cols]))
            #expect(try file.read("big/bytes", as: UInt8.self).values == bytes)
            #expect(try file.read("empty", as: Float.self).shape == [0, 4])
            let compressedSize = try #require(TestSupport.fileSize(compressedPath))
            let plainSize = try #require(TestSupport.fileSize(plainPath))
            #expect(plainSize > rows * cols * 8)
            #expect(compressedSize * 5 < plainSize)
        }
    }

    /// Bad shapes and options are refused with a clear error.
    @Test func invalidShapesAndOptionsThrow() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let file = try H5File.create(dir.appendingPathComponent("bad.h5").path)
            let countError = #expect(throws: HDF5Error.self) {
                try file.createDataset("x", values: [1.0, 2.0, 3.0], shape: [2, 2])
            }
            #expect(countError?.reason.contains("needs 4 values, got 3") == true)
            #expect(throws: HDF5Error.self) { try file.createDataset("neg", values: [Double](), shape: [-1]) }
            #expect(throws: HDF5Error.self) {
                try file.createDataset("chunk", values: [1.0, 2.0], shape: [2], options: H5DatasetOptions(chunkShape: [3]))
            }
            #expect(throws: HDF5Error.self) {
                try file.createDataset("level", values: [1.0, 2.0], shape: [2], options: H5DatasetOptions(gzipLevel: 12))
            }
            try file.createDataset("once", values: [1.0], shape: [1])
            let again = #expect(throws: HDF5Error.self) { try file.createDataset("once", values: [1.0], shape: [1]) }
            #expect(again?.object == "/once")
            // A failed creation leaves no half-made dataset behind for the good ones.
            #expect(try file.children() == ["once"])
        }
    }
}
