/// Training objective (`training.loss`); both reduce by the mean over samples. Its evaluation is
/// in AWNetwork (`Loss+Evaluation.swift`).
public enum Loss: String, Choice {
    /// Softmax cross-entropy, computed with log-sum-exp.
    case crossEntropy = "cross_entropy"
    /// Mean squared error against one-hot targets, averaged over the outputs (PyTorch's MSELoss).
    case meanSquaredError = "mse"
}
