import AWArchive

/// The claims of PAPER.md section 9 on a `LearnerStudy`, each with a computed verdict.
///
/// Rules (docs/LEARNERS.md): a difference is DPSGD - SSGD per seed, over the seeds where both runs
/// met the stop rule, with its 95% Student-t interval; a learning rate enters a verdict only when
/// both arms are comparable (at least half of their seeds met the stop rule) and it has at least
/// `PairedDifference.minimumPairs` pairs.
/// - "smaller" claims: `supported` when some learning rate's interval is below 0 and none is above
///   0; `not supported` when some is above 0 and none below; `inconclusive` otherwise (every
///   interval contains 0, or they disagree).
/// - "unchanged" claims (size): a learning rate agrees when the mean difference is within the SSGD
///   arm's seed-to-seed std or the interval contains 0; `supported` when every comparable learning
///   rate agrees, `not supported` when one has an interval that excludes 0 with a difference larger
///   than that std.
extension LearnerStudy {
    public func claims() -> [LearnerClaim] {
        var out = [gapClaim(), sharpnessClaim(), sizeClaim()]
        if let c = bestRateClaim() { out.append(c) }
        if let c = noiseClaim() { out.append(c) }
        return out
    }

    func rows(_ q: RunQuantity, expectNegative: Bool?) -> [LearnerClaim.Row] {
        learningRatePairs.map { s, d in
            let diff = paired(q, d, s)
            let comparable = isComparable(s) && isComparable(d)
            let (v, why): (Verdict, String)
            if let negative = expectNegative {
                (v, why) = diff.verdict(expectNegative: negative)
            } else {
                (v, why) = Self.unchangedVerdict(diff)
            }
            return LearnerClaim.Row(label: "η = \(NumberFormat.compact(s.learningRate))", difference: diff,
                                    verdict: comparable ? v : .inconclusive,
                                    reason: comparable ? why : "not comparable (fewer than half of the seeds met the stop rule)",
                                    comparable: comparable,
                                    convergence: "SSGD \(convergenceText(s)), DPSGD \(convergenceText(d))")
        }
    }

    static func unchangedVerdict(_ d: PairedDifference) -> (Verdict, String) {
        guard d.count >= PairedDifference.minimumPairs, let ci = d.interval else {
            return (.inconclusive, "\(d.count) converged pairs (at least \(PairedDifference.minimumPairs) needed)")
        }
        let spread = "SSGD seed std \(NumberFormat.significant(d.referenceSpread))"
        if ci.contains(0) { return (.supported, "95% CI contains 0") }
        if d.withinSeedSpread { return (.supported, "CI excludes 0 but |difference| ≤ \(spread)") }
        return (.notSupported, "CI excludes 0 and |difference| > \(spread)")
    }

    /// Combines per-learning-rate verdicts of a "smaller" claim.
    static func combineSmaller(_ rows: [LearnerClaim.Row]) -> (Verdict, String) {
        let c = rows.filter(\.enters)
        guard !c.isEmpty else {
            return (.inconclusive, "no learning rate where both arms are comparable with at least \(PairedDifference.minimumPairs) converged pairs")
        }
        let yes = c.filter { $0.verdict == .supported }.map(\.label)
        let no = c.filter { $0.verdict == .notSupported }.map(\.label)
        switch (yes.isEmpty, no.isEmpty) {
        case (false, true): return (.supported, "95% CI below 0 at \(yes.joined(separator: ", ")); above 0 nowhere")
        case (true, false): return (.notSupported, "95% CI above 0 (opposite) at \(no.joined(separator: ", ")); below 0 nowhere")
        case (false, false): return (.inconclusive, "below 0 at \(yes.joined(separator: ", ")), above 0 at \(no.joined(separator: ", "))")
        case (true, true): return (.inconclusive, "every 95% CI contains 0 (\(c.count) comparable learning rates)")
        }
    }

    func gapClaim() -> LearnerClaim {
        let r = rows(.measuredGap, expectNegative: true)
        let (v, why) = Self.combineSmaller(r)
        return LearnerClaim(claim: "DPSGD: smaller gap than SSGD at the same total batch and learning rate",
                            statistic: "ring DPSGD − SSGD of L_test − L_train, paired by seed", rows: r, verdict: v, reason: why)
    }

    func sharpnessClaim() -> LearnerClaim {
        let r = rows(.sharpness, expectNegative: true)
        let (v, why) = Self.combineSmaller(r)
        return LearnerClaim(claim: "… through sharpness (Σ σ_g lower)",
                            statistic: "ring DPSGD − SSGD of Σ_n σ_g,n, paired by seed", rows: r, verdict: v, reason: why)
    }

    func sizeClaim() -> LearnerClaim {
        let size = rows(.size, expectNegative: nil).map { row -> LearnerClaim.Row in var x = row; x.label += ", Σ σ_w"; return x }
        let norm = rows(.layerNorm, expectNegative: nil).map { row -> LearnerClaim.Row in var x = row; x.label += ", |W|_F"; return x }
        let all = zip(size, norm).flatMap { [$0, $1] }
        let c = all.filter(\.enters)
        let (v, why): (Verdict, String)
        if c.isEmpty {
            (v, why) = (.inconclusive, "no learning rate where both arms are comparable with at least \(PairedDifference.minimumPairs) converged pairs")
        } else if let bad = c.first(where: { $0.verdict == .notSupported }) {
            (v, why) = (.notSupported, "changed at \(c.filter { $0.verdict == .notSupported }.map(\.label).joined(separator: "; ")): \(bad.reason)")
        } else {
            (v, why) = (.supported, "within the seed spread at every learning rate that enters (\(Set(c.map { $0.label.components(separatedBy: ",")[0] }).count))")
        }
        return LearnerClaim(claim: "… without changing size (Σ σ_w and the weight norm within the seed spread)",
                            statistic: "ring DPSGD − SSGD of Σ_n σ_w,n and of the analysed layer's |W|_F, paired by seed",
                            rows: all, verdict: v, reason: why)
    }

    /// The gap at each arm's own best learning rate (lowest mean test loss among its comparable points).
    func bestRateClaim() -> LearnerClaim? {
        let pairs = learningRatePairs
        guard !pairs.isEmpty else { return nil }
        let claim = "… and the edge survives when each arm uses its own best learning rate"
        guard let s = best(of: pairs.map(\.ssgd)), let d = best(of: pairs.map(\.dpsgd)) else {
            return LearnerClaim(claim: claim, statistic: "at each arm's lowest mean test loss", rows: [], verdict: .inconclusive,
                                reason: "an arm has no comparable learning rate")
        }
        func row(_ q: RunQuantity, _ name: String) -> LearnerClaim.Row {
            let diff = paired(q, d, s)
            let (v, why) = diff.verdict(expectNegative: true)
            return LearnerClaim.Row(label: "\(name): DPSGD η = \(NumberFormat.compact(d.learningRate)) vs SSGD η = \(NumberFormat.compact(s.learningRate))",
                                    difference: diff, verdict: v, reason: why, comparable: true,
                                    convergence: "SSGD \(convergenceText(s)), DPSGD \(convergenceText(d))")
        }
        let gap = row(.measuredGap, "gap"), test = row(.testLoss, "test loss")
        return LearnerClaim(claim: claim, statistic: "DPSGD at its best η − SSGD at its best η (lowest mean L_test), paired by seed",
                            rows: [gap, test], verdict: gap.verdict, reason: "gap: " + gap.reason)
    }

    /// Whether SSGD with isotropic noise of DPSGD's consensus size reproduces DPSGD's gap reduction.
    func noiseClaim() -> LearnerClaim? {
        let noisy = noiseArms
        guard !noisy.isEmpty else { return nil }
        var rows: [LearnerClaim.Row] = []
        var reproduced = false, dpsgdEdge = false, unresolved: [String] = []
        for rate in Array(Set(noisy.map(\.learningRate))).sorted() {
            guard let s = ssgdArms.first(where: { a in a.learningRate == rate && noisy.contains { $0.totalBatch == a.totalBatch } }) else { continue }
            let d = LearnerArm(algorithm: .dpsgd, topology: .ring, learners: s.learners, batchSize: s.batchSize, learningRate: rate)
            if arms[d] != nil {
                let diff = paired(.measuredGap, d, s)
                let (v, why) = diff.verdict(expectNegative: true)
                let row = LearnerClaim.Row(label: "ring DPSGD − SSGD, η = \(NumberFormat.compact(rate))", difference: diff, verdict: v,
                                           reason: why, comparable: isComparable(s) && isComparable(d),
                                           convergence: "SSGD \(convergenceText(s)), DPSGD \(convergenceText(d))")
                dpsgdEdge = dpsgdEdge || (row.enters && v == .supported)
                rows.append(row)
            }
            for n in noisy where n.learningRate == rate {
                let diff = paired(.measuredGap, n, s)
                let (v, why) = diff.verdict(expectNegative: true)
                let row = LearnerClaim.Row(label: "SSGD + noise E|ξ|² = \(NumberFormat.compact(n.learnerNoise)) − SSGD, η = \(NumberFormat.compact(rate))",
                                           difference: diff, verdict: v, reason: why, comparable: isComparable(s) && isComparable(n),
                                           convergence: "SSGD \(convergenceText(s)), noise \(convergenceText(n))")
                if row.enters { reproduced = reproduced || v == .supported } else { unresolved.append(row.label) }
                rows.append(row)
            }
        }
        let (v, why): (Verdict, String)
        if !unresolved.isEmpty && !reproduced {
            (v, why) = (.inconclusive, "not comparable or too few converged pairs: \(unresolved.joined(separator: "; "))")
        } else if reproduced {
            (v, why) = (.notSupported, "isotropic noise of that size lowers the gap too (95% CI below 0)")
        } else if dpsgdEdge {
            (v, why) = (.supported, "DPSGD's gap is lower (CI below 0); no noise level's CI is")
        } else {
            (v, why) = (.inconclusive, "DPSGD has no resolved gap reduction at this learning rate, and the noise none either")
        }
        return LearnerClaim(claim: "… through landscape-dependent noise: isotropic noise of DPSGD's consensus size does not reproduce it",
                            statistic: "gap differences against SSGD at the same η and total batch, paired by seed",
                            rows: rows, verdict: v, reason: why)
    }
}
