/// How the spectral density of the layer Hessian was obtained (archived as `/analysis`
/// `density_method`, with `density_slq_probes` / `density_slq_steps` for SLQ).
public enum DensityMethod: Codable, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// No density (SLQ disabled on the Lanczos path).
    case none
    /// The exact spectral measure of the dense eigen-decomposition: every eigenvalue, weight 1/P.
    case eigenvalues
    /// Stochastic Lanczos quadrature on Hessian-vector products: `probes` random vectors, `steps` Lanczos steps each.
    case slq(probes: Int, steps: Int)

    /// The archive spelling: `none`, `eigenvalues` or `slq`.
    public var name: String {
        switch self {
        case .none: return "none"
        case .eigenvalues: return "eigenvalues"
        case .slq: return "slq"
        }
    }

    /// The archive spellings, for readers.
    public static let names = ["none", "eigenvalues", "slq"]

    /// A reader's words, for figure titles and reports.
    public var description: String {
        switch self {
        case .none: return "no density"
        case .eigenvalues: return "exact eigenvalue measure"
        case let .slq(probes, steps): return "SLQ, \(probes) probes x \(steps) steps"
        }
    }
}
