/// A paired comparison over seeds: the differences `treatment - reference` of one quantity, one per
/// seed where both runs exist and met the stop rule, with the mean and its 95% Student-t interval.
public struct PairedDifference: Sendable, Equatable {
    /// Per pair, in seed order of the reference arm.
    public var differences: [Double]
    /// Seed-to-seed sample std of the reference arm's values (the same pairs).
    public var referenceSpread: Double
    public var treatmentMean: Double
    public var referenceMean: Double

    public init(treatment: [Double], reference: [Double]) {
        precondition(treatment.count == reference.count)
        differences = zip(treatment, reference).map { $0 - $1 }
        referenceSpread = SummaryStatistics(reference).standardDeviation
        treatmentMean = SummaryStatistics(treatment).mean
        referenceMean = SummaryStatistics(reference).mean
    }

    public var count: Int { differences.count }
    public var mean: Double { SummaryStatistics(differences).mean }

    /// The 95% interval of the mean difference (t with n - 1 degrees of freedom); nil for n < 2.
    public var interval: ClosedRange<Double>? {
        let s = SummaryStatistics(differences)
        guard s.count >= 2, s.standardDeviation.isFinite else { return nil }
        let t = StudentTDistribution(degreesOfFreedom: Double(s.count - 1)).quantile(0.975)
        let half = t * s.standardError
        return (s.mean - half)...(s.mean + half)
    }

    /// The interval verdict for a claim that the difference is negative (`expectNegative`) or positive.
    public func verdict(expectNegative: Bool) -> (Verdict, String) {
        guard count >= PairedDifference.minimumPairs, let ci = interval else {
            return (.inconclusive, "\(count) converged pairs (at least \(PairedDifference.minimumPairs) needed)")
        }
        return Verdict.forInterval(lower: ci.lowerBound, upper: ci.upperBound, expectPositive: !expectNegative)
    }

    /// Whether the mean difference is within the reference arm's seed-to-seed spread.
    public var withinSeedSpread: Bool { referenceSpread.isFinite && abs(mean) <= referenceSpread }

    /// "−0.031 [−0.052, −0.010]"; "—" without pairs.
    public var text: String {
        guard count > 0 else { return "—" }
        let m = NumberFormat.significant(mean)
        guard let ci = interval else { return m }
        return "\(m) [\(NumberFormat.significant(ci.lowerBound)), \(NumberFormat.significant(ci.upperBound))]"
    }

    /// Pairs needed for a verdict.
    public static let minimumPairs = 3
}
