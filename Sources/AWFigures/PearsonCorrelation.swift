import Foundation

/// Pearson's r with a Fisher-z confidence interval: tanh(atanh(r) ± z_{1-α/2} / sqrt(n - 3)).
public struct PearsonCorrelation: Sendable, Equatable {
    public var n: Int
    public var r: Double
    public var confidence: Double
    public var lower: Double
    public var upper: Double

    /// Why no interval can be computed, or nil (needs 4 finite pairs and variation in both).
    public static func insufficiency(x: [Double], y: [Double]) -> String? {
        let pts = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }
        if pts.count < 4 { return "fewer than 4 runs (\(pts.count)) for a Fisher-z interval" }
        if Set(pts.map(\.0)).count < 2 || Set(pts.map(\.1)).count < 2 { return "a variable is constant" }
        return nil
    }

    public static func compute(x: [Double], y: [Double], confidence: Double = 0.95) -> PearsonCorrelation? {
        guard insufficiency(x: x, y: y) == nil else { return nil }
        let pts = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }
        let n = pts.count, nd = Double(n)
        let mx = pts.reduce(0) { $0 + $1.0 } / nd, my = pts.reduce(0) { $0 + $1.1 } / nd
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for (a, b) in pts { sxx += (a - mx) * (a - mx); sxy += (a - mx) * (b - my); syy += (b - my) * (b - my) }
        let r = max(-1, min(1, sxy / (sxx * syy).squareRoot()))
        let z = NormalDistribution.quantile(1 - (1 - confidence) / 2)
        let se = 1 / (nd - 3).squareRoot()
        // |r| = 1 exactly: atanh is infinite, the interval collapses to r.
        let fz = atanh(max(-1 + 1e-16, min(1 - 1e-16, r)))
        return PearsonCorrelation(n: n, r: r, confidence: confidence, lower: tanh(fz - z * se), upper: tanh(fz + z * se))
    }
}
