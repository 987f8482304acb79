/// The result of stochastic Lanczos quadrature (SLQ): for each probe l a Gauss quadrature rule
/// (nodes theta_{l,i} = Ritz values, weights tau_{l,i} = squared first components of the
/// tridiagonal's eigenvectors, summing to 1) that approximates the spectral measure
/// (1/n) sum_j delta(x - lambda_j) seen from that probe. The density estimate is the average rule.
public struct SpectralQuadrature: Sendable, Equatable {
    /// One probe's quadrature rule.
    public struct Probe: Sendable, Equatable {
        /// Ritz values of the probe's tridiagonal matrix, ascending.
        public let nodes: [Double]
        /// Squared first eigenvector components, same order as `nodes`; they sum to 1.
        public let weights: [Double]
        /// Lanczos steps actually taken (fewer than asked only on breakdown: an invariant subspace).
        public let steps: Int
    }

    /// n, the operator dimension.
    public let dimension: Int
    /// The per-probe rules.
    public let probes: [Probe]

    public init(dimension: Int, probes: [Probe]) {
        self.dimension = dimension
        self.probes = probes
    }

    /// All nodes, probe after probe.
    public var nodes: [Double] { probes.flatMap(\.nodes) }
    /// All weights divided by the probe count, aligned with `nodes`: they sum to 1.
    public var weights: [Double] {
        let s = 1.0 / Double(max(probes.count, 1))
        return probes.flatMap { $0.weights.map { $0 * s } }
    }

    /// Per-probe estimates n * sum_i tau_i f(theta_i) of tr f(A).
    public func probeTraceEstimates(of f: (Double) -> Double) -> [Double] {
        probes.map { p in
            var s = 0.0
            for (x, w) in zip(p.nodes, p.weights) { s += w * f(x) }
            return Double(dimension) * s
        }
    }

    /// SLQ estimate of tr f(A): the mean of `probeTraceEstimates(of:)`.
    public func traceEstimate(of f: (Double) -> Double) -> Double {
        let e = probeTraceEstimates(of: f)
        return e.isEmpty ? 0 : e.reduce(0, +) / Double(e.count)
    }

    /// Estimate of tr A. With f(x) = x the rule gives n v^T A v = z^T A z for v = z / sqrt(n), so
    /// this is exactly the Hutchinson estimate with the same Rademacher probes (up to rounding).
    public var traceEstimate: Double { traceEstimate(of: { $0 }) }

    /// Standard error of `traceEstimate(of:)` across probes (sample std / sqrt(probes); 0 for one probe).
    public func traceStandardError(of f: (Double) -> Double = { $0 }) -> Double {
        let e = probeTraceEstimates(of: f)
        guard e.count > 1 else { return 0 }
        let mean = e.reduce(0, +) / Double(e.count)
        let v = e.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(e.count - 1)
        return (v / Double(e.count)).squareRoot()
    }

    /// Smallest and largest node (Ritz values lie inside [lambda_min, lambda_max]).
    public var nodeRange: ClosedRange<Double>? {
        let all = nodes
        guard let lo = all.min(), let hi = all.max() else { return nil }
        return lo...hi
    }

    /// Gaussian-broadened density sum_l sum_i (tau_{l,i} / probes) N(x; theta_{l,i}, sigma^2) at each
    /// grid point. It integrates to 1 over the real line (sigma > 0).
    public func density(at grid: [Double], sigma: Double) -> [Double] {
        SpectralDensity.gaussian(nodes: nodes, weights: weights, at: grid, sigma: sigma)
    }

    /// The broadened density on `points` equally spaced points covering the node range padded by
    /// `padding` sigmas on each side (default 5, so the grid holds all but ~1e-6 of the mass).
    public func densityOnGrid(points: Int, sigma: Double, padding: Double = 5) -> (x: [Double], density: [Double]) {
        let r = nodeRange ?? 0...0
        let x = SpectralDensity.grid(from: r.lowerBound - padding * sigma, to: r.upperBound + padding * sigma, points: points)
        return (x, density(at: x, sigma: sigma))
    }
}
