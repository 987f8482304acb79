import AWAnalysis
import AWArchive
import AWCore
import AWData
import AWLinearAlgebra
import AWManifest
import AWNetwork
import Foundation

/// Executes one planned run end to end, in this process: data -> training -> analysis -> record
/// -> atomic archive write. Each stage is one function below; `execute` calls them in order.
/// The same function serves a child process of a sweep (`awd` hands it a `RunTicket`) and a test.
public struct RunStage: Sendable {
    public var data: RunData

    public init(data: RunData) { self.data = data }

    /// Reads the IDX files under `dataDirectory` (default: each dataset's usual location).
    public init(dataDirectory: String? = nil) { self.init(data: .files(directory: dataDirectory)) }

    /// A stage of a run, for progress displays.
    public enum Stage: String, Sendable { case data, train, analysis, archive }

    public typealias Progress = (_ stage: Stage, _ epoch: Int, _ loss: Double) -> Void

    /// Runs `run` and writes its archive to `run.archivePath` (atomically: a temporary file renamed
    /// when whole). A cancelled training throws `AWError(.interrupted)` and writes nothing; a signal
    /// after training does not discard the finished run.
    @discardableResult
    public func execute(_ run: RunPlan.Run, manifestName: String, progress: @escaping Progress = { _, _, _ in },
                        shouldCancel: (() -> Bool)? = nil) throws -> RunRecord {
        BLASConfiguration.setThreads(1)
        progress(.data, 0, .nan)
        let (train, test) = try selectData(run.configuration)
        let record: RunRecord
        switch run.configuration.model.dtype {
        case .float32:
            record = try execute(Float.self, run, manifestName: manifestName, train: train, test: test,
                                 progress: progress, shouldCancel: shouldCancel)
        case .float64:
            record = try execute(Double.self, run, manifestName: manifestName, train: train, test: test,
                                 progress: progress, shouldCancel: shouldCancel)
        }
        progress(.archive, record.training.epochs.clamped, .nan)
        try RunArchive.write(record, to: run.archivePath)
        return record
    }

    private func execute<T: BLASScalar>(_: T.Type, _ run: RunPlan.Run, manifestName: String, train: AWData.Dataset,
                                        test: AWData.Dataset, progress: @escaping Progress,
                                        shouldCancel: (() -> Bool)?) throws -> RunRecord {
        let xTrain: Matrix<T> = train.images.converted(to: T.self)
        let xTest: Matrix<T> = test.images.converted(to: T.self)
        let result = try self.train(run, x: xTrain, train: train, progress: progress, shouldCancel: shouldCancel)
        var outcome = Outcome(metrics: nil, analysis: nil)
        if !result.diverged {
            outcome = try analyse(run.configuration, model: result.model, train: train, xTrain: xTrain, test: test,
                                  xTest: xTest, progress: { progress(.analysis, result.epochs, result.trainLoss.last ?? .nan) })
        }
        return record(run, manifestName: manifestName, train: train, test: test, result: result, outcome: outcome)
    }

    // MARK: - Stages

    /// Data: the training subset (selection, label noise; seeded by the run) and the test prefix.
    func selectData(_ config: RunConfiguration) throws -> (train: AWData.Dataset, test: AWData.Dataset) {
        let splits = try data.splits(config.dataset.name)
        let selection = config.dataSelection
        var train = try selection.trainingSet(from: splits.train, run: SeededGenerator(seed: config.seed))
        var test = try selection.testSet(from: splits.test)
        // The selections remember which files they came from (archived as /data's *_sha256).
        train.sourceSHA256 = splits.train.sourceSHA256
        test.sourceSHA256 = splits.test.sourceSHA256
        return (train, test)
    }

    /// Training: a fresh seeded network trained by SGD until the stop rule or the epoch bound.
    func train<T: BLASScalar>(_ run: RunPlan.Run, x: Matrix<T>, train: AWData.Dataset, progress: @escaping Progress,
                              shouldCancel: (() -> Bool)?) throws -> TrainingResult<T> {
        let config = run.configuration
        let model = MLP<T>(widths: config.layerSizes, activation: config.model.activation, bias: config.model.bias,
                           initScale: config.model.initScale, seed: config.seed)
        let trainer = Trainer<T>(config: config.trainingConfig, blasThreads: 1)
        progress(.train, 0, .nan)
        let result = try trainer.train(model: model, x: x, labels: train.labels, clean: train.cleanMask, seed: config.seed,
                                       progress: { epoch, l, _ in progress(.train, epoch, l) }, shouldCancel: shouldCancel)
        if case .cancelled = result.stopReason {
            throw AWError(.interrupted, "run \(run.runID) interrupted after epoch \(result.epochs)")
        }
        return result
    }

    /// What the analysis stage adds to the record.
    struct Outcome {
        var metrics: RunRecord.Metrics?
        var analysis: RunRecord.AnalysisSection?
        /// Why the enabled analysis did not apply (`AnalysisInapplicable`), else nil.
        var skipped: String? = nil
    }

    /// Analysis: the duality analysis of the configured layer, or (analysis off) the metrics alone.
    func analyse<T: BLASScalar>(_ config: RunConfiguration, model: MLP<T>, train: AWData.Dataset, xTrain: Matrix<T>,
                                test: AWData.Dataset, xTest: Matrix<T>, progress: () -> Void) throws -> Outcome {
        let trainSamples = AnalysisSamples(inputs: xTrain, labels: train.labels, clean: train.cleanMask)
        let testSamples = AnalysisSamples(inputs: xTest, labels: test.labels)
        guard config.analysis.enabled else {
            // The same metrics function the analyzer uses, so both paths report the same numbers.
            let metrics = try NetworkMetrics.evaluate(model: model, train: trainSamples, test: testSamples,
                                                      layer: config.analysis.layerIndex, loss: config.training.loss)
            return Outcome(metrics: metrics, analysis: nil)
        }
        progress()
        do {
            let d = try DualityAnalyzer(config: config.analysisConfig).analyze(model: model, train: trainSamples, test: testSamples)
            return Outcome(metrics: RunRecord.Metrics(d), analysis: RunRecord.AnalysisSection(d))
        } catch let inapplicable as AnalysisInapplicable {
            // A dead layer is a result, not a failure: the metrics and why there is no analysis.
            let metrics = try NetworkMetrics.evaluate(model: model, train: trainSamples, test: testSamples,
                                                      layer: config.analysis.layerIndex, loss: config.training.loss)
            return Outcome(metrics: metrics, analysis: nil, skipped: inapplicable.reason)
        }
    }

    /// Record: everything the archive stores, as plain values.
    func record<T: BLASScalar>(_ run: RunPlan.Run, manifestName: String, train: AWData.Dataset, test: AWData.Dataset,
                               result: TrainingResult<T>, outcome: Outcome) -> RunRecord {
        let config = run.configuration
        let trained = result.model
        var record = RunRecord(
            runID: run.runID, config: run.canonicalJSON, configSHA256: run.configSHA256, seed: config.seed,
            status: result.diverged ? .diverged : .complete, softwareVersion: SoftwareInfo.version,
            gitCommit: SoftwareInfo.gitCommit, hdf5Version: SoftwareInfo.hdf5Version, blas: SoftwareInfo.blas,
            manifest: manifestName, swept: run.sweptObject, replicate: Int64(run.replicate),
            data: .init(dataset: config.dataset.name, trainIndices: train.sourceIndices.map { Int64($0) },
                        trainLabels: train.labels.map { Int64($0) }, clean: train.cleanMask.map { $0 ? 1 : 0 },
                        testIndices: test.sourceIndices.map { Int64($0) },
                        sourceSHA256: RunRecord.DataSection.sourceDigests(train: train.sourceSHA256, test: test.sourceSHA256)),
            model: .init(trained), training: .init(result),
            metrics: outcome.metrics, analysis: outcome.analysis)
        record.analysisSkipped = outcome.skipped
        return record
    }
}

private extension Int64 {
    var clamped: Int { Int(clamping: self) }
}
