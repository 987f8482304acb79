/// The spectral density of the layer Hessian as weighted point masses (PAPER.md section 5): the
/// exact eigenvalue measure (dense path), or stochastic Lanczos quadrature nodes and weights.
/// Returned by `DualityAnalyzer.spectralDensity(hessian:eigenbasis:)`.
public struct AnalysisDensity: Sendable, Equatable {
    /// `.eigenvalues`, `.slq(probes:steps:)`, or `.none` (SLQ disabled and not the exact measure).
    public let method: DensityMethod
    public let nodes: [Double]
    /// Weights of `nodes` (summing to 1 unless `method` is `.none`).
    public let weights: [Double]
    /// The Hessian-vector product SLQ used (nil when it did not run).
    public let hessianVectorMethod: HessianVectorMethod?

    public init(method: DensityMethod, nodes: [Double], weights: [Double], hessianVectorMethod: HessianVectorMethod?) {
        precondition(nodes.count == weights.count)
        self.method = method; self.nodes = nodes; self.weights = weights; self.hessianVectorMethod = hessianVectorMethod
    }
}
