/// The outcome of checking one claim against the data, by a fixed rule (docs/FIGURES.md):
/// - trend / correlation claims: `supported` when the 95% interval excludes 0 on the claimed
///   side, `notSupported` when it excludes 0 on the opposite side (the data contradict the
///   claim), `inconclusive` when it contains 0 or there are too few runs;
/// - identities: `supported` when every run is within its tolerance, `notSupported` otherwise,
///   `inconclusive` when no run carries the fields needed.
public enum Verdict: String, Sendable, Equatable, CaseIterable {
    case supported
    case notSupported = "not supported"
    case inconclusive

    /// The verdict on an interval [lower, upper] for a claim that the quantity is positive
    /// (`expectPositive`) or negative, with the reason in words.
    public static func forInterval(lower: Double, upper: Double, expectPositive: Bool) -> (Verdict, String) {
        guard lower.isFinite, upper.isFinite else { return (.inconclusive, "interval not finite") }
        if lower > 0 {
            return expectPositive ? (.supported, "95% CI above 0, as claimed")
                                  : (.notSupported, "95% CI above 0, opposite to the claim")
        }
        if upper < 0 {
            return expectPositive ? (.notSupported, "95% CI below 0, opposite to the claim")
                                  : (.supported, "95% CI below 0, as claimed")
        }
        return (.inconclusive, "95% CI contains 0")
    }
}
