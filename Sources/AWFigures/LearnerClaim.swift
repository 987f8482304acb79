/// One claim of the multi-learner study with its per-learning-rate rows and a computed verdict
/// (`LearnerStudy+Claims.swift`; the rules are docs/LEARNERS.md's).
public struct LearnerClaim: Sendable {
    /// One comparison: e.g. ring DPSGD - SSGD at one learning rate.
    public struct Row: Sendable {
        public var label: String
        public var difference: PairedDifference
        public var verdict: Verdict
        public var reason: String
        /// Both arms comparable (at least half of the seeds of each met the stop rule).
        public var comparable: Bool
        /// e.g. "SSGD 5/5, DPSGD 5/5 met the stop rule".
        public var convergence: String

        /// Whether the row enters the claim's verdict: both arms comparable and enough pairs.
        public var enters: Bool { comparable && difference.count >= PairedDifference.minimumPairs }
    }

    public var claim: String
    /// What is compared, e.g. "ring DPSGD − SSGD of L_test − L_train, paired by seed".
    public var statistic: String
    public var rows: [Row]
    public var verdict: Verdict
    public var reason: String
}
