import AWCore
import AWLinearAlgebra

/// Why training ended. Epochs are 1-based.
public enum StopReason: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The stopping rule held after the last epoch.
    case converged
    /// `maxEpochs` epochs ran without the rule holding.
    case maxEpochs
    /// A minibatch or evaluation loss was NaN or infinite during this epoch; training stopped there.
    case diverged(epoch: Int)
    /// The cancellation check returned true; `epoch` is the last completed epoch (0: none).
    case cancelled(epoch: Int)

    public var description: String {
        switch self {
        case .converged: return "converged"
        case .maxEpochs: return "max_epochs"
        case .diverged(let e): return "diverged (epoch \(e))"
        case .cancelled(let e): return "cancelled (after epoch \(e))"
        }
    }

    /// The reason without its epoch, as archives spell it (`/training stop_reason`).
    public enum Kind: String, Choice {
        case converged
        case maxEpochs = "max_epochs"
        case diverged
        case cancelled
    }

    public var kind: Kind {
        switch self {
        case .converged: return .converged
        case .maxEpochs: return .maxEpochs
        case .diverged: return .diverged
        case .cancelled: return .cancelled
        }
    }

    /// A short name for archives: converged, max_epochs, diverged, cancelled (`kind.rawValue`).
    public var name: String { kind.rawValue }
}

/// The outcome of one training run. Per-epoch arrays hold one value per COMPLETED epoch (a
/// diverged epoch is not completed), oldest first.
public struct TrainingResult<T: BLASScalar>: Sendable {
    /// The parameters when training stopped (for a diverged run: as they were at that point).
    public var model: MLP<T>
    /// Train loss (the configured loss, clean samples, no penalty), per `EpochMetric`.
    public var trainLoss: [Double]
    /// Train accuracy (clean samples), per `EpochMetric`.
    public var trainAccuracy: [Double]
    /// Mean over the epoch's minibatch steps of the minibatch loss (all samples, training mode,
    /// before each update, no penalty): the quantity a PyTorch loop accumulates.
    public var minibatchLoss: [Double]
    /// Un-squared global L2 norm of all parameters after each epoch.
    public var weightNorm: [Double]
    /// Several learners: the consensus distance (1/n) sum_i |w_i - w_mean|^2 over all parameters
    /// after each epoch (0 for SSGD, whose learners share their weights); empty for `.sgd`.
    public var consensusDistance: [Double]
    /// Completed epochs.
    public var epochs: Int
    /// SGD steps taken (including those of a diverged epoch).
    public var steps: Int
    public var stopReason: StopReason
    /// The first-layer kernel actually used (`.dense` or `.sparse`).
    public var inputKernel: InputKernel
    /// Wall time of the training loop in seconds (informational; not reproducible).
    public var seconds: Double
    /// CPU time of the training loop's thread in seconds (informational; less sensitive to other
    /// processes than `seconds`).
    public var cpuSeconds: Double

    public init(model: MLP<T>, trainLoss: [Double], trainAccuracy: [Double], minibatchLoss: [Double],
                weightNorm: [Double], epochs: Int, steps: Int, stopReason: StopReason,
                inputKernel: InputKernel, seconds: Double, cpuSeconds: Double = .nan, consensusDistance: [Double] = []) {
        self.model = model
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.minibatchLoss = minibatchLoss
        self.weightNorm = weightNorm
        self.consensusDistance = consensusDistance
        self.epochs = epochs
        self.steps = steps
        self.stopReason = stopReason
        self.inputKernel = inputKernel
        self.seconds = seconds
        self.cpuSeconds = cpuSeconds
    }

    public var converged: Bool { stopReason == .converged }
    public var diverged: Bool { if case .diverged = stopReason { return true } else { return false } }
}
