/// The headline numbers of a trained network (archives: /metrics), computed in Double by
/// `NetworkMetrics.evaluate`: the same values whether or not the duality analysis runs.
public struct NetworkMetrics: Sendable, Codable, Equatable {
    /// Mean loss over the CLEAN training rows, and over all test rows.
    public var trainLoss: Double
    public var testLoss: Double
    /// testLoss - trainLoss.
    public var gap: Double
    /// Arg-max accuracy over the clean training rows and over the test rows.
    public var trainAccuracy: Double
    public var testAccuracy: Double
    /// Frobenius norm of the analysed layer's weights.
    public var layerNorm: Double
    /// Un-squared global L2 norm of all weights (biases excluded).
    public var totalWeightNorm: Double

    public init(trainLoss: Double, testLoss: Double, gap: Double, trainAccuracy: Double, testAccuracy: Double,
                layerNorm: Double, totalWeightNorm: Double) {
        self.trainLoss = trainLoss; self.testLoss = testLoss; self.gap = gap
        self.trainAccuracy = trainAccuracy; self.testAccuracy = testAccuracy
        self.layerNorm = layerNorm; self.totalWeightNorm = totalWeightNorm
    }
}
