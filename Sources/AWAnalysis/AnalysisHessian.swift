import AWLinearAlgebra

/// The analysed layer's Hessian in the form the eigen step needs (PAPER.md section 3): the dense
/// P x P matrix when P <= `denseThreshold`, else the matrix-free operator for Lanczos.
/// Returned by `DualityAnalyzer.hessian(forward:)`. Not `Sendable`: the operator owns scratch memory.
public struct AnalysisHessian {
    /// The Kronecker-form layer Hessian over the clean training rows.
    public let hessian: LayerHessian
    /// `.dense` when `matrix` is set, `.lanczos` when `hessianOperator` is.
    public let eigenMethod: EigenMethod
    /// The dense Hessian, `[P, P]` (dense path only).
    public let matrix: Matrix<Double>?
    /// Hessian-vector products (Lanczos path only; the density step makes one on the dense path when needed).
    public let hessianOperator: LayerHessianOperator?

    public var dimension: Int { hessian.dimension }

    /// The dense form of `hessian`.
    public init(dense hessian: LayerHessian, matrix: Matrix<Double>) {
        self.hessian = hessian; self.eigenMethod = .dense; self.matrix = matrix; self.hessianOperator = nil
    }

    /// The operator form of `hessian`.
    public init(operator op: LayerHessianOperator) {
        self.hessian = op.hessian; self.eigenMethod = .lanczos; self.matrix = nil; self.hessianOperator = op
    }
}
