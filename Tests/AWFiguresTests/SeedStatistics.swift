/// Mean and sample standard deviation (ddof 1) over seeds, computed in the tests independently
/// of AWFigures (which uses SummaryStatistics).
enum SeedStatistics {
    static func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }

    static func std(_ v: [Double]) -> Double {
        let m = mean(v)
        return (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count - 1)).squareRoot()
    }

    /// Whether `a` and `b` agree to a relative 1e-12 (absolute near 0).
    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    }
}
