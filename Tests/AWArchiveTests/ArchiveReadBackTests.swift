import AWArchive
import AWCore
import AWHDF5
import AWTestSupport
import Foundation
import Testing
@testable import AWArchive

/// An archive gets its final name only after it was read back and found equal to its record.
@Suite("Archive read-back check", .serialized)
struct ArchiveReadBackTests {
    @Test("a NaN-holding record (a diverged run) reads back equal and is archived")
    func nanRecordsCompareEqual() throws {
        try TestSupport.withTemporaryDirectory { dir in
            var r = sampleRecord()
            r.training.trainLoss[2] = .nan
            r.status = .diverged
            let path = dir.appendingPathComponent("a.h5").path
            try RunArchive.write(r, to: path)
            #expect(r.firstDifference(from: try RunArchive.read(path)) == nil)
        }
    }

    @Test("comparison is bit for bit: -0.0, one changed weight, a changed string are all differences")
    func comparisonFindsEveryDifference() {
        let r = sampleRecord()
        var s = r
        s.model.layers[1].data[3] += 1e-12
        #expect(r.firstDifference(from: s)?.hasPrefix("record.model.layers.1.data[3]") == true)
        s = r; s.metrics!.gap = -0.0
        var t = r; t.metrics!.gap = 0.0
        #expect(t.firstDifference(from: s) != nil)
        s = r; s.manifest += "x"
        #expect(r.firstDifference(from: s) != nil)
        #expect(r.firstDifference(from: r) == nil)
    }

    @Test("bytes damaged between close and rename: the write fails and no archive appears")
    func damagedTemporaryIsNeverRenamed() throws {
        try TestSupport.withTemporaryDirectory { dir in
            var r = sampleRecord()
            // A distinctive value whose 8 bytes are found in the file (the data of /training/train_loss).
            r.training.trainLoss[3] = 1234.5678125
            let marker = withUnsafeBytes(of: r.training.trainLoss[3].bitPattern.littleEndian) { Array($0) }
            let path = dir.appendingPathComponent("b.h5").path
            RunArchive.afterClose = { tmp in
                var bytes = TestSupport.fileBytes(tmp)
                guard let at = (0...(bytes.count - 8)).first(where: { Array(bytes[$0..<$0 + 8]) == marker }) else { return }
                bytes[at + 7] ^= 0x40  // still a valid double, a different value
                FileManager.default.createFile(atPath: tmp, contents: Data(bytes))
            }
            defer { RunArchive.afterClose = nil }
            let error = #expect(throws: AWError.self) { try RunArchive.write(r, to: path) }
            #expect(error?.kind == .io && error?.message.contains("could not be read back") == true && error?.message.contains("/training/train_loss is damaged") == true, "\(String(describing: error))")
            #expect((try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.isEmpty == true)
        }
    }

    @Test("every dataset carries its sha256; damage found later makes the archive unreadable, naming the dataset")
    func checksumsCatchLaterDamage() throws {
        try TestSupport.withTemporaryDirectory { dir in
            var r = sampleRecord()
            r.training.trainLoss[3] = 1234.5678125
            let path = dir.appendingPathComponent("c.h5").path
            try RunArchive.write(r, to: path)
            // Every dataset of the file has one (counted by walking the file independently).
            func walk(_ g: H5Container) throws -> (datasets: Int, withChecksum: Int) {
                var n = (datasets: 0, withChecksum: 0)
                for name in try g.datasetNames() {
                    n.datasets += 1
                    if try g.dataset(name).hasAttribute(RunArchive.checksumAttribute) { n.withChecksum += 1 }
                }
                for name in try g.groupNames() {
                    let sub = try walk(try g.group(name))
                    n.datasets += sub.datasets; n.withChecksum += sub.withChecksum
                }
                return n
            }
            let file = try H5File.open(path)
            let counts = try walk(file)
            file.close()
            #expect(counts.datasets > 20 && counts.withChecksum == counts.datasets)
            #expect(try RunArchive.verifyChecksums(path) == counts.datasets)
            var bytes = TestSupport.fileBytes(path)
            let marker = withUnsafeBytes(of: r.training.trainLoss[3].bitPattern.littleEndian) { Array($0) }
            let at = try #require((0...(bytes.count - 8)).first { Array(bytes[$0..<$0 + 8]) == marker })
            bytes[at + 7] ^= 0x40
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let error = #expect(throws: ArchiveError.self) { try RunArchive.read(path) }
            #expect(error?.reason.contains("dataset /training/train_loss is damaged") == true, "\(String(describing: error))")
            #expect(throws: ArchiveError.self) { try RunArchive.verifyChecksums(path) }
        }
    }
}
