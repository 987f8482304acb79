/// Wall-clock seconds per stage of one analysis.
public struct AnalysisTimings: Sendable, Codable, Equatable {
    /// Forward passes (activities, losses, accuracies) of the clean training and the test set.
    public var forward: Double = 0
    /// Nearest-neighbour pairing in input space.
    public var pairing: Double = 0
    /// Dual weights and the duality check (one explicit W + dW per pair).
    public var dualWeights: Double = 0
    /// Layer Hessian: dense Kronecker form, or the operator's set-up for Lanczos.
    public var hessian: Double = 0
    /// Eigen-decomposition (dsyevd) or top-k Lanczos.
    public var eigen: Double = 0
    /// Projections, moments, totals, norms.
    public var decomposition: Double = 0
    /// Spectral density (stochastic Lanczos quadrature).
    public var density: Double = 0
    public var total: Double = 0

    public init() {}
}
