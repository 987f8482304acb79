/// Ordinary least squares y = intercept + slope x, with a confidence interval for the slope
/// from the t distribution with n - 2 degrees of freedom:
/// slope ± t_{1-α/2, n-2} · sqrt(SSE / (n - 2) / Sxx).
public struct LinearRegression: Sendable, Equatable {
    public var n: Int
    public var slope: Double
    public var intercept: Double
    /// Standard error of the slope.
    public var slopeStandardError: Double
    public var interceptStandardError: Double
    /// Pearson correlation of x and y (NaN when y is constant).
    public var r: Double
    public var confidence: Double
    /// The t quantile used for the interval.
    public var tQuantile: Double
    public var slopeLower: Double
    public var slopeUpper: Double

    public var degreesOfFreedom: Int { n - 2 }

    /// Why a fit cannot be made from these points, or nil when it can
    /// (at least 3 finite points and at least 2 distinct x values).
    public static func insufficiency(x: [Double], y: [Double]) -> String? {
        precondition(x.count == y.count, "LinearRegression: x and y differ in length")
        let pts = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }
        if pts.count < 3 { return "fewer than 3 runs (\(pts.count))" }
        if Set(pts.map(\.0)).count < 2 { return "fewer than 2 distinct parameter values" }
        return nil
    }

    /// Fits the finite (x, y) pairs; nil when `insufficiency` names a reason.
    public static func fit(x: [Double], y: [Double], confidence: Double = 0.95) -> LinearRegression? {
        guard insufficiency(x: x, y: y) == nil else { return nil }
        let pts = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }
        let n = pts.count, nd = Double(n)
        let mx = pts.reduce(0) { $0 + $1.0 } / nd
        let my = pts.reduce(0) { $0 + $1.1 } / nd
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for (a, b) in pts {
            sxx += (a - mx) * (a - mx); sxy += (a - mx) * (b - my); syy += (b - my) * (b - my)
        }
        let slope = sxy / sxx
        let intercept = my - slope * mx
        var sse = 0.0
        for (a, b) in pts { let e = b - (intercept + slope * a); sse += e * e }
        let s2 = sse / Double(n - 2)
        let seSlope = (s2 / sxx).squareRoot()
        let seIntercept = (s2 * (1 / nd + mx * mx / sxx)).squareRoot()
        let t = StudentTDistribution(degreesOfFreedom: Double(n - 2)).quantile(1 - (1 - confidence) / 2)
        let r = syy > 0 ? sxy / (sxx * syy).squareRoot() : .nan
        return LinearRegression(n: n, slope: slope, intercept: intercept, slopeStandardError: seSlope,
                                interceptStandardError: seIntercept, r: r, confidence: confidence, tQuantile: t,
                                slopeLower: slope - t * seSlope, slopeUpper: slope + t * seSlope)
    }
}
