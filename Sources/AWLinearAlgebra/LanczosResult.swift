/// The outcome of `Lanczos.eigenpairs`.
public struct LanczosResult: Sendable, Equatable {
    /// Ritz values, ordered as the `target` says (DESCENDING for `.largestAlgebraic`).
    public let eigenvalues: [Double]
    /// k x n; ROW i is the unit Ritz vector of `eigenvalues[i]` (largest-magnitude entry positive).
    public let eigenvectors: Matrix<Double>
    /// ||A v_i - theta_i v_i||, computed explicitly with one extra operator application per pair.
    public let residualNorms: [Double]
    /// The Lanczos estimates |beta_m s_{m,i}| at the last step (what convergence was judged on).
    public let estimatedResiduals: [Double]
    /// True iff every estimate is <= tolerance * max|theta| (theta over all current Ritz values).
    public let converged: Bool
    /// Lanczos steps taken (operator applications inside the Krylov process).
    public let iterations: Int
    /// All operator applications: `iterations` plus one per returned pair for `residualNorms`.
    public let operatorApplications: Int
    /// Thick restarts performed.
    public let restarts: Int
    /// Largest basis size used (the memory is (maxSubspace + 1) * n Doubles).
    public let maxSubspace: Int
    /// The relative tolerance the run used.
    public let tolerance: Double
    /// The target the run used.
    public let target: EigenTarget

    /// Number of pairs returned (k).
    public var count: Int { eigenvalues.count }
    /// The i-th Ritz vector (a copy of row i).
    public func eigenvector(_ i: Int) -> [Double] { eigenvectors.row(i) }
}
