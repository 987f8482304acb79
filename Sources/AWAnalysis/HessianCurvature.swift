/// Which second derivative of the training loss the analysis uses for the analysed layer.
public enum HessianCurvature: String, Codable, Sendable, CaseIterable {
    /// The exact Hessian d^2 L / dW^2, including the activations' second derivatives downstream of
    /// the layer (tanh). For ReLU networks this equals the Gauss-Newton form almost everywhere.
    case exact
    /// The Gauss-Newton form (1/N) sum_k (B_k^T A_k B_k) (x) (a_k a_k^T) of PAPER.md section 5.
    case gaussNewton = "gauss_newton"
}
