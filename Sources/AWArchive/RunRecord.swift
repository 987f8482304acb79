import AWAnalysis
import AWCore
import AWLinearAlgebra
import AWNetwork

/// Everything one run archive holds, as plain values. `RunArchive` writes and reads it as HDF5
/// with the layout documented in docs/ARCHIVE.md; figures and reports read only this.
/// Choices are typed here (`DatasetName`, `Activation`, `DType`, `StopReason.Kind`,
/// `PairingDirection`, `EigenMethod`, `DensityMethod`); they become strings only in
/// `RunArchive.write` / `read`. Indices are 0-based in memory (`AnalysisSection.layerIndex`).
public struct RunRecord: Sendable, Equatable {
    public static let format = "awd.run"
    public static let formatVersion: Int64 = 1

    // Root attributes.
    public var runID: String
    /// Canonical JSON of the resolved configuration.
    public var config: String
    public var configSHA256: String
    public var seed: UInt64
    public var status: Status
    public var softwareVersion: String
    public var gitCommit: String
    public var hdf5Version: String
    public var blas: BLASInfo
    /// Manifest name and swept values, for summaries; not part of the run's identity.
    public var manifest: String
    /// The swept settings of this run (key path -> typed value), e.g. training.batch_size: 100.
    /// The archive stores them as the canonical JSON text `sweptJSON` (attribute `swept`).
    public var swept: [String: CanonicalJSON.Value]
    /// `swept` as canonical JSON, e.g. {"training.batch_size":100}: the archive's `swept` attribute.
    public var sweptJSON: String { (try? CanonicalJSON.Value.object(swept).canonical()) ?? "{}" }
    /// Numeric view of `swept`: numbers as they are, a list of integers (hidden widths) by its
    /// first element, booleans as 0/1; text values are left out.
    public var sweptValues: [String: Double] { RunRecord.numericSwept(swept) }
    public var replicate: Int64

    public var data: DataSection
    public var model: ModelSection
    public var training: TrainingSection
    /// Absent for diverged runs and when the analysis is disabled.
    public var metrics: Metrics?
    public var analysis: AnalysisSection?
    /// Why the duality analysis could not be applied although it was enabled (e.g. a dead layer:
    /// no sample has a non-zero activity entering it); the run then has /metrics and no /analysis.
    /// Archived as the /metrics attribute `analysis_skipped`; nil otherwise.
    public var analysisSkipped: String? = nil

    public enum Status: String, Sendable, Equatable { case complete, diverged }

    public struct BLASInfo: Sendable, Equatable {
        public var library: String
        public var core: String
        public var threads: Int64
        public init(library: String, core: String, threads: Int64) {
            self.library = library; self.core = core; self.threads = threads
        }
    }

    /// /data
    public struct DataSection: Sendable, Equatable {
        public var dataset: DatasetName
        /// Rows of the official training split used, in training order.
        public var trainIndices: [Int64]
        /// Labels used for training (after label noise).
        public var trainLabels: [Int64]
        /// 1 where the training label is the original.
        public var clean: [UInt8]
        /// Rows of the official test split used.
        public var testIndices: [Int64]
        /// SHA-256 of the IDX files the run read, by `sourceKeys` (`train_images`, ...); empty
        /// when the data did not come from files (tests) or the archive predates these attributes.
        public var sourceSHA256: [String: String]
        public init(dataset: DatasetName, trainIndices: [Int64], trainLabels: [Int64], clean: [UInt8], testIndices: [Int64],
                    sourceSHA256: [String: String] = [:]) {
            self.dataset = dataset; self.trainIndices = trainIndices; self.trainLabels = trainLabels
            self.clean = clean; self.testIndices = testIndices; self.sourceSHA256 = sourceSHA256
        }

        /// The IDX files a run reads, in archive order; attribute `<key>_sha256` of /data each.
        public static let sourceKeys = ["train_images", "train_labels", "test_images", "test_labels"]

        /// The digests by key from the splits' [images, labels] digests (empty unless both are whole).
        public static func sourceDigests(train: [String], test: [String]) -> [String: String] {
            guard train.count == 2, test.count == 2 else { return [:] }
            return Dictionary(uniqueKeysWithValues: zip(sourceKeys, train + test))
        }
    }

    /// /model: weights as trained, stored in `dtype`; held here in Double (exact for float32).
    public struct ModelSection: Sendable, Equatable {
        public var widths: [Int64]
        public var activation: Activation
        public var dtype: DType
        public var layers: [Matrix<Double>]
        /// Empty when the network has no biases.
        public var biases: [[Double]]
        public init(widths: [Int64], activation: Activation, dtype: DType, layers: [Matrix<Double>], biases: [[Double]]) {
            self.widths = widths; self.activation = activation; self.dtype = dtype; self.layers = layers; self.biases = biases
        }
    }

    /// /training (no wall times anywhere in the archive: the same run gives the same bytes)
    public struct TrainingSection: Sendable, Equatable {
        public var trainLoss: [Double]
        public var trainAccuracy: [Double]
        public var epochs: Int64
        /// converged, max_epochs or diverged (archives never hold a cancelled run).
        public var stopReason: StopReason.Kind
        /// Several learners: (1/n) sum_i |w_i - w_mean|^2 after each epoch; empty (dataset absent) for one learner.
        public var consensusDistance: [Double]
        public init(trainLoss: [Double], trainAccuracy: [Double], epochs: Int64, stopReason: StopReason.Kind,
                    consensusDistance: [Double] = []) {
            self.trainLoss = trainLoss; self.trainAccuracy = trainAccuracy; self.epochs = epochs
            self.stopReason = stopReason
            self.consensusDistance = consensusDistance
        }
    }

    /// /metrics (attributes): the one metrics type, computed by `NetworkMetrics.evaluate` on both
    /// the analysed and the analysis-off path (losses and accuracies over the clean training rows
    /// and the test rows, the analysed layer's and all weights' norms).
    public typealias Metrics = NetworkMetrics

    /// /analysis
    public struct AnalysisSection: Sendable, Equatable {
        /// 0-based index of the analysed dense layer (`model.layers[layerIndex]`). The archive
        /// attribute `layer` and every text for people are 1-based: `layerNumber`.
        public var layerIndex: Int
        public var pairing: PairingDirection
        public var sharpCount: Int64
        public var eigenMethod: EigenMethod
        public var estimatedGap: Double
        public var measuredGap: Double
        public var secondOrderGap: Double
        public var dualityResidualMax: Double
        public var dualityResidualMean: Double
        /// sum_n c sigma_g sigma_w over all directions (incl. the residual term), its sharp and flat parts.
        public var covarianceTotal: Double
        public var sharpPart: Double
        public var flatPart: Double
        /// sum_n mu_g mu_w over all directions.
        public var meanTotal: Double
        /// Part of the totals outside the computed eigen-directions (0 for a full eigenbasis).
        public var residualCovariance: Double
        public var residualMean: Double
        /// Tr(W C W^T), C = mean da da^T / |a|^2.
        public var activityWeightedNorm: Double
        public var lanczosConverged: Bool
        public var lanczosMaxResidual: Double

        /// Per pair (one per test sample with test_to_train pairing).
        public var pairTrainRow: [Int64]
        public var pairTestRow: [Int64]
        public var deltaLoss: [Double]
        public var pairTestLoss: [Double]
        public var pairTrainLoss: [Double]
        /// l(train; W + dW) for each pair: equals pairTestLoss up to float error (the duality).
        public var pairDualLoss: [Double]
        public var dualNorm: [Double]

        /// All computed eigenvalues, descending.
        public var eigenvalues: [Double]
        /// Per direction ranked by sigma_g descending.
        public var directionEigenvalue: [Double]
        public var directionIndex: [Int64]
        public var sigmaW: [Double]
        public var sigmaG: [Double]
        public var meanW: [Double]
        public var meanG: [Double]
        public var c: [Double]
        /// How the spectral density below was obtained: the exact eigenvalue measure (dense path),
        /// stochastic Lanczos quadrature with its probes and steps, or none.
        public var densityMethod: DensityMethod
        /// The Hessian's spectral density as nodes and weights (see `densityMethod`).
        public var densityNodes: [Double]
        public var densityWeights: [Double]

        public init(layerIndex: Int, pairing: PairingDirection, sharpCount: Int64, eigenMethod: EigenMethod, estimatedGap: Double,
                    measuredGap: Double, secondOrderGap: Double, dualityResidualMax: Double, dualityResidualMean: Double,
                    covarianceTotal: Double, sharpPart: Double, flatPart: Double, meanTotal: Double,
                    residualCovariance: Double, residualMean: Double, activityWeightedNorm: Double,
                    lanczosConverged: Bool, lanczosMaxResidual: Double, pairTrainRow: [Int64], pairTestRow: [Int64],
                    deltaLoss: [Double], pairTestLoss: [Double], pairTrainLoss: [Double], pairDualLoss: [Double],
                    dualNorm: [Double], eigenvalues: [Double], directionEigenvalue: [Double], directionIndex: [Int64],
                    sigmaW: [Double], sigmaG: [Double], meanW: [Double], meanG: [Double], c: [Double],
                    densityMethod: DensityMethod, densityNodes: [Double], densityWeights: [Double]) {
            self.layerIndex = layerIndex; self.pairing = pairing; self.sharpCount = sharpCount; self.eigenMethod = eigenMethod
            self.estimatedGap = estimatedGap; self.measuredGap = measuredGap; self.secondOrderGap = secondOrderGap
            self.dualityResidualMax = dualityResidualMax; self.dualityResidualMean = dualityResidualMean
            self.covarianceTotal = covarianceTotal; self.sharpPart = sharpPart; self.flatPart = flatPart
            self.meanTotal = meanTotal; self.residualCovariance = residualCovariance; self.residualMean = residualMean
            self.activityWeightedNorm = activityWeightedNorm; self.lanczosConverged = lanczosConverged
            self.lanczosMaxResidual = lanczosMaxResidual; self.pairTrainRow = pairTrainRow; self.pairTestRow = pairTestRow
            self.deltaLoss = deltaLoss; self.pairTestLoss = pairTestLoss; self.pairTrainLoss = pairTrainLoss
            self.pairDualLoss = pairDualLoss; self.dualNorm = dualNorm; self.eigenvalues = eigenvalues
            self.directionEigenvalue = directionEigenvalue; self.directionIndex = directionIndex; self.sigmaW = sigmaW
            self.sigmaG = sigmaG; self.meanW = meanW; self.meanG = meanG; self.c = c; self.densityMethod = densityMethod; self.densityNodes = densityNodes
            self.densityWeights = densityWeights
        }

        /// The analysed layer as people and the archive number it: 1-based.
        public var layerNumber: Int { layerIndex + 1 }
    }

    public init(runID: String, config: String, configSHA256: String, seed: UInt64, status: Status,
                softwareVersion: String, gitCommit: String, hdf5Version: String, blas: BLASInfo,
                manifest: String, swept: [String: CanonicalJSON.Value], replicate: Int64,
                data: DataSection, model: ModelSection, training: TrainingSection,
                metrics: Metrics?, analysis: AnalysisSection?) {
        self.runID = runID; self.config = config; self.configSHA256 = configSHA256; self.seed = seed
        self.status = status; self.softwareVersion = softwareVersion; self.gitCommit = gitCommit
        self.hdf5Version = hdf5Version; self.blas = blas; self.manifest = manifest; self.swept = swept
        self.replicate = replicate; self.data = data; self.model = model; self.training = training
        self.metrics = metrics; self.analysis = analysis
    }
}
