import AWCore

/// The fully resolved configuration of ONE run: one stored property per manifest setting (each at
/// the paper's default, PAPER.md section 6), plus the run's seed and replicate.
///
/// Everything else about a setting (its key path, type, range, description, display) is one row of
/// `ManifestSetting.all` (ManifestSetting+Table.swift); validation, canonical JSON, the run id, the
/// docs table and the figures' axis labels all derive from that table. Adding a setting: one row
/// there, one stored property here, and the engine code that uses it.
///
/// Its canonical JSON (`canonicalJSON()`) is the run's identity: `configSHA256()` is the SHA-256 of
/// that text and `runID()` its first 16 hex characters. The manifest's name is not part of it.
public struct RunConfiguration: Sendable, Equatable, Hashable {
    public var dataset = Dataset()
    public var model = Model()
    public var training = Training()
    public var analysis = Analysis()
    /// The run's seed (every random stream is derived from it by label).
    public var seed: UInt64 = 0
    /// The replicate index k (0-based) within its sweep point; the seed derives from it.
    public var replicate: Int = 0

    public init(seed: UInt64 = 0, replicate: Int = 0) {
        self.seed = seed
        self.replicate = replicate
    }

    /// The paper's default run (PAPER.md section 6), seed 0, replicate 0.
    public static let paperDefault = RunConfiguration()

    /// `dataset:` — which data, how much, and how it is corrupted.
    public struct Dataset: Sendable, Equatable, Hashable {
        public var name: DatasetName = .mnist
        public var trainPerClass: Int = 400
        public var selection: SelectionScheme = .balanced
        public var testCount: Int = 1000
        public var labelNoise: Double = 0
        public init() {}
    }

    /// `model:` — the fully connected network 784-H1-...-Hm-10.
    public struct Model: Sendable, Equatable, Hashable {
        public var hidden: [Int] = [30, 30]
        public var activation: Activation = .relu
        public var bias: Bool = false
        public var initScale: Double = 1
        public var dtype: DType = .float32
        public init() {}
    }

    /// `training:` — SGD (one or several learners), its regularizers, and the stopping rule.
    public struct Training: Sendable, Equatable, Hashable {
        public var learningRate: Double = 0.1
        public var batchSize: Int = 25
        public var momentum: Double = 0
        public var weightDecay: Double = 0
        public var weightDecayForm: WeightDecayForm = .norm
        public var weightDecayEpochs: Int = 200
        public var dropout: Double = 0
        /// The 0-based dense layer whose INPUT dropout acts on: the manifest's 1-based hidden layer
        /// whose output is dropped is the same number (1 = the first hidden layer's output).
        public var dropoutLayer: Int = 1
        public var loss: Loss = .crossEntropy
        public var maxEpochs: Int = 1000
        public var stopLoss: Double = 1e-3
        public var stopAccuracy: Double = 0.99
        public var stopWindow: Int = 9
        public var algorithm: TrainingAlgorithm = .sgd
        public var learners: Int = 1
        public var topology: LearnerTopology = .ring
        public var warmupEpochs: Int = 0
        public var learnerNoise: Double = 0
        public init() {}
    }

    /// `analysis:` — the duality analysis of one dense layer.
    public struct Analysis: Sendable, Equatable, Hashable {
        public var enabled: Bool = true
        /// The analysed dense layer, 0-based like every layer index in the code (the manifest's
        /// `analysis.layer` is 1-based: 2 = the middle layer of 784-H-H-10 = index 1).
        public var layerIndex: Int = 1
        public var pairing: PairingDirection = .testToTrain
        public var sharpCount: Int = 10
        public var denseThreshold: Int = 3000
        public var lanczosK: Int = 20
        public var slqProbes: Int = 10
        public var slqSteps: Int = 80
        public init() {}
    }
}
