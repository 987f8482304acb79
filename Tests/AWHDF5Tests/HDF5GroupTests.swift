import AWHDF5
import AWTestSupport
import Foundation
import Testing

@Suite("HDF5 groups")
struct HDF5GroupTests {
    @Test func nestedGroupsListingAndExistence() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("groups.h5").path
            do {
                let file = try H5File.create(path)
                let deep = try file.createGroup("a/b/c")
                #expect(deep.path == "/a/b/c")
                try deep.createDataset("x", values: [Int64(1)], shape: [1])
                let b = try file.group("a/b")
                try b.createGroup("d")
                try b.createDataset("e/f/data", values: [Float(1)], shape: [])
                try file.createDataset("/top", values: [UInt8(1)], shape: [1])
                // Absolute paths from a group start at the root.
                try deep.createGroup("/z")
                #expect(try b.requireGroup("c").path == "/a/b/c")
                #expect(try file.requireGroup("new/one").path == "/new/one")
                let twice = #expect(throws: HDF5Error.self) { try file.createGroup("a/b") }
                #expect(twice?.reason.contains("already exists") == true)
                let blocked = #expect(throws: HDF5Error.self) { try file.createGroup("top/sub") }
                #expect(blocked?.object == "/top")
            }
            let file = try H5File.open(path)
            #expect(try file.children() == ["a", "new", "top", "z"])
            #expect(try file.groupNames() == ["a", "new", "z"])
            #expect(try file.datasetNames() == ["top"])
            let b = try file.group("/a/b")
            #expect(try b.children() == ["c", "d", "e"])
            #expect(try file.group("a/b/e/f").datasetNames() == ["data"])
            #expect(try file.exists("a/b/c/x"))
            #expect(try file.exists("/a/b/c"))
            #expect(try b.exists("c/x"))
            #expect(try !file.exists("a/b/missing"))
            #expect(try !file.exists("nothing/at/all"))
            #expect(try !file.exists("top/below/a/dataset"))
            #expect(try file.kind(of: "a/b/c/x") == .dataset)
            #expect(try file.kind(of: "a/b") == .group)
            #expect(try file.kind(of: "a/missing") == nil)
            #expect(try file.group("a/b/c").read("x", as: Int64.self).values == [1])
            #expect(try file.read("/a/b/e/f/data", as: Float.self).shape == [])
        }
    }

    @Test func missingObjectsThrowNamingThePath() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("missing.h5").path
            do {
                let file = try H5File.create(path)
                try file.createGroup("g")
                try file.createDataset("g/d", values: [1.0], shape: [1])
            }
            let file = try H5File.open(path)
            let noDataset = #expect(throws: HDF5Error.self) { try file.read("g/nope", as: Double.self) }
            #expect(noDataset?.object == "/g/nope")
            #expect(noDataset?.file == path)
            #expect(noDataset?.description.contains("no such dataset") == true)
            let deepMissing = #expect(throws: HDF5Error.self) { try file.dataset("x/y/z") }
            #expect(deepMissing?.object == "/x/y/z")
            #expect(throws: HDF5Error.self) { try file.group("g/d") }
            #expect(throws: HDF5Error.self) { try file.dataset("g") }
            #expect(throws: HDF5Error.self) { try file.group("absent") }
            // Read-only files refuse to create objects.
            #expect(throws: HDF5Error.self) { try file.createGroup("new") }
            #expect(throws: HDF5Error.self) { try file.createDataset("g/new", values: [1.0], shape: [1]) }
        }
    }

    @Test func readWriteModeAppendsToExistingFile() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("append.h5").path
            try H5File.create(path).createDataset("first", values: [1.0], shape: [1])
            do {
                let file = try H5File.open(path, mode: .readWrite)
                #expect(!file.isReadOnly)
                try file.createDataset("second", values: [2.0], shape: [1])
            }
            #expect(try H5File.open(path).children() == ["first", "second"])
        }
    }
}
