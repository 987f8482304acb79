/// The dual weights of the pairs and the duality check (PAPER.md sections 2 and 4): the loss changes
/// Dl_k = l(test_k; W) - l(train_k; W), the explicit right-hand side l(train_k; W + dW_k), and the
/// norms. Returned by `DualityAnalyzer.dualWeights(forward:pairs:)`; entry k belongs to pair k.
public struct AnalysisDuals: Sendable {
    /// dW_k in factored form.
    public let weights: DualWeights
    /// l(test_k; W), l(train_k; W) and l(train_k; W + dW_k).
    public let testLosses: [Double]
    public let trainLosses: [Double]
    public let dualLosses: [Double]
    /// Dl_k = testLosses[k] - trainLosses[k].
    public let deltaLoss: [Double]
    /// max_k and mean_k |l(test_k; W) - l(train_k; W + dW_k)|.
    public let residualMax: Double
    public let residualMean: Double
    /// |dW_k|_F^2 and their mean.
    public let squaredNorms: [Double]
    public let meanSquaredNorm: Double
    /// Tr(W C W^T) with C = mean_k da_k da_k^T / |a_k|^2 (equals `meanSquaredNorm`).
    public let activityWeightedNorm: Double

    public var count: Int { deltaLoss.count }

    public init(weights: DualWeights, testLosses: [Double], trainLosses: [Double], dualLosses: [Double],
                deltaLoss: [Double], residualMax: Double, residualMean: Double, squaredNorms: [Double],
                meanSquaredNorm: Double, activityWeightedNorm: Double) {
        self.weights = weights; self.testLosses = testLosses; self.trainLosses = trainLosses
        self.dualLosses = dualLosses; self.deltaLoss = deltaLoss; self.residualMax = residualMax
        self.residualMean = residualMean; self.squaredNorms = squaredNorms; self.meanSquaredNorm = meanSquaredNorm
        self.activityWeightedNorm = activityWeightedNorm
    }
}
