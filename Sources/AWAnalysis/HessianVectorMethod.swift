/// How a Hessian-vector product of the analysed layer is computed (`LayerHessianOperator`).
public enum HessianVectorMethod: String, Codable, Sendable, CaseIterable {
    /// Kronecker form when the per-sample curvatures M_k fit in memory, else the R-operator.
    case automatic = "auto"
    /// Hv = (1/N) sum_k (M_k V a_k) a_k^T with the per-sample N_out x N_out curvatures M_k stored:
    /// two GEMMs plus one small matrix-vector product per sample.
    case kronecker
    /// Pearlmutter's R-operator through the layers above (batched GEMMs; no M_k stored).
    case rOperator = "r_operator"
    /// Central finite differences of the layer gradient (a cross-check; O(step^2) error).
    case finiteDifference = "finite_difference"
}
