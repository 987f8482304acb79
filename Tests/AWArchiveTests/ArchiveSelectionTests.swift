import AWCore
import AWTestSupport
import Foundation
import Testing
@testable import AWArchive

@Suite("Run index and archive selection")
struct ArchiveSelectionTests {
    /// Archives of three runs, "a...", "b...", "c...", written into `folder`.
    func writeRuns(_ folder: URL) throws -> [String] {
        try ["aaaa000000000000", "bbbb000000000000", "cccc000000000000"].enumerated().map { i, id in
            var r = sampleRecord(seed: UInt64(i + 1))
            r.runID = id
            try RunArchive.write(r, to: folder.appendingPathComponent(id + ".h5").path)
            return id
        }
    }

    @Test("the index lists the plan: a stale archive in the folder is left out, order is the plan's")
    func staleLeftOut() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let ids = try writeRuns(dir)
            try RunIndex.write(manifest: "quick-test", runIDs: [ids[2], ids[0], "dddd000000000000"], to: dir.path)
            #expect(try RunIndex.read(folder: dir.path) == RunIndex(manifest: "quick-test", runIDs: [ids[2], ids[0], "dddd000000000000"]))
            let s = try ArchiveSelection.records(folder: dir.path)
            #expect(s.records.map(\.runID) == [ids[2], ids[0]])
            #expect(s.unlisted == [ids[1] + ".h5"])
            #expect(s.missing == ["dddd000000000000"])
            #expect(s.skipped.isEmpty)
        }
    }

    @Test("no index: every archive of the folder, by file name; a malformed archive is skipped with its reason")
    func noIndex() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let ids = try writeRuns(dir)
            let bad = dir.appendingPathComponent("broken.h5").path
            _ = FileManager.default.createFile(atPath: bad, contents: Data("not hdf5".utf8))
            // A writer's temporary file is not an archive.
            _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("eeee.h5.tmp-1").path, contents: Data())
            #expect(try RunIndex.read(folder: dir.path) == nil)
            let s = try ArchiveSelection.records(folder: dir.path)
            #expect(s.index == nil && s.records.map(\.runID) == ids)
            #expect(s.skipped.count == 1 && s.skipped[0].path == bad && s.skipped[0].reason.contains("not a readable awd run archive"))
        }
    }

    @Test("a listed archive holding another run is skipped; a malformed index is an error naming it")
    func mismatchAndMalformed() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let ids = try writeRuns(dir)
            try FileManager.default.copyItem(atPath: dir.appendingPathComponent(ids[0] + ".h5").path,
                                             toPath: dir.appendingPathComponent("ffff000000000000.h5").path)
            try RunIndex.write(manifest: "m", runIDs: ["ffff000000000000", ids[1]], to: dir.path)
            let s = try ArchiveSelection.records(folder: dir.path)
            #expect(s.records.map(\.runID) == [ids[1]])
            #expect(s.skipped.map(\.reason) == ["holds run \(ids[0]), not ffff000000000000"])

            try "{\"runs\": 3}".write(toFile: RunIndex.path(folder: dir.path), atomically: true, encoding: .utf8)
            let error = #expect(throws: ArchiveError.self) { try ArchiveSelection.records(folder: dir.path) }
            #expect(error?.path == RunIndex.path(folder: dir.path))
        }
    }

    @Test("the index file: the documented JSON, written atomically, left alone when unchanged")
    func indexFile() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let folder = dir.appendingPathComponent("new/quick \"x\"").path
            let ids = ["0123456789abcdef", "fedcba9876543210"]
            try RunIndex.write(manifest: "quick \"x\"", runIDs: ids, to: folder)
            let path = RunIndex.path(folder: folder)
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
            #expect(object?["manifest"] as? String == "quick \"x\"" && object?["runs"] as? [String] == ids)
            let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
            Thread.sleep(forTimeInterval: 0.05)
            try RunIndex.write(manifest: "quick \"x\"", runIDs: ids, to: folder)
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [RunIndex.fileName])
            #expect(try RunIndex.read(folder: folder)?.runIDs == ids)
            // An entry that is not a run id (a path, say) makes the index unreadable, not a file name.
            try #"{"manifest":"m","runs":["../../etc/passwd"]}"#.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(throws: ArchiveError.self) { try RunIndex.read(folder: folder) }
        }
    }
}
