import AWCore

/// The fully resolved configuration of ONE run: every setting of PAPER.md section 6, each at the
/// paper's default unless a manifest (or code) says otherwise, plus the run's seed and replicate.
///
/// Its canonical JSON (`canonicalJSON()`, sorted keys, no whitespace, deterministic numbers) is
/// the run's identity: `configSHA256()` is the SHA-256 of that text and `runID()` its first 16 hex
/// characters. The manifest's name is deliberately not part of it.
///
/// The coding keys are the manifest's snake_case keys (`training.learning_rate`, ...), so the
/// canonical JSON, the YAML manifests and the archives all spell every setting the same way.
public struct RunConfiguration: Codable, Sendable, Equatable, Hashable {
    public var dataset: Dataset
    public var model: Model
    public var training: Training
    public var analysis: Analysis
    /// The run's seed (every random stream is derived from it by label).
    public var seed: UInt64
    /// The replicate index k (0-based) within its sweep point; the seed derives from it.
    public var replicate: Int

    public init(dataset: Dataset = Dataset(), model: Model = Model(), training: Training = Training(),
                analysis: Analysis = Analysis(), seed: UInt64 = 0, replicate: Int = 0) {
        self.dataset = dataset
        self.model = model
        self.training = training
        self.analysis = analysis
        self.seed = seed
        self.replicate = replicate
    }

    /// The paper's default run (PAPER.md section 6), seed 0, replicate 0.
    public static let paperDefault = RunConfiguration()

    // MARK: - Sections

    /// Which data, how much, and how it is corrupted.
    public struct Dataset: Codable, Sendable, Equatable, Hashable {
        /// `mnist` or `fashion-mnist`.
        public var name: DatasetName = .mnist
        /// Clean training samples per class (the paper's N / 10; default 400).
        public var trainPerClass: Int = 400
        /// How the training subset is chosen: exact class balance (default) or the authors' first N of a seeded shuffle.
        public var selection: SelectionScheme = .balanced
        /// The first `testCount` images of the official test set (default 1000).
        public var testCount: Int = 1000
        /// Label-noise fraction rho in [0, 1): the set is enlarged to N / (1 - rho) and the last rho fraction corrupted.
        public var labelNoise: Double = 0

        public init(name: DatasetName = .mnist, trainPerClass: Int = 400, selection: SelectionScheme = .balanced,
                    testCount: Int = 1000, labelNoise: Double = 0) {
            self.name = name
            self.trainPerClass = trainPerClass
            self.selection = selection
            self.testCount = testCount
            self.labelNoise = labelNoise
        }
    }

    /// The fully connected network 784-H1-...-Hm-10 (input and output sizes implied by the dataset).
    public struct Model: Codable, Sendable, Equatable, Hashable {
        /// Hidden-layer widths, input side first (default [30, 30]).
        public var hidden: [Int] = [30, 30]
        /// Hidden nonlinearity (the output layer is linear).
        public var activation: Activation = .relu
        /// Whether dense layers carry biases (the paper: no).
        public var bias: Bool = false
        /// Every initial weight (PyTorch's U(-1/sqrt(fan_in), 1/sqrt(fan_in))) is multiplied by this (default 1).
        public var initScale: Double = 1
        /// Floating-point type of training and analysis.
        public var dtype: DType = .float32

        public init(hidden: [Int] = [30, 30], activation: Activation = .relu, bias: Bool = false,
                    initScale: Double = 1, dtype: DType = .float32) {
            self.hidden = hidden
            self.activation = activation
            self.bias = bias
            self.initScale = initScale
            self.dtype = dtype
        }
    }

    /// Plain SGD and its regularizers, and the stopping rule.
    public struct Training: Codable, Sendable, Equatable, Hashable {
        public var learningRate: Double = 0.1
        public var batchSize: Int = 25
        public var momentum: Double = 0
        /// Weight-decay strength beta (default 0).
        public var weightDecay: Double = 0
        /// `norm`: beta * |theta|_2 (un-squared, the paper's); `squared`: (beta / 2) * |theta|_2^2 (gradient beta * theta).
        public var weightDecayForm: WeightDecayForm = .norm
        /// Weight decay applies during the first this-many epochs only (default 200).
        public var weightDecayEpochs: Int = 200
        /// Inverted-dropout rate d in [0, 1) (training only).
        public var dropout: Double = 0
        /// 1-based hidden layer whose OUTPUT dropout acts on (default 1: the first hidden layer's output).
        public var dropoutLayer: Int = 1
        public var loss: Loss = .crossEntropy
        public var maxEpochs: Int = 1000
        /// Stop after the epoch where the train loss is below this ...
        public var stopLoss: Double = 1e-3
        /// ... and the mean train accuracy over the last (up to) `stopWindow` epochs exceeds this.
        public var stopAccuracy: Double = 0.99
        public var stopWindow: Int = 9

        public init(learningRate: Double = 0.1, batchSize: Int = 25, momentum: Double = 0,
                    weightDecay: Double = 0, weightDecayForm: WeightDecayForm = .norm, weightDecayEpochs: Int = 200,
                    dropout: Double = 0, dropoutLayer: Int = 1, loss: Loss = .crossEntropy,
                    maxEpochs: Int = 1000, stopLoss: Double = 1e-3, stopAccuracy: Double = 0.99, stopWindow: Int = 9) {
            self.learningRate = learningRate
            self.batchSize = batchSize
            self.momentum = momentum
            self.weightDecay = weightDecay
            self.weightDecayForm = weightDecayForm
            self.weightDecayEpochs = weightDecayEpochs
            self.dropout = dropout
            self.dropoutLayer = dropoutLayer
            self.loss = loss
            self.maxEpochs = maxEpochs
            self.stopLoss = stopLoss
            self.stopAccuracy = stopAccuracy
            self.stopWindow = stopWindow
        }
    }

    /// The duality analysis of one dense layer.
    public struct Analysis: Codable, Sendable, Equatable, Hashable {
        /// Whether to run the analysis at all (training only when false).
        public var enabled: Bool = true
        /// 1-based dense-layer index to analyse (default 2: the middle layer of 784-H-H-10).
        public var layer: Int = 2
        /// Test sample -> nearest same-class training sample (default), or the reverse.
        public var pairing: PairingDirection = .testToTrain
        /// How many top ranks (by sigma_g) count as "sharp" (default 10).
        public var sharpCount: Int = 10
        /// Layers with at most this many weights get a dense eigensolve; larger ones top-k Lanczos.
        public var denseThreshold: Int = 3000
        /// Eigenpairs computed by Lanczos when the layer exceeds `denseThreshold` (default 20).
        public var lanczosK: Int = 20
        /// Stochastic Lanczos quadrature (spectral density of large layers): random probe vectors (default 10).
        public var slqProbes: Int = 10
        /// Stochastic Lanczos quadrature: Lanczos steps per probe (default 80).
        public var slqSteps: Int = 80

        public init(enabled: Bool = true, layer: Int = 2, pairing: PairingDirection = .testToTrain, sharpCount: Int = 10,
                    denseThreshold: Int = 3000, lanczosK: Int = 20, slqProbes: Int = 10, slqSteps: Int = 80) {
            self.enabled = enabled
            self.layer = layer
            self.pairing = pairing
            self.sharpCount = sharpCount
            self.denseThreshold = denseThreshold
            self.lanczosK = lanczosK
            self.slqProbes = slqProbes
            self.slqSteps = slqSteps
        }
    }
}
