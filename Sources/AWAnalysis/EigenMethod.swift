/// How the eigen-directions of the layer Hessian were obtained.
public enum EigenMethod: String, Codable, Sendable, CaseIterable {
    /// Full dense symmetric eigen-decomposition (LAPACK dsyevd) of the Kronecker-form Hessian.
    case dense
    /// Top-k Lanczos on Hessian-vector products, plus one residual term for the rest of the space.
    case lanczos
}
