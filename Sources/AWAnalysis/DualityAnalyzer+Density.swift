import AWCore
import AWLinearAlgebra
import AWNetwork

extension DualityAnalyzer {
    /// Step 7: the spectral density. On the dense path (unless `slqOnDensePath`) every eigenvalue
    /// with weight 1/P; otherwise SLQ with `slqProbes` probes of `slqSteps` steps (seeded by
    /// `slqSeed`) on the Lanczos path's operator, or on a new one for the dense path; `.none`
    /// when `slqProbes` is 0.
    public func spectralDensity(hessian: AnalysisHessian, eigenbasis: AnalysisEigenbasis) throws -> AnalysisDensity {
        let p = hessian.dimension
        if eigenbasis.method == .dense && !config.slqOnDensePath {
            return AnalysisDensity(method: .eigenvalues, nodes: eigenbasis.eigenvalues,
                                   weights: [Double](repeating: 1 / Double(p), count: p), hessianVectorMethod: nil)
        }
        guard config.slqProbes > 0 else {
            return AnalysisDensity(method: .none, nodes: [], weights: [], hessianVectorMethod: nil)
        }
        let op = hessian.hessianOperator ?? LayerHessianOperator(hessian.hessian, method: config.hessianVectorMethod)
        let q = try StochasticLanczosQuadrature.run(op, probes: config.slqProbes, steps: config.slqSteps,
                                                     generator: SeededGenerator(seed: config.slqSeed))
        return AnalysisDensity(method: .slq(probes: config.slqProbes, steps: config.slqSteps), nodes: q.nodes,
                               weights: q.weights, hessianVectorMethod: op.method)
    }
}
