import Foundation

/// The standard normal distribution (for the Fisher-z interval of a correlation).
public enum NormalDistribution {
    /// P(Z <= z) = erfc(-z / sqrt 2) / 2.
    public static func cdf(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// The z with P(Z <= z) = p, 0 < p < 1, by bisection on the tail (quantile(0.975) = 1.959964).
    public static func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "NormalDistribution.quantile: p must lie in (0, 1)")
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p) }
        let tail = 1 - p
        func upper(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }
        var lo = 0.0, hi = 1.0
        while upper(hi) > tail { lo = hi; hi *= 2; if hi > 100 { return .infinity } }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if upper(mid) > tail { lo = mid } else { hi = mid }
            if hi - lo <= 1e-15 * hi { break }
        }
        return 0.5 * (lo + hi)
    }
}
