import AWArchive

/// One point of a sweep: all seeds (replicates) of one swept-value tuple of one manifest,
/// with every scalar averaged over the seeds and every per-rank spectrum averaged rank-wise.
public struct SweepPoint: Sendable, Equatable {
    /// The swept values, aligned with `SweepAggregate.parameters`.
    public var values: [Double]
    /// Non-numeric swept settings, aligned with `SweepAggregate.categoryKeys` ("" where absent).
    public var categories: [String]
    /// Run ids of the runs averaged (diverged runs excluded), in replicate order.
    public var runIDs: [String]
    public var replicates: [Int64]
    /// Runs of this point that diverged (skipped).
    public var divergedRunIDs: [String]
    /// Runs averaged here that did not meet the stop rule (stopped at the epoch bound), in replicate order.
    public var unconvergedRunIDs: [String] = []
    /// Mean and sample std (ddof = 1) over seeds of every scalar available in at least one run.
    public var scalars: [RunQuantity: SummaryStatistics]
    /// sigma_g,n vs rank n (ranked by sigma_g descending).
    public var sigmaG: RankwiseSpectrum
    /// sigma_w,n vs the same rank n.
    public var sigmaW: RankwiseSpectrum
    /// sum_{m<=n} sigma_w,m vs n.
    public var cumulativeSigmaW: RankwiseSpectrum
    /// c_n vs n.
    public var c: RankwiseSpectrum
    /// Hessian eigenvalues, descending (index, not sigma_g rank).
    public var eigenvalues: RankwiseSpectrum
    /// The sharp_count of the analysis (top ranks counted as sharp), from the first analysed run.
    public var sharpCount: Int?

    public init(values: [Double], categories: [String] = [], runIDs: [String], replicates: [Int64], divergedRunIDs: [String],
                scalars: [RunQuantity: SummaryStatistics], sigmaG: RankwiseSpectrum, sigmaW: RankwiseSpectrum,
                cumulativeSigmaW: RankwiseSpectrum, c: RankwiseSpectrum, eigenvalues: RankwiseSpectrum, sharpCount: Int?) {
        self.values = values; self.categories = categories; self.runIDs = runIDs; self.replicates = replicates; self.divergedRunIDs = divergedRunIDs
        self.scalars = scalars; self.sigmaG = sigmaG; self.sigmaW = sigmaW; self.cumulativeSigmaW = cumulativeSigmaW
        self.c = c; self.eigenvalues = eigenvalues; self.sharpCount = sharpCount
    }

    /// Number of runs averaged.
    public var runCount: Int { runIDs.count }

    /// Runs averaged here that met the stop rule.
    public var convergedCount: Int { runCount - unconvergedRunIDs.count }

    /// At least half of the seeds met the stop rule (`RunRecord.isComparablePoint`): the report's
    /// trends use this point, and the figures draw it with filled markers and solid lines.
    public var isComparable: Bool { RunRecord.isComparablePoint(converged: convergedCount, of: runCount) }

    /// "4/10" where some averaged seeds did not meet the stop rule, nil where all did.
    public var convergedNote: String? { unconvergedRunIDs.isEmpty ? nil : "\(convergedCount)/\(runCount)" }

    /// The statistics of one quantity, or nil when no run of this point has it.
    public subscript(_ q: RunQuantity) -> SummaryStatistics? { scalars[q] }
}
