import AWCore
import AWNetwork

/// Settings of one duality analysis (built from a run's configuration by the runner; the benchmark report encodes it).
public struct AnalysisConfig: Codable, Sendable, Equatable {
    /// Analysed dense layer, 0-based (archives and manifests use 1-based).
    public var layer: Int
    /// Pairing direction (default: each test sample with its nearest clean training sample).
    public var pairing: PairingDirection
    /// Number of top-ranked directions (by sigma_g, descending) in the "sharp" part.
    public var sharpCount: Int
    /// Largest layer weight count for the dense eigen-decomposition; above it, top-k Lanczos.
    public var denseThreshold: Int
    /// Eigenpairs computed by Lanczos (largest algebraic eigenvalues).
    public var lanczosK: Int
    public var lanczosSeed: UInt64
    /// Relative Ritz-residual tolerance of the Lanczos run.
    public var lanczosTolerance: Double
    /// Step budget of the Lanczos run (nil: the solver's default).
    public var lanczosMaxIterations: Int?
    /// Stochastic Lanczos quadrature of the spectral density: probe vectors (0 disables SLQ; the
    /// dense path's exact density is always reported) and Lanczos steps per probe.
    public var slqProbes: Int
    public var slqSteps: Int
    public var slqSeed: UInt64
    /// With a dense eigen-decomposition the density is the exact spectral measure (every eigenvalue,
    /// weight 1/P) unless this is true, when SLQ runs on the Hessian-vector products as for Lanczos.
    public var slqOnDensePath: Bool
    /// The training objective whose Hessian and per-sample losses are analysed.
    public var loss: Loss
    /// Exact Hessian (default) or its Gauss-Newton part (equal for ReLU networks).
    public var curvature: HessianCurvature
    /// Hessian-vector products for Lanczos and the density estimate.
    public var hessianVectorMethod: HessianVectorMethod

    public init(layer: Int = 1, pairing: PairingDirection = .testToTrain, sharpCount: Int = 10,
                denseThreshold: Int = 3_000, lanczosK: Int = 20, lanczosSeed: UInt64 = 0,
                lanczosTolerance: Double = 1e-8, lanczosMaxIterations: Int? = nil,
                slqProbes: Int = 2, slqSteps: Int = 64, slqSeed: UInt64 = 1, slqOnDensePath: Bool = false,
                loss: Loss = .crossEntropy, curvature: HessianCurvature = .exact,
                hessianVectorMethod: HessianVectorMethod = .automatic) {
        self.layer = layer; self.pairing = pairing; self.sharpCount = sharpCount
        self.denseThreshold = denseThreshold; self.lanczosK = lanczosK; self.lanczosSeed = lanczosSeed
        self.lanczosTolerance = lanczosTolerance; self.lanczosMaxIterations = lanczosMaxIterations
        self.slqProbes = slqProbes; self.slqSteps = slqSteps; self.slqSeed = slqSeed; self.slqOnDensePath = slqOnDensePath
        self.loss = loss; self.curvature = curvature; self.hessianVectorMethod = hessianVectorMethod
    }

    /// Throws an `AWError` naming the first setting outside its allowed range.
    public func validate() throws {
        func bad(_ key: String, _ value: Any, _ allowed: String) -> AWError {
            AWError(.invalidInput, "analysis config: \(key) = \(value) is not allowed (\(allowed))")
        }
        if layer < 0 { throw bad("layer", layer, "a 0-based dense layer index >= 0") }
        if sharpCount < 0 { throw bad("sharpCount", sharpCount, ">= 0") }
        if denseThreshold < 0 { throw bad("denseThreshold", denseThreshold, ">= 0") }
        if lanczosK < 1 { throw bad("lanczosK", lanczosK, ">= 1") }
        if !(lanczosTolerance > 0 && lanczosTolerance.isFinite) { throw bad("lanczosTolerance", lanczosTolerance, "finite, > 0") }
        if let m = lanczosMaxIterations, m < lanczosK { throw bad("lanczosMaxIterations", m, ">= lanczosK = \(lanczosK)") }
        if slqProbes < 0 { throw bad("slqProbes", slqProbes, ">= 0; 0 disables the density") }
        if slqSteps < 1 { throw bad("slqSteps", slqSteps, ">= 1") }
    }
}
