import AWCore
import AWLinearAlgebra
import AWNetwork

/// The one translation of a trained network and its training run into the archive record.
extension RunRecord.ModelSection {
    /// /model of a network: widths, activation, its scalar type as `dtype`, weights and biases
    /// held in Double (exact for float32).
    public init<T: BLASScalar>(_ model: MLP<T>) {
        self.init(widths: model.widths.map { Int64($0) }, activation: model.activation,
                  dtype: T.dtype,
                  layers: model.weights.map { $0.converted(to: Double.self) },
                  biases: model.biases.map { $0.map { $0.doubleValue } })
    }
}

extension RunRecord.TrainingSection {
    /// /training of a run: the per-epoch history, completed epochs and why training stopped.
    public init<T: BLASScalar>(_ result: TrainingResult<T>) {
        self.init(trainLoss: result.trainLoss, trainAccuracy: result.trainAccuracy, epochs: Int64(result.epochs),
                  stopReason: result.stopReason.kind, consensusDistance: result.consensusDistance)
    }
}
