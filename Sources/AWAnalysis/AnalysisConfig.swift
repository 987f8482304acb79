import AWCore
import AWNetwork

/// Settings of one duality analysis. Codable; keys missing from a decoded document take the defaults.
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

    enum CodingKeys: String, CodingKey {
        case layer, pairing, sharpCount, denseThreshold, lanczosK, lanczosSeed, lanczosTolerance
        case lanczosMaxIterations, slqProbes, slqSteps, slqSeed, slqOnDensePath, loss, curvature, hessianVectorMethod
    }

    public init(from decoder: any Decoder) throws {
        let d = AnalysisConfig()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        layer = try c.decodeIfPresent(Int.self, forKey: .layer) ?? d.layer
        pairing = try c.decodeIfPresent(PairingDirection.self, forKey: .pairing) ?? d.pairing
        sharpCount = try c.decodeIfPresent(Int.self, forKey: .sharpCount) ?? d.sharpCount
        denseThreshold = try c.decodeIfPresent(Int.self, forKey: .denseThreshold) ?? d.denseThreshold
        lanczosK = try c.decodeIfPresent(Int.self, forKey: .lanczosK) ?? d.lanczosK
        lanczosSeed = try c.decodeIfPresent(UInt64.self, forKey: .lanczosSeed) ?? d.lanczosSeed
        lanczosTolerance = try c.decodeIfPresent(Double.self, forKey: .lanczosTolerance) ?? d.lanczosTolerance
        lanczosMaxIterations = try c.decodeIfPresent(Int.self, forKey: .lanczosMaxIterations)
        slqProbes = try c.decodeIfPresent(Int.self, forKey: .slqProbes) ?? d.slqProbes
        slqSteps = try c.decodeIfPresent(Int.self, forKey: .slqSteps) ?? d.slqSteps
        slqSeed = try c.decodeIfPresent(UInt64.self, forKey: .slqSeed) ?? d.slqSeed
        slqOnDensePath = try c.decodeIfPresent(Bool.self, forKey: .slqOnDensePath) ?? d.slqOnDensePath
        loss = try c.decodeIfPresent(Loss.self, forKey: .loss) ?? d.loss
        curvature = try c.decodeIfPresent(HessianCurvature.self, forKey: .curvature) ?? d.curvature
        hessianVectorMethod = try c.decodeIfPresent(HessianVectorMethod.self, forKey: .hessianVectorMethod) ?? d.hessianVectorMethod
    }
}
