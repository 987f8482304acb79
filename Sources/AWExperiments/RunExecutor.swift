import AWAnalysis
import AWArchive
import AWCore
import AWData
import AWLinearAlgebra
import AWNetwork
import Foundation

/// Executes one planned run in this process: data selection, training, the duality analysis,
/// and the `RunRecord` that the archive stores. Reads the dataset files; writes nothing.
public struct RunExecutor: Sendable {
    public var dataDirectory: String?
    /// Datasets already loaded in this process, by name and split (one runner process may execute many runs).
    private let cache = DatasetCache()

    public init(dataDirectory: String? = nil) { self.dataDirectory = dataDirectory }

    /// A stage of a run, for progress displays.
    public enum Stage: String, Sendable { case data, train, analysis }

    public func execute(_ run: RunPlan.Run, manifestName: String,
                        progress: @escaping (_ stage: Stage, _ epoch: Int, _ loss: Double) -> Void = { _, _, _ in },
                        shouldCancel: (() -> Bool)? = nil) throws -> RunRecord {
        let config = run.configuration
        BLASConfiguration.setThreads(1)
        progress(.data, 0, .nan)
        let name = config.dataset.name
        let trainSplit = try cache.load(name, .train, dataDirectory)
        let testSplit = try cache.load(name, .test, dataDirectory)
        let selection = config.dataSelection
        let runGenerator = SeededGenerator(seed: config.seed)
        let train = try selection.trainingSet(from: trainSplit, run: runGenerator)
        let test = try selection.testSet(from: testSplit)

        switch config.model.dtype {
        case .float32:
            return try execute(Float.self, run, manifestName: manifestName, train: train, test: test,
                               progress: progress, shouldCancel: shouldCancel)
        case .float64:
            return try execute(Double.self, run, manifestName: manifestName, train: train, test: test,
                               progress: progress, shouldCancel: shouldCancel)
        }
    }

    private func execute<T: BLASScalar>(_: T.Type, _ run: RunPlan.Run, manifestName: String, train: AWData.Dataset,
                                        test: AWData.Dataset,
                                        progress: @escaping (Stage, Int, Double) -> Void,
                                        shouldCancel: (() -> Bool)?) throws -> RunRecord {
        let config = run.configuration
        let xTrain: Matrix<T> = train.images.converted(to: T.self)
        let xTest: Matrix<T> = test.images.converted(to: T.self)
        let model = MLP<T>(widths: config.layerSizes, activation: config.model.activation, bias: config.model.bias,
                           initScale: config.model.initScale, seed: config.seed)
        let trainer = Trainer<T>(config: config.trainingConfig, blasThreads: 1)
        progress(.train, 0, .nan)
        let result = try trainer.train(model: model, x: xTrain, labels: train.labels, clean: train.cleanMask,
                                       seed: config.seed, progress: { epoch, l, _ in progress(.train, epoch, l) },
                                       shouldCancel: shouldCancel)
        if case .cancelled = result.stopReason {
            throw AWError(.interrupted, "run \(run.runID) interrupted after epoch \(result.epochs)")
        }
        let trained = result.model

        var metrics: RunRecord.Metrics?
        var analysis: RunRecord.AnalysisSection?
        if !result.diverged {
            let analysedLayer = config.analysis.layer - 1
            if config.analysis.enabled {
                progress(.analysis, result.epochs, result.trainLoss.last ?? .nan)
                let analyzer = DualityAnalyzer(config: config.analysisConfig)
                let d = try analyzer.analyze(model: trained,
                                             train: AnalysisSamples(inputs: xTrain, labels: train.labels, clean: train.cleanMask),
                                             test: AnalysisSamples(inputs: xTest, labels: test.labels))
                metrics = RunRecord.Metrics(d)
                analysis = RunRecord.AnalysisSection(d)
            } else {
                metrics = Self.metrics(trained, loss: config.training.loss, train: train, xTrain: xTrain, test: test, xTest: xTest,
                                       layer: analysedLayer)
            }
        }

        return RunRecord(
            runID: run.runID, config: run.canonicalJSON, configSHA256: run.configSHA256, seed: config.seed,
            status: result.diverged ? .diverged : .complete, softwareVersion: SoftwareInfo.version,
            gitCommit: SoftwareInfo.gitCommit, hdf5Version: SoftwareInfo.hdf5Version, blas: SoftwareInfo.blas,
            manifest: manifestName, sweptJSON: Self.sweptJSON(run.sweptValues), replicate: Int64(run.replicate),
            data: .init(dataset: config.dataset.name, trainIndices: train.sourceIndices.map { Int64($0) },
                        trainLabels: train.labels.map { Int64($0) }, clean: train.cleanMask.map { $0 ? 1 : 0 },
                        testIndices: test.sourceIndices.map { Int64($0) }),
            model: .init(trained), training: .init(result),
            metrics: metrics, analysis: analysis)
    }

    static func metrics<T: BLASScalar>(_ model: MLP<T>, loss: Loss, train: AWData.Dataset, xTrain: Matrix<T>,
                                       test: AWData.Dataset, xTest: Matrix<T>, layer: Int) -> RunRecord.Metrics {
        let clean = train.cleanMask.indices.filter { train.cleanMask[$0] }
        let xc = xTrain.gatherRows(clean)
        let lc = clean.map { train.labels[$0] }
        let fTrain = model.logits(xc), fTest = model.logits(xTest)
        let lTrain = loss.mean(logits: fTrain, labels: lc), lTest = loss.mean(logits: fTest, labels: test.labels)
        return RunRecord.Metrics(trainLoss: lTrain, testLoss: lTest, gap: lTest - lTrain,
                                 trainAccuracy: accuracy(logits: fTrain, labels: lc),
                                 testAccuracy: accuracy(logits: fTest, labels: test.labels),
                                 layerNorm: model.weights[layer].frobeniusNorm,
                                 // weights only, as the analysis reports it (docs/ARCHIVE.md: /metrics/total_norm)
                                 totalNorm: model.weights.reduce(0.0) { $0 + $1.frobeniusNorm * $1.frobeniusNorm }.squareRoot())
    }

    /// The swept values of a run as canonical JSON (sorted keys).
    static func sweptJSON(_ values: [RunPlan.SweptValue]) -> String {
        let entries = values.sorted { $0.keyPath < $1.keyPath }.map { v -> String in
            let text = (try? v.value.canonical()) ?? "null"
            return "\"\(v.keyPath)\":\(text)"
        }
        return "{" + entries.joined(separator: ",") + "}"
    }
}

/// Loaded official splits, shared by the runs one process executes.
final class DatasetCache: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: [String: AWData.Dataset] = [:]

    func load(_ name: DatasetName, _ split: DatasetSplit, _ directory: String?) throws -> AWData.Dataset {
        let key = "\(name.rawValue)/\(split.rawValue)/\(directory ?? "")"
        if let d = lock.withLock({ loaded[key] }) { return d }
        let d = try DatasetLoader.load(name, split: split, location: DataLocation.resolve(name, explicit: directory))
        lock.withLock { loaded[key] = d }
        return d
    }
}
