import AWLinearAlgebra

/// What the Lanczos run of an analysis did (absent for the dense path).
public struct LanczosSummary: Sendable, Codable, Equatable {
    public var requested: Int
    public var converged: Bool
    /// ||H v_i - theta_i v_i|| per returned pair, explicit (one extra product each).
    public var residualNorms: [Double]
    public var iterations: Int
    public var operatorApplications: Int
    public var restarts: Int
    public var tolerance: Double
    public var seed: UInt64

    public init(requested: Int, converged: Bool, residualNorms: [Double], iterations: Int,
                operatorApplications: Int, restarts: Int, tolerance: Double, seed: UInt64) {
        self.requested = requested; self.converged = converged; self.residualNorms = residualNorms
        self.iterations = iterations; self.operatorApplications = operatorApplications; self.restarts = restarts
        self.tolerance = tolerance; self.seed = seed
    }

    init(_ r: LanczosResult, requested: Int, seed: UInt64) {
        self.init(requested: requested, converged: r.converged, residualNorms: r.residualNorms, iterations: r.iterations,
                  operatorApplications: r.operatorApplications, restarts: r.restarts, tolerance: r.tolerance, seed: seed)
    }

    public var maxResidual: Double { residualNorms.max() ?? 0 }
}
