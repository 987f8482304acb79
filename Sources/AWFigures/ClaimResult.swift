/// The computed check of one claim (or identity) on one manifest's runs: the statistic, its value
/// with a 95% interval where it has one, the number of runs, and the verdict with its reason.
public struct ClaimResult: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// OLS slope against the swept value (t interval).
        case trend
        /// Pearson correlation (Fisher-z interval).
        case correlation
        /// An identity checked run by run against a tolerance.
        case identity
    }

    /// The claim's id ("batch_size.gap", "identity.duality", ...).
    public var id: String
    public var kind: Kind
    /// The paper's statement.
    public var claim: String
    /// The manifest whose runs were used ("all runs" for pooled statistics, "—" when none).
    public var manifest: String
    /// What was computed, in words.
    public var statistic: String
    public var value: Double
    /// 95% interval (trend, correlation); nil for identities.
    public var lower: Double?
    public var upper: Double?
    /// The per-run tolerance rule of an identity, in words; nil otherwise.
    public var tolerance: String?
    /// Runs that entered the statistic.
    public var n: Int
    public var verdict: Verdict
    public var reason: String
    /// Trend claims: runs left out as not comparable (unconverged, or at a point where fewer than
    /// half of the seeds converged); 0 otherwise.
    public var excluded: Int = 0
    /// Trend claims: the statistic on all non-diverged runs, "value [lower, upper] (n)", beside
    /// the verdict's converged-only value; nil when nothing was excluded.
    public var allRunsValue: String?
    /// Trend claims: what was left out and why, in words (sweep points not comparable, networks
    /// that did not fit); nil when every run met the stop rule.
    public var comparability: String?

    public init(id: String, kind: Kind, claim: String, manifest: String, statistic: String, value: Double,
                lower: Double? = nil, upper: Double? = nil, tolerance: String? = nil, n: Int,
                verdict: Verdict, reason: String) {
        self.id = id; self.kind = kind; self.claim = claim; self.manifest = manifest; self.statistic = statistic
        self.value = value; self.lower = lower; self.upper = upper; self.tolerance = tolerance; self.n = n
        self.verdict = verdict; self.reason = reason
    }

    /// "value [lower, upper]" (3 significant digits), "value" for identities, "—" when absent.
    public var valueText: String {
        guard value.isFinite else { return "—" }
        let v = NumberFormat.significant(value)
        if let l = lower, let u = upper, l.isFinite, u.isFinite {
            return "\(v) [\(NumberFormat.significant(l)), \(NumberFormat.significant(u))]"
        }
        return v
    }
}
