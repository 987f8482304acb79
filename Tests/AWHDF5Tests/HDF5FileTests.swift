import AWHDF5
import AWTestSupport
import Foundation
import Testing

@Suite("HDF5 files")
struct HDF5FileTests {
    /// A file using every feature; the same call sequence must give the same bytes.
    static func writeSample(_ path: String) throws {
        let file = try H5File.create(path)
        try file.setAttribute("schema", "awd-test/1")
        try file.setAttribute("seed", Int64(42))
        let run = try file.createGroup("runs/lr=0.1/seed=0")
        try run.setAttribute("grid", [0.005, 0.01, 0.02])
        try run.createDataset("weights/W1", values: (0..<(50 * 40)).map { Float(sin(Double($0))) }, shape: [50, 40])
        let spectrum = try run.createDataset("spectrum", values: (0..<5000).map { exp(-Double($0) / 300) },
                                             shape: [5000], options: .compressed(level: 4))
        try spectrum.setAttribute("units", "nats")
        try run.createDataset("labels", values: (0..<1000).map { UInt8($0 % 10) }, shape: [1000])
        try run.createDataset("epochs", values: [Int64(17)], shape: [])
        try file.requireGroup("empty")
    }

    @Test func identicalWritesGiveIdenticalBytes() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let first = dir.appendingPathComponent("first.h5").path
            let second = dir.appendingPathComponent("second.h5").path
            try Self.writeSample(first)
            // Make sure a different wall-clock second cannot hide behind identical bytes.
            Thread.sleep(forTimeInterval: 1.1)
            try Self.writeSample(second)
            let a = TestSupport.fileBytes(first)
            let b = TestSupport.fileBytes(second)
            #expect(a.count > 10_000)
            #expect(a == b)
            // Overwriting (truncating) an existing file gives the same bytes again.
            try Self.writeSample(first)
            #expect(TestSupport.fileBytes(first) == b)
        }
    }

    @Test func h5dumpReadsProducedFile() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("dump.h5").path
            try Self.writeSample(path)
            guard let result = try TestSupport.run("/usr/bin/h5dump", ["-H", path]) else {
                print("note: /usr/bin/h5dump not installed; h5dump check skipped")
                return
            }
            #expect(result.status == 0, "\(result.stderr)")
            for expected in ["GROUP \"lr=0.1\"", "DATASET \"W1\"", "H5T_IEEE_F32LE", "SIMPLE { ( 50, 40 ) / ( 50, 40 ) }",
                             "H5T_IEEE_F64LE", "H5T_STD_U8LE", "H5T_STD_I64LE", "SCALAR", "ATTRIBUTE \"units\""] {
                #expect(result.stdout.contains(expected), "h5dump -H output lacks \(expected)")
            }
            // Data are readable too (a small dataset, in full).
            let data = try #require(try TestSupport.run("/usr/bin/h5dump", ["-d", "/runs/lr=0.1/seed=0/epochs", path]))
            #expect(data.status == 0)
            #expect(data.stdout.contains("(0): 17"))
            let gzip = try #require(try TestSupport.run("/usr/bin/h5dump", ["-p", "-H", "-d", "/runs/lr=0.1/seed=0/spectrum", path]))
            #expect(gzip.stdout.contains("DEFLATE"))
        }
    }

    @Test func missingFileThrows() throws {
        let path = "/nonexistent-dir-awd/missing.h5"
        let error = #expect(throws: HDF5Error.self) { try H5File.open(path) }
        #expect(error?.file == path)
        #expect(error?.reason == "no such file")
        #expect(error?.description.contains(path) == true)
        // Creating in a missing directory fails with HDF5's reason.
        let create = #expect(throws: HDF5Error.self) { try H5File.create(path) }
        #expect(create?.operation == "create file")
        #expect(create?.reason.isEmpty == false)
    }

    @Test func truncatedFileThrows() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("cut.h5").path
            try Self.writeSample(path)
            let bytes = TestSupport.fileBytes(path)
            try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: HDF5Error.self) { try H5File.open(path) }
            #expect(error?.operation == "open file")
            #expect(error?.description.contains("truncated") == true, "\(String(describing: error))")
            // A file cut right after the superblock signature is rejected too.
            try Data(bytes.prefix(12)).write(to: URL(fileURLWithPath: path))
            #expect(throws: HDF5Error.self) { try H5File.open(path) }
            try Data().write(to: URL(fileURLWithPath: path))
            #expect(throws: HDF5Error.self) { try H5File.open(path) }
        }
    }

    @Test func nonHDF5FileAndDirectoryThrow() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("text.h5").path
            try Data(String(repeating: "not an HDF5 file\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: HDF5Error.self) { try H5File.open(path) }
            #expect(error?.reason.contains("not an HDF5 file") == true)
            let directory = #expect(throws: HDF5Error.self) { try H5File.open(dir.path) }
            #expect(directory?.reason.contains("directory") == true)
        }
    }

    @Test func closedFileThrows() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let file = try H5File.create(dir.appendingPathComponent("closed.h5").path)
            file.close()
            #expect(file.isClosed)
            let error = #expect(throws: HDF5Error.self) { try file.createGroup("g") }
            #expect(error?.reason.contains("closed") == true)
            file.close()
        }
    }

    /// Many tasks writing and reading their own files at once (the global lock serialises them).
    @Test func concurrentWritersAndReaders() async throws {
        try await TestSupport.withTemporaryDirectory { dir in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<16 {
                    group.addTask {
                        let path = dir.appendingPathComponent("task\(task).h5").path
                        let values = (0..<2000).map { Double($0 * task) }
                        for round in 0..<5 {
                            do {
                                let file = try H5File.create(path)
                                let g = try file.createGroup("g/\(round)")
                                try g.createDataset("v", values: values, shape: [40, 50], options: .compressed())
                                try g.setAttribute("task", Int64(task))
                            }
                            let file = try H5File.open(path)
                            let back = try file.read("g/\(round)/v", as: Double.self)
                            guard back.values == values, try file.group("g/\(round)").int64Attribute("task") == Int64(task) else {
                                throw HDF5Error(operation: "compare", file: path, object: "", reason: "mismatch")
                            }
                            // Errors on one thread must not leak into another thread's results.
                            _ = try? file.dataset("missing")
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
    }
}
