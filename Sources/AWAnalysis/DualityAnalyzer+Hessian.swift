import AWCore
import AWLinearAlgebra
import AWNetwork

extension DualityAnalyzer {
    /// Step 4: the layer Hessian of `config.layer` over the clean training rows, dense if its P
    /// weights are at most `config.denseThreshold` (else the operator with
    /// `config.hessianVectorMethod`). Throws an `AWError` if the dense form would exceed `denseLimit`.
    public func hessian(forward: AnalysisForward) throws -> AnalysisHessian {
        let hessian = LayerHessian(model: forward.network, layer: config.layer, trace: forward.train,
                                   labels: forward.trainLabels, loss: config.loss, curvature: config.curvature)
        let p = hessian.dimension
        let method: EigenMethod = p <= config.denseThreshold ? .dense : .lanczos
        switch method {
        case .dense:
            if p > DualityAnalyzer.denseLimit {
                throw AWError(.invalidInput, "analysis config: denseThreshold = \(config.denseThreshold) would build a dense \(p) x \(p) Hessian (\(p * p * 8 / 1_000_000) MB); allowed up to \(DualityAnalyzer.denseLimit) weights, use Lanczos above that")
            }
            return AnalysisHessian(dense: hessian, matrix: hessian.dense())
        case .lanczos:
            return AnalysisHessian(operator: LayerHessianOperator(hessian, method: config.hessianVectorMethod))
        }
    }
}
