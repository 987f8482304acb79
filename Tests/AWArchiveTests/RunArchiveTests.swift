import AWArchive
import AWCore
import AWHDF5
import AWTestSupport
import Foundation
import Testing

@Suite("Run archive")
struct RunArchiveTests {
    @Test("round trip of every field", arguments: [DType.float32, .float64], [false, true])
    func roundTrip(dtype: DType, bias: Bool) throws {
        try TestSupport.withTemporaryDirectory { dir in
            let record = sampleRecord(dtype: dtype, bias: bias)
            let path = dir.appendingPathComponent("r.h5").path
            try RunArchive.write(record, to: path)
            let back = try RunArchive.read(path)
            #expect(back == record)
            #expect(back.sweptValues == ["model.hidden": 30, "training.batch_size": 100])
            let header = try RunArchive.readHeader(path)
            #expect(header.runID == record.runID && header.status == .complete && header.configSHA256 == record.configSHA256)
        }
    }

    @Test("a diverged run without metrics or analysis round-trips")
    func diverged() throws {
        try TestSupport.withTemporaryDirectory { dir in
            var record = sampleRecord(analysis: false)
            record.status = .diverged
            record.metrics = nil
            let path = dir.appendingPathComponent("d.h5").path
            try RunArchive.write(record, to: path)
            #expect(try RunArchive.read(path) == record)
        }
    }

    @Test("several learners' consensus distance and a skipped analysis (dead layer) round-trip; h5py reads both")
    func learnersAndSkippedAnalysis() throws {
        try TestSupport.withTemporaryDirectory { dir in
            var record = sampleRecord(analysis: false)
            record.training.consensusDistance = (0..<record.training.trainLoss.count).map { 0.5 / Double($0 + 1) }
            record.analysisSkipped = "no pairs could be formed (the layer is dead)"
            let path = dir.appendingPathComponent("l.h5").path
            try RunArchive.write(record, to: path)
            let back = try RunArchive.read(path)
            #expect(back == record && back.training.consensusDistance == record.training.consensusDistance)
            #expect(back.analysisSkipped == record.analysisSkipped)
            // (the sample record's config digest is not its config's; only the learners' check matters here)
            let consensus = ArchiveVerifier().verify(path: path).filter { $0.name == "consensus distance" }
            #expect(consensus.count == 1 && consensus[0].passed, "\(consensus)")
            if RunArchiveTestHooks.hasH5py {
                let code = "import h5py,sys; f=h5py.File(sys.argv[1],'r');" +
                     " a=f['metrics'].attrs['analysis_skipped']; print(len(f['training/consensus_distance']), a.decode() if isinstance(a, bytes) else a)"
                let r = try TestSupport.run("/usr/bin/env", ["python3", "-c", code, path])
                #expect(r?.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                        == "\(record.training.trainLoss.count) no pairs could be formed (the layer is dead)", "\(r?.stderr ?? "")")
            }
        }
    }

    @Test("identical records give byte-identical files; no temporary file is left")
    func byteIdentical() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let a = dir.appendingPathComponent("a.h5").path, b = dir.appendingPathComponent("b.h5").path
            try RunArchive.write(sampleRecord(), to: a)
            try RunArchive.write(sampleRecord(), to: b)
            let bytes = TestSupport.fileBytes(a)
            #expect(!bytes.isEmpty && bytes == TestSupport.fileBytes(b))
            let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            #expect(left == ["a.h5", "b.h5"])
        }
    }

    @Test("truncated, corrupted, foreign and unknown-version files give a clear ArchiveError")
    func badFiles() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let good = dir.appendingPathComponent("good.h5").path
            try RunArchive.write(sampleRecord(), to: good)
            let bytes = TestSupport.fileBytes(good)

            let truncated = dir.appendingPathComponent("truncated.h5").path
            _ = FileManager.default.createFile(atPath: truncated, contents: Data(bytes.prefix(bytes.count / 2)))
            let garbage = dir.appendingPathComponent("garbage.h5").path
            _ = FileManager.default.createFile(atPath: garbage, contents: Data("not an archive".utf8))
            let missing = dir.appendingPathComponent("missing.h5").path
            for path in [truncated, garbage, missing] {
                let error = #expect(throws: ArchiveError.self) { try RunArchive.read(path) }
                #expect(error?.description.contains(path) == true)
            }
            // A valid HDF5 file of another format version.
            var record = sampleRecord()
            record.softwareVersion = "x"
            let other = dir.appendingPathComponent("v2.h5").path
            try RunArchive.write(record, to: other)
            try RunArchiveTestHooks.setFormatVersion(other, 99)
            let error = #expect(throws: ArchiveError.self) { try RunArchive.readHeader(other) }
            #expect(error?.reason.contains("unknown format_version 99") == true)
        }
    }

    @Test("h5py (an independent reader) finds every required name", .enabled(if: RunArchiveTestHooks.hasH5py))
    func h5pyReads() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("r.h5").path
            try RunArchive.write(sampleRecord(), to: path)
            let script = RunArchiveTestHooks.repoRoot.appendingPathComponent("tools/check_archive.py").path
            let result = try TestSupport.run("/usr/bin/env", ["python3", script, path])
            #expect(result?.status == 0, "\(result?.stdout ?? "") \(result?.stderr ?? "")")
        }
    }

    @Test("h5dump reads the archive", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/h5dump")))
    func h5dumpReads() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("r.h5").path
            try RunArchive.write(sampleRecord(), to: path)
            let result = try TestSupport.run("/usr/bin/h5dump", ["-H", path])
            #expect(result?.status == 0)
            #expect(result?.stdout.contains("sigma_g") == true)
        }
    }
}

enum RunArchiveTestHooks {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let hasH5py: Bool = {
        (try? TestSupport.run("/usr/bin/env", ["python3", "-c", "import h5py"]))??.status == 0
    }()

    static func setFormatVersion(_ path: String, _ v: Int64) throws {
        let file = try H5File.open(path, mode: .readWrite)
        try file.setAttribute("format_version", v)
        file.close()
    }
}
