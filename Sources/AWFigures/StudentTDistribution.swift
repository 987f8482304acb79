/// Student's t distribution with `degreesOfFreedom` (> 0, need not be an integer).
/// CDF through the regularized incomplete beta function; quantile by bisection on the tail
/// probability (monotone, so exact to about 1e-12 relative).
public struct StudentTDistribution: Sendable, Equatable {
    public var degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "StudentTDistribution: degrees of freedom must be positive")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(T > t) for t >= 0: I_{df/(df+t^2)}(df/2, 1/2) / 2.
    func upperTail(_ t: Double) -> Double {
        let v = degreesOfFreedom
        let x = v / (v + t * t)
        return 0.5 * SpecialFunctions.regularizedIncompleteBeta(x, a: v / 2, b: 0.5)
    }

    /// P(T <= t).
    public func cdf(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        if t == .infinity { return 1 }
        if t == -.infinity { return 0 }
        return t >= 0 ? 1 - upperTail(t) : upperTail(-t)
    }

    /// The t with P(T <= t) = p, for 0 < p < 1 (e.g. quantile(0.975) with df 1 = 12.706).
    public func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "StudentTDistribution.quantile: p must lie in (0, 1)")
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p) }
        let tail = 1 - p   // find t > 0 with upperTail(t) = tail
        var lo = 0.0, hi = 1.0
        while upperTail(hi) > tail {
            lo = hi
            hi *= 2
            if hi > 1e300 { return .infinity }
        }
        for _ in 0..<400 {
            let mid = 0.5 * (lo + hi)
            if upperTail(mid) > tail { lo = mid } else { hi = mid }
            if hi - lo <= 1e-14 * hi { break }
        }
        return 0.5 * (lo + hi)
    }
}
