/// A per-rank spectrum (e.g. sigma_g,n vs rank n) averaged rank-wise over the seeds of a sweep point.
///
/// Seeds whose spectra differ in length are truncated to the shortest one so that every rank
/// averages the same seeds (with a full eigenbasis or the same Lanczos k all lengths agree).
public struct RankwiseSpectrum: Sendable, Equatable {
    /// Rank-wise mean over seeds; element n-1 is rank n.
    public var mean: [Double]
    /// Rank-wise sample standard deviation (ddof = 1), NaN with fewer than two seeds.
    public var standardDeviation: [Double]
    /// How many seeds were averaged.
    public var seedCount: Int

    public init(series: [[Double]]) {
        let usable = series.filter { !$0.isEmpty }
        seedCount = usable.count
        let length = usable.map(\.count).min() ?? 0
        var m = [Double](repeating: 0, count: length)
        var s = [Double](repeating: .nan, count: length)
        for n in 0..<length {
            let stats = SummaryStatistics(usable.map { $0[n] })
            m[n] = stats.mean
            s[n] = stats.standardDeviation
        }
        mean = m
        standardDeviation = s
    }

    public var count: Int { mean.count }
    public var isEmpty: Bool { mean.isEmpty }
    /// Ranks 1...count as Doubles (x values for plots).
    public var ranks: [Double] { (0..<mean.count).map { Double($0 + 1) } }

    /// Running sum of each seed's series, then averaged (used for the cumulative size spectrum).
    public static func cumulative(series: [[Double]]) -> RankwiseSpectrum {
        RankwiseSpectrum(series: series.map { s in
            var acc = 0.0
            return s.map { acc += $0; return acc }
        })
    }
}
