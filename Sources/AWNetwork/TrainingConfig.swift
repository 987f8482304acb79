import AWCore

/// How the per-epoch train loss and accuracy (the stopping rule's inputs) are measured.
public enum EpochMetric: String, Codable, Sendable, CaseIterable {
    /// After each epoch, one evaluation-mode pass (no dropout) over the CLEAN training samples with
    /// the epoch's final weights. Exact; this is also what the authors' demo does (model.eval(),
    /// loss and accuracy over the correctly labelled training set after every epoch).
    case evaluation
    /// Running means over the epoch's minibatches, CLEAN samples only, in training mode (dropout
    /// on), each minibatch measured before its own update. Cheaper, biased early in training.
    case minibatch
}

/// Which kernel computes the first layer's products.
public enum InputKernel: String, Codable, Sendable, CaseIterable {
    /// `.sparse` when at most 50% of the training inputs are nonzero, the first hidden layer has at
    /// most `Trainer.sparseMaxWidth` (256) units and dropout does not act on the input layer, else
    /// `.dense`. Depends only on the data and the configuration, so the
    /// choice (and hence the result, bit for bit) is reproducible.
    case auto
    /// CBLAS GEMMs on gathered minibatch rows.
    case dense
    /// Compressed-sparse-row products: O(nonzero pixels) per sample. Same mathematics, different
    /// summation order (results agree with `.dense` to rounding, not bit for bit).
    case sparse
}

/// Everything that defines a training run besides the network, the data and the seed.
/// Epochs are counted from 1. Built from a run's configuration by the runner (RunConfiguration+Engine).
public struct TrainingConfig: Codable, Sendable, Equatable {
    /// Constant SGD learning rate.
    public var learningRate: Double
    /// Minibatch size; the last partial batch of an epoch is kept (PyTorch drop_last=False).
    public var batchSize: Int
    /// SGD momentum mu (0: plain SGD). PyTorch's form: v = mu v + g, theta -= lr v.
    public var momentum: Double
    /// Weight-decay strength beta (0: none). Acts on all parameters (weights and biases, if any).
    public var weightDecay: Double
    public var weightDecayForm: WeightDecayForm
    /// Weight decay acts during epochs 1...weightDecayEpochs only (the paper: 200).
    public var weightDecayEpochs: Int
    /// Dropout rate d in [0, 1): inverted dropout, kept units scaled by 1/(1-d), training only.
    public var dropout: Double
    /// Dropout acts on the activity ENTERING dense layer `dropoutLayer` (0-based): 1 = the first
    /// hidden layer's output (the paper), 0 = the input pixels, up to layerCount - 1.
    public var dropoutLayer: Int
    public var loss: Loss
    public var maxEpochs: Int
    /// Stop after the first epoch whose train loss (clean samples) is below `stopLoss` and whose
    /// mean train accuracy over the last (up to) `stopWindow` epochs exceeds `stopAccuracy`.
    public var stopLoss: Double
    public var stopAccuracy: Double
    public var stopWindow: Int
    public var epochMetric: EpochMetric
    public var inputKernel: InputKernel
    /// How several learners combine their steps (`.sgd`: one learner, the fields below unused).
    public var algorithm: TrainingAlgorithm
    /// Learners n (1 for `.sgd`, >= 2 otherwise); each step takes n disjoint minibatches of
    /// `batchSize` rows (total batch n x batchSize). See `Trainer+Learners.swift`.
    public var learners: Int
    /// DPSGD's mixing graph.
    public var topology: LearnerTopology
    /// Linear learning-rate warm-up: step t (1-based, counted over the whole run) uses
    /// `learningRate * min(1, t / (warmupEpochs * steps per epoch))`; 0: constant rate.
    public var warmupEpochs: Int
    /// SSGD's noise control: each learner's gradient is taken at `w + xi`, `xi` isotropic Gaussian
    /// over the real parameters with E|xi|^2 = learnerNoise (fresh every step; 0: none).
    public var learnerNoise: Double

    public init(learningRate: Double = 0.1, batchSize: Int = 25, momentum: Double = 0,
                weightDecay: Double = 0, weightDecayForm: WeightDecayForm = .norm, weightDecayEpochs: Int = 200,
                dropout: Double = 0, dropoutLayer: Int = 1, loss: Loss = .crossEntropy, maxEpochs: Int = 1000,
                stopLoss: Double = 1e-3, stopAccuracy: Double = 0.99, stopWindow: Int = 9,
                epochMetric: EpochMetric = .evaluation, inputKernel: InputKernel = .auto,
                algorithm: TrainingAlgorithm = .sgd, learners: Int = 1, topology: LearnerTopology = .ring,
                warmupEpochs: Int = 0, learnerNoise: Double = 0) {
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
        self.epochMetric = epochMetric
        self.inputKernel = inputKernel
        self.algorithm = algorithm
        self.learners = learners
        self.topology = topology
        self.warmupEpochs = warmupEpochs
        self.learnerNoise = learnerNoise
    }

    /// The learning rate of step `step` (1-based over the whole run) with `stepsPerEpoch` steps per
    /// epoch: the linear warm-up, then constant.
    public func learningRate(step: Int, stepsPerEpoch: Int) -> Double {
        guard warmupEpochs > 0 else { return learningRate }
        let ramp = Double(warmupEpochs) * Double(stepsPerEpoch)
        return step >= Int(ramp) ? learningRate : learningRate * (Double(step) / ramp)
    }

    /// The paper's defaults (learning rate 0.1, batch 25, no momentum, no weight decay, no dropout,
    /// cross-entropy, stop rule 1e-3 / 0.99 / 9 epochs, at most 1,000 epochs).
    public static let paper = TrainingConfig()

    public var stoppingRule: StoppingRule {
        StoppingRule(loss: stopLoss, accuracy: stopAccuracy, window: stopWindow)
    }

    /// Check every value; `layerCount` (dense layers of the network) bounds `dropoutLayer`.
    /// Errors name the key, the value and the allowed range.
    public func validate(layerCount: Int? = nil) throws {
        func bad(_ key: String, _ value: Any, _ allowed: String) -> AWError {
            AWError(.invalidInput, "training config: \(key) = \(value) is invalid; allowed: \(allowed)")
        }
        guard learningRate.isFinite && learningRate > 0 else { throw bad("learningRate", learningRate, "a finite number > 0") }
        guard batchSize >= 1 else { throw bad("batchSize", batchSize, "an integer >= 1") }
        guard momentum.isFinite && momentum >= 0 && momentum < 1 else { throw bad("momentum", momentum, "0 <= momentum < 1") }
        guard weightDecay.isFinite && weightDecay >= 0 else { throw bad("weightDecay", weightDecay, "a finite number >= 0") }
        guard weightDecayEpochs >= 0 else { throw bad("weightDecayEpochs", weightDecayEpochs, "an integer >= 0") }
        guard dropout.isFinite && dropout >= 0 && dropout < 1 else { throw bad("dropout", dropout, "0 <= dropout < 1") }
        let maxLayer = (layerCount ?? Int.max) - 1
        guard dropoutLayer >= 0 && dropoutLayer <= maxLayer else {
            throw bad("dropoutLayer", dropoutLayer, "0 (input) ... \(layerCount.map { String($0 - 1) } ?? "layerCount - 1") (input of the last dense layer)")
        }
        guard maxEpochs >= 1 else { throw bad("maxEpochs", maxEpochs, "an integer >= 1") }
        guard !stopLoss.isNaN else { throw bad("stopLoss", stopLoss, "a number (use 0 to never stop on loss)") }
        guard !stopAccuracy.isNaN else { throw bad("stopAccuracy", stopAccuracy, "a number in [0, 1]") }
        guard stopWindow >= 1 else { throw bad("stopWindow", stopWindow, "an integer >= 1") }
        guard warmupEpochs >= 0 else { throw bad("warmupEpochs", warmupEpochs, "an integer >= 0") }
        guard learnerNoise.isFinite && learnerNoise >= 0 else { throw bad("learnerNoise", learnerNoise, "a finite number >= 0") }
        switch algorithm {
        case .sgd:
            guard learners == 1 else { throw bad("learners", learners, "1 for sgd") }
            guard learnerNoise == 0 else { throw bad("learnerNoise", learnerNoise, "0 for sgd (the noise control is ssgd's)") }
        case .ssgd, .dpsgd:
            guard learners >= 2 else { throw bad("learners", learners, "an integer >= 2 for \(algorithm.rawValue)") }
            guard momentum == 0 else { throw bad("momentum", momentum, "0 with several learners") }
            guard weightDecay == 0 else { throw bad("weightDecay", weightDecay, "0 with several learners") }
            guard epochMetric == .evaluation else { throw bad("epochMetric", epochMetric.rawValue, "evaluation with several learners") }
            guard algorithm == .ssgd || learnerNoise == 0 else {
                throw bad("learnerNoise", learnerNoise, "0 for dpsgd (the noise control is ssgd's)")
            }
        }
    }
}
