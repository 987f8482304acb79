import AWLinearAlgebra
import AWNetwork

/// The forward passes an analysis works on (PAPER.md section 2), in Double: the promoted network,
/// the clean training rows and the test rows with every layer's activities, and per-sample losses.
/// Returned by `DualityAnalyzer.forward(model:train:test:loss:)`.
public struct AnalysisForward: Sendable {
    /// The analysed network promoted to Double (exact for Float).
    public let network: MLP<Double>
    /// Indices of the clean training rows (ascending) among the rows handed to the analysis.
    public let cleanRows: [Int]
    /// Labels of the clean training rows, aligned with `cleanRows`.
    public let trainLabels: [Int]
    public let testLabels: [Int]
    /// Forward passes of the clean training rows and of the test rows.
    public let train: MLP<Double>.Trace
    public let test: MLP<Double>.Trace
    /// Per-sample losses, aligned with `train` / `test` rows.
    public let trainLosses: [Double]
    public let testLosses: [Double]

    public init(network: MLP<Double>, cleanRows: [Int], trainLabels: [Int], testLabels: [Int],
                train: MLP<Double>.Trace, test: MLP<Double>.Trace, trainLosses: [Double], testLosses: [Double]) {
        self.network = network; self.cleanRows = cleanRows; self.trainLabels = trainLabels; self.testLabels = testLabels
        self.train = train; self.test = test; self.trainLosses = trainLosses; self.testLosses = testLosses
    }
}
