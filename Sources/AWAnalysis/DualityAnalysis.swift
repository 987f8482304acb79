import AWCore
/// Everything one duality analysis of a trained network produces, as plain values (no file I/O).
/// Indices are 0-based: `layer` is the 0-based dense layer (archives add 1); `pairTrainRow` indexes
/// the training rows handed to the analyzer (all rows, noisy ones included), `pairTestRow` the test rows.
public struct DualityAnalysis: Sendable, Codable, Equatable {
    public var config: AnalysisConfig
    /// Analysed dense layer (0-based) and its shape [N_out, N_in].
    public var layer: Int
    public var outputWidth: Int
    public var inputWidth: Int
    public var weightCount: Int { outputWidth * inputWidth }
    public var pairing: PairingDirection

    // MARK: Losses and accuracies (eval mode)
    /// Mean loss and accuracy over the CLEAN training rows.
    public var trainLoss: Double
    public var trainAccuracy: Double
    public var cleanTrainCount: Int
    /// Mean loss and accuracy over all test rows.
    public var testLoss: Double
    public var testAccuracy: Double
    public var testCount: Int

    // MARK: Pairs (one per test sample for test_to_train, per clean training sample for train_to_test)
    public var pairTrainRow: [Int]
    public var pairTestRow: [Int]
    /// Squared input-space distance of each pair.
    public var pairSquaredDistance: [Double]
    /// l(test; W), l(train; W), and l(train; W + dW) with dW formed explicitly (the duality).
    public var pairTestLoss: [Double]
    public var pairTrainLoss: [Double]
    public var pairDualLoss: [Double]
    /// Dl_k = l(test_k; W) - l(train_k; W).
    public var deltaLoss: [Double]
    /// |dW_k|_F.
    public var dualNorm: [Double]
    /// max_k and mean_k |l(test_k; W) - l(train_k; W + dW_k)|.
    public var dualityResidualMax: Double
    public var dualityResidualMean: Double
    /// Query rows left without a pair (TEST rows for test_to_train, TRAINING rows for train_to_test):
    /// no clean same-class partner, or a zero training activity at the layer (the dual weight is
    /// undefined there; `zeroActivityPairs` counts those). They are not in the pair arrays; `testLoss`
    /// still covers every test row.
    public var unpairedRows: [Int]
    public var zeroActivityPairs: Int

    // MARK: Hessian eigen-directions
    public var eigenMethod: EigenMethod
    /// The Hessian-vector product used for Lanczos / SLQ (nil when none was used).
    public var hessianVectorMethod: HessianVectorMethod?
    /// All computed eigenvalues, descending (P of them for dense, k for Lanczos).
    public var eigenvalues: [Double]
    /// Lanczos run (nil for dense).
    public var lanczos: LanczosSummary?
    /// max ||H v - lambda v|| over the eigenpairs checked (Lanczos: all returned; dense: the top
    /// `min(lanczosK, P)` pairs, checked against the dense H, so rounding level rather than 0).
    public var eigenResidualMax: Double
    public var eigenConverged: Bool

    // MARK: Directions ranked by sigma_g (descending)
    /// Index into `eigenvalues` of each ranked direction.
    public var directionIndex: [Int]
    public var directionEigenvalue: [Double]
    public var sigmaW: [Double]
    public var sigmaG: [Double]
    public var meanW: [Double]
    public var meanG: [Double]
    public var c: [Double]

    // MARK: Totals
    /// sum_n c sigma_g sigma_w (computed directions + residual), its sharp (top sharpCount ranks) and flat parts.
    /// With Lanczos the ranking is among the k computed directions, and the flat part includes the residual.
    public var covarianceTotal: Double
    public var sharpPart: Double
    public var flatPart: Double
    /// sum_n mu_g mu_w (computed directions + residual).
    public var meanTotal: Double
    /// Totals outside the computed directions (0 for a complete eigenbasis).
    public var residualCovariance: Double
    public var residualMean: Double
    /// The same totals computed in the identity basis (basis-invariance check).
    public var identityBasisCovariance: Double
    public var identityBasisMean: Double
    /// covarianceTotal + meanTotal (= mean_k Dl_k).
    public var estimatedGap: Double
    public var meanDeltaLoss: Double
    /// L_test - L_train (test rows; clean training rows).
    public var measuredGap: Double
    /// sum_n lambda_n (sigma_w,n^2 + mu_w,n^2) / 2 over the computed directions.
    public var secondOrderGap: Double
    /// True when `secondOrderGap` covers the whole space (dense path).
    public var secondOrderComplete: Bool

    // MARK: Norms
    /// Frobenius norm of the analysed layer's weights; un-squared L2 norm of all weights (biases excluded).
    public var layerNorm: Double
    public var totalWeightNorm: Double
    /// Tr(W C W^T), C = mean_k da_k da_k^T / |a_k|^2.
    public var activityWeightedNorm: Double
    /// mean_k |dW_k|_F^2 (equals Tr(W C W^T)).
    public var meanDualNormSquared: Double

    // MARK: Spectral density
    /// The exact eigenvalue measure (dense path) or SLQ with its probes and steps; `.none` if disabled.
    public var densityMethod: DensityMethod
    public var densityNodes: [Double]
    public var densityWeights: [Double]

    public var timings: AnalysisTimings
}
