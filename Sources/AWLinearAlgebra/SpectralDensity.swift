import AWCore

/// Helpers for spectral densities: Gaussian broadening of weighted point masses, and grids.
public enum SpectralDensity {
    /// rho(x) = sum_i w_i exp(-(x - c_i)^2 / (2 sigma^2)) / (sigma sqrt(2 pi)) at each x in `grid`.
    /// For weights summing to 1 it integrates to 1. Use with SLQ nodes/weights, or with exact
    /// eigenvalues and weights 1/n to compare against a dense eigen-decomposition.
    public static func gaussian(nodes: [Double], weights: [Double], at grid: [Double], sigma: Double) -> [Double] {
        precondition(nodes.count == weights.count, "SpectralDensity: \(nodes.count) nodes, \(weights.count) weights")
        precondition(sigma > 0 && sigma.isFinite, "SpectralDensity: sigma = \(sigma), expected a finite value > 0")
        let norm = 1 / (sigma * (2 * Double.pi).squareRoot())
        let inv2s2 = 1 / (2 * sigma * sigma)
        return grid.map { x in
            var s = 0.0
            for (c, w) in zip(nodes, weights) {
                let d = x - c
                let e = d * d * inv2s2
                if e < 745 { s += w * Libm.exp(-e) }   // exp(-745) underflows to 0 anyway
            }
            return s * norm
        }
    }

    /// `points` equally spaced values from `a` to `b` inclusive (points >= 2; one point gives [a]).
    public static func grid(from a: Double, to b: Double, points: Int) -> [Double] {
        precondition(points >= 1, "SpectralDensity.grid: points = \(points), expected >= 1")
        if points == 1 { return [a] }
        let h = (b - a) / Double(points - 1)
        return (0..<points).map { i in i == points - 1 ? b : a + Double(i) * h }
    }

    /// Trapezoid rule for samples `y` at increasing abscissae `x`.
    public static func trapezoid(x: [Double], y: [Double]) -> Double {
        precondition(x.count == y.count)
        guard x.count > 1 else { return 0 }
        var s = 0.0
        for i in 1..<x.count { s += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2 }
        return s
    }
}

