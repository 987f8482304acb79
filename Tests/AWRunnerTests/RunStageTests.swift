import AWAnalysis
import AWArchive
import AWCore
import AWData
import AWLinearAlgebra
import AWManifest
import AWNetwork
import AWRunner
import AWTestSupport
import Foundation
import Testing

/// The run stage on a small synthetic dataset: one planned run -> data -> training -> analysis ->
/// record -> archive, checked against the archive read back and against independent recomputation.
@Suite("Run stage")
struct RunStageTests {
    /// A synthetic 10-class split: class k lights pixels [k*78, k*78+78) at 0.8, plus seeded noise.
    static func split(_ split: DatasetSplit, count: Int, seed: UInt64) throws -> AWData.Dataset {
        var g = SeededGenerator(seed: seed)
        var images = Matrix<Float>(rows: count, cols: 784)
        var labels: [Int] = []
        for r in 0..<count {
            let k = r % 10
            labels.append(k)
            for j in 0..<784 { images[r, j] = g.nextFloat() * 0.3 }
            for j in (k * 78)..<(k * 78 + 78) { images[r, j] = 0.8 }
        }
        return try AWData.Dataset(name: "synthetic", split: split, images: images, labels: labels)
    }

    static let data: RunData = {
        let train = try! split(.train, count: 200, seed: 1)
        let test = try! split(.test, count: 60, seed: 2)
        return .inMemory(train: train, test: test)
    }()

    static func run(in directory: URL, analysis: Bool = true) throws -> RunPlan.Run {
        let yaml = """
            name: tiny
            dataset: {train_per_class: 8, test_count: 30}
            model: {hidden: [6, 5]}
            training: {batch_size: 10, max_epochs: 40}
            analysis: {enabled: \(analysis), sharp_count: 3}
            seeds: {base: 7, replicates: 1}
            """
        return try Manifest.parse(yaml: yaml, file: "tiny.yaml").plan(root: directory.path).runs[0]
    }

    @Test("one run: the archive written is the record returned, whole, under the run's id")
    func oneRunEndToEnd() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let run = try Self.run(in: dir)
            var stages: [RunStage.Stage] = []
            let record = try RunStage(data: Self.data).execute(run, manifestName: "tiny", progress: { s, _, _ in
                if stages.last != s { stages.append(s) }
            })
            #expect(stages == [.data, .train, .analysis, .archive])
            #expect(run.archivePath.hasSuffix("tiny/\(run.runID).h5"))
            let back = try RunArchive.read(run.archivePath)
            #expect(back == record)
            #expect(back.runID == run.runID && back.configSHA256 == run.configSHA256 && back.config == run.canonicalJSON)
            #expect(try RunConfiguration(canonicalJSON: back.config) == run.configuration)
            #expect(back.manifest == "tiny" && back.status == .complete)
            // No temporary file is left beside the archive.
            let names = try FileManager.default.contentsOfDirectory(atPath: (run.archivePath as NSString).deletingLastPathComponent)
            #expect(names == ["\(run.runID).h5"])
            // Data: 8 per class from the synthetic train split, the first 30 test images.
            #expect(back.data.trainIndices.count == 80 && back.data.testIndices == (0..<30).map { Int64($0) })
            #expect(Set(back.data.trainLabels).count == 10)
            // Analysis of the configured layer (manifest layer 2 = the 6 -> 5 layer, 30 weights, dense path).
            let a = try #require(back.analysis)
            #expect(back.model.layers[1].rows == 5 && back.model.layers[1].cols == 6)
            #expect(a.sigmaW.count == 30 && a.dualityResidualMax < 1e-4)
            // The metrics, recomputed independently from the archived weights and data.
            let model = MLP<Double>(widths: back.model.widths.map { Int($0) }, activation: .relu, bias: false, initScale: 1, seed: 0)
            var trained = model
            trained.weights = back.model.layers
            let trainSet = try Self.data.load(.mnist, .train).selecting(rows: back.data.trainIndices.map { Int($0) })
            let testSet = try Self.data.load(.mnist, .test).prefix(30)
            let m = try #require(back.metrics)
            let lTest = Loss.crossEntropy.mean(logits: trained.logits(testSet.images.converted(to: Double.self)), labels: testSet.labels)
            let lTrain = Loss.crossEntropy.mean(logits: trained.logits(trainSet.images.converted(to: Double.self)), labels: trainSet.labels)
            #expect(abs(m.testLoss - lTest) <= 1e-5 * max(1, lTest) && abs(m.trainLoss - lTrain) <= 1e-5 * max(1, lTrain))
        }
    }

    @Test("analysis off: the same training and the same metrics function as the analysed run")
    func analysisOffUsesTheSameMetrics() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let on = try RunStage(data: Self.data).execute(try Self.run(in: dir), manifestName: "tiny")
            let off = try RunStage(data: Self.data).execute(try Self.run(in: dir, analysis: false), manifestName: "tiny")
            #expect(off.analysis == nil && on.analysis != nil)
            #expect(off.model == on.model && off.training == on.training)
            #expect(off.metrics == on.metrics)
        }
    }

    @Test("a cancelled run throws interrupted and writes no archive")
    func cancelledRunWritesNothing() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let run = try Self.run(in: dir)
            #expect(throws: AWError.self) {
                try RunStage(data: Self.data).execute(run, manifestName: "tiny", shouldCancel: { true })
            }
            #expect(!FileManager.default.fileExists(atPath: run.archivePath))
        }
    }

    @Test("the same run twice gives byte-identical archives")
    func deterministic() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let run = try Self.run(in: dir)
            try RunStage(data: Self.data).execute(run, manifestName: "tiny")
            let first = TestSupport.fileBytes(run.archivePath)
            try FileManager.default.removeItem(atPath: run.archivePath)
            try RunStage(data: Self.data).execute(run, manifestName: "tiny")
            #expect(TestSupport.fileBytes(run.archivePath) == first && !first.isEmpty)
        }
    }

    @Test("resume: a complete archive is done; the same archive with damaged data is redone")
    func damagedArchiveIsNotDone() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let run = try Self.run(in: dir)
            try RunStage(data: Self.data).execute(run, manifestName: "tiny")
            #expect(RunStatus.of(run).isDone)
            var bytes = TestSupport.fileBytes(run.archivePath)
            // Zero the last stored weights' bytes region: find the first float32 of layer 3 by value.
            let record = try RunArchive.read(run.archivePath)
            let w = Float(record.model.layers[2].data[0])
            let marker = withUnsafeBytes(of: w.bitPattern.littleEndian) { Array($0) }
            let at = try #require((0...(bytes.count - 4)).first { Array(bytes[$0..<$0 + 4]) == marker })
            for i in at..<(at + 4) { bytes[i] = 0 }
            FileManager.default.createFile(atPath: run.archivePath, contents: Data(bytes))
            let status = RunStatus.of(run)
            #expect(!status.isDone, "\(status)")
            #expect("\(status)".contains("damaged"), "\(status)")
        }
    }
}
