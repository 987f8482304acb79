import AWLinearAlgebra

/// Eigen-directions of the layer Hessian (PAPER.md section 3): all P of them from a dense
/// eigen-decomposition, or the top k from Lanczos, with how well they satisfy H v = lambda v.
/// Returned by `DualityAnalyzer.eigenbasis(of:)`.
public struct AnalysisEigenbasis: Sendable {
    public let method: EigenMethod
    /// Eigenvalues, descending (P for dense, k for Lanczos).
    public let eigenvalues: [Double]
    /// Row i is the unit eigenvector of `eigenvalues[i]`, flattened `[N_out, N_in]` row-major.
    public let vectors: Matrix<Double>
    /// The Lanczos run (nil for dense).
    public let lanczos: LanczosSummary?
    /// max ||H v_i - lambda_i v_i||: over every Lanczos pair, or over the top `min(lanczosK, P)`
    /// dense pairs (rounding level).
    public let residualMax: Double
    /// Lanczos convergence (always true for dense).
    public let converged: Bool

    /// True when the directions span the whole weight space (dense path).
    public var isComplete: Bool { method == .dense }

    public init(method: EigenMethod, eigenvalues: [Double], vectors: Matrix<Double>, lanczos: LanczosSummary?,
                residualMax: Double, converged: Bool) {
        precondition(vectors.rows == eigenvalues.count)
        self.method = method; self.eigenvalues = eigenvalues; self.vectors = vectors; self.lanczos = lanczos
        self.residualMax = residualMax; self.converged = converged
    }
}
