/// Mean and spread of one quantity over the seeds (replicates) of a sweep point.
///
/// The standard deviation is the SAMPLE standard deviation (ddof = 1): error bars estimate the
/// seed-to-seed spread of a run, not the population spread of the few seeds drawn. It is NaN when
/// fewer than two values are given (no error bar is drawn then).
public struct SummaryStatistics: Sendable, Equatable {
    public var count: Int
    public var mean: Double
    /// Sample standard deviation, ddof = 1 (NaN for count < 2).
    public var standardDeviation: Double
    public var minimum: Double
    public var maximum: Double

    /// Statistics of `values`; non-finite values must be filtered out by the caller.
    public init(_ values: [Double]) {
        count = values.count
        guard !values.isEmpty else {
            mean = .nan; standardDeviation = .nan; minimum = .nan; maximum = .nan
            return
        }
        let m = values.reduce(0, +) / Double(values.count)
        mean = m
        if values.count > 1 {
            // Two-pass (centred) sum of squares.
            let ss = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
            standardDeviation = (ss / Double(values.count - 1)).squareRoot()
        } else {
            standardDeviation = .nan
        }
        minimum = values.min()!
        maximum = values.max()!
    }

    /// Standard error of the mean (sample std / sqrt(n)); NaN for count < 2.
    public var standardError: Double {
        count > 1 ? standardDeviation / Double(count).squareRoot() : .nan
    }
}
