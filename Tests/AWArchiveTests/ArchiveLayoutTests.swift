import AWAnalysis
import AWCore
import AWHDF5
import AWTestSupport
import Foundation
import Testing
@testable import AWArchive

@Suite("Archive layout: typed values at the HDF5 boundary")
struct ArchiveLayoutTests {
    @Test("the 0-based layer index is archived as the 1-based attribute layer")
    func layerNumbering() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("r.h5").path
            try RunArchive.write(sampleRecord(), to: path)
            let file = try H5File.open(path)
            #expect(try file.group("analysis").int64Attribute("layer") == 2)
            file.close()
            let back = try RunArchive.read(path)
            #expect(back.analysis?.layerIndex == 1 && back.analysis?.layerNumber == 2)
        }
    }

    @Test("density_method and its SLQ settings are archived and read back",
          arguments: [DensityMethod.eigenvalues, .slq(probes: 3, steps: 25), .none])
    func densityMethod(method: DensityMethod) throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("r.h5").path
            try RunArchive.write(sampleRecord(density: method), to: path)
            let file = try H5File.open(path)
            let g = try file.group("analysis")
            #expect(try g.stringAttribute("density_method") == method.name)
            if case let .slq(probes, steps) = method {
                #expect(try g.int64Attribute("density_slq_probes") == Int64(probes))
                #expect(try g.int64Attribute("density_slq_steps") == Int64(steps))
            } else {
                #expect(try !g.hasAttribute("density_slq_probes") && !g.hasAttribute("density_slq_steps"))
            }
            file.close()
            #expect(try RunArchive.read(path).analysis?.densityMethod == method)
        }
    }

    @Test("an archive without density_method: dense -> eigenvalues, lanczos -> SLQ with the config's probes and steps")
    func densityInference() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("old.h5").path
            var record = sampleRecord(density: .eigenvalues)
            try RunArchive.write(record, to: path, densityMethodAttributes: false)
            #expect(try !H5File.open(path).group("analysis").hasAttribute("density_method"))
            #expect(try RunArchive.read(path) == record)

            record.analysis!.eigenMethod = .lanczos
            record.config = "{\"analysis\":{\"slq_probes\":4,\"slq_steps\":30},\"seed\":7}"
            record.analysis!.densityMethod = .slq(probes: 4, steps: 30)
            try RunArchive.write(record, to: path, densityMethodAttributes: false)
            #expect(try RunArchive.read(path).analysis?.densityMethod == .slq(probes: 4, steps: 30))

            record.config = "{\"analysis\":{\"slq_probes\":0,\"slq_steps\":30},\"seed\":7}"
            record.analysis!.densityNodes = []
            record.analysis!.densityWeights = []
            record.analysis!.densityMethod = .none
            try RunArchive.write(record, to: path, densityMethodAttributes: false)
            #expect(try RunArchive.read(path) == record)
        }
    }

    @Test("an unknown spelling is an ArchiveError naming file, attribute, value and the allowed spellings",
          arguments: [("analysis", "pairing", "test_to_train"), ("analysis", "eigen_method", "lanczos"),
                      ("analysis", "density_method", "eigenvalues"), ("training", "stop_reason", "max_epochs"),
                      ("model", "activation", "tanh"), ("model", "dtype", "float64"), ("data", "dataset", "fashion-mnist")])
    func unknownSpelling(group: String, attribute: String, allowed: String) throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("r.h5").path
            try RunArchive.write(sampleRecord(), to: path)
            let file = try H5File.open(path, mode: .readWrite)
            try file.group(group).setAttribute(attribute, "sideways")
            file.close()
            // Changed after the write: the group's attribute checksum no longer matches.
            let damaged = #expect(throws: ArchiveError.self) { try RunArchive.read(path) }
            #expect(damaged?.description.contains("the attributes of /\(group) are damaged") == true, "\(String(describing: damaged))")
            // Written that way (the checksum resealed, as a writer with that spelling would): the spelling is named.
            let resealed = try H5File.open(path, mode: .readWrite)
            try RunArchive.sealAttributes(try resealed.group(group))
            resealed.close()
            let error = #expect(throws: ArchiveError.self) { try RunArchive.read(path) }
            let text = error?.description ?? ""
            #expect(text.contains(path) && text.contains("/\(group)/\(attribute)") && text.contains("\"sideways\"")
                    && text.contains("\"\(allowed)\""), "\(text)")
        }
    }

    @Test("an archive of the first layout, read and written again without the new attributes, is byte-identical",
          .enabled(if: ProcessInfo.processInfo.environment["AWD_FIRST_LAYOUT_ARCHIVE"] != nil))
    func firstLayoutBytes() throws {
        let old = ProcessInfo.processInfo.environment["AWD_FIRST_LAYOUT_ARCHIVE"]!
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("again.h5").path
            try RunArchive.write(try RunArchive.read(old), to: path, densityMethodAttributes: false)
            #expect(TestSupport.fileBytes(path) == TestSupport.fileBytes(old))
        }
    }
}
