import AWArchive

/// Computes every claim of PAPER.md section 8 and the identities of sections 2 and 4 from
/// records. Nothing is hand-written: each verdict follows `Verdict`'s rule from the numbers.
public enum ClaimEvaluation {
    /// Relative tolerance of the identities by the runs' floating-point type.
    public static func relativeTolerance(dtype: String) -> Double { dtype == "float64" ? 1e-9 : 1e-4 }

    /// All results: the section 8 claims (one row per manifest sweeping the parameter, or one
    /// inconclusive row when no manifest does), size vs weight norm, then the identities.
    public static func evaluate(records: [RunRecord]) -> [ClaimResult] {
        let usable = records.filter { !$0.isDiverged }
        var results: [ClaimResult] = []
        let byManifest = Dictionary(grouping: usable, by: \.manifest)
        // Manifests sweeping exactly one parameter, by kind.
        var sweeps: [SweptParameter.Kind: [(manifest: String, parameter: SweptParameter)]] = [:]
        for name in byManifest.keys.sorted() {
            let all = records.filter { $0.manifest == name }
            let keys = Set(all.flatMap { $0.sweptValues.keys })
            guard keys.count == 1, all.allSatisfy({ $0.sweptCategories.isEmpty }) else { continue }
            let p = SweptParameter(keyPath: keys.first!)
            sweeps[p.kind, default: []].append((name, p))
        }
        for claim in Claim.paperClaims {
            let targets = sweeps[claim.parameter] ?? []
            if targets.isEmpty {
                let p = SweptParameter(keyPath: claim.parameter.rawValue)
                results.append(ClaimResult(
                    id: claim.id, kind: .trend, claim: claim.statement, manifest: "—",
                    statistic: claim.statisticDescription(symbol: p.textSymbol), value: .nan, n: 0,
                    verdict: .inconclusive, reason: "no manifest among the records sweeps \(p.name) alone"))
                continue
            }
            for t in targets {
                results.append(trend(claim: claim, manifest: t.manifest, parameter: t.parameter, records: byManifest[t.manifest]!))
            }
        }
        results += sizeNormCorrelations(sweeps: sweeps, byManifest: byManifest)
        results += identities(records: usable)
        return results
    }

    /// One trend claim on one manifest's non-diverged runs.
    public static func trend(claim: Claim, manifest: String, parameter: SweptParameter, records: [RunRecord]) -> ClaimResult {
        var xs: [Double] = [], ys: [Double] = []
        for r in records where !r.isDiverged {
            guard let s = r.sweptValues[parameter.keyPath], let x = claim.xValue(s), let y = claim.responseValue(r) else { continue }
            xs.append(x); ys.append(y)
        }
        let statistic = claim.statisticDescription(symbol: parameter.textSymbol)
        guard let fit = LinearRegression.fit(x: xs, y: ys) else {
            let why = LinearRegression.insufficiency(x: xs, y: ys) ?? "no fit"
            return ClaimResult(id: claim.id, kind: .trend, claim: claim.statement, manifest: manifest, statistic: statistic,
                               value: .nan, n: xs.count, verdict: .inconclusive, reason: "too few points: \(why)")
        }
        let (verdict, reason) = Verdict.forInterval(lower: fit.slopeLower, upper: fit.slopeUpper,
                                                    expectPositive: claim.expected == .increases)
        return ClaimResult(id: claim.id, kind: .trend, claim: claim.statement, manifest: manifest, statistic: statistic,
                           value: fit.slope, lower: fit.slopeLower, upper: fit.slopeUpper, n: fit.n, verdict: verdict,
                           reason: reason + " (t\(fit.degreesOfFreedom) = \(NumberFormat.significant(fit.tQuantile, 4)))")
    }

    static let sizeNormClaim = "Size grows with the analysed layer's weight norm (section 4)"

    /// Pearson r of sum sigma_w vs |W|_F over each init-scale and weight-decay sweep, and pooled.
    static func sizeNormCorrelations(sweeps: [SweptParameter.Kind: [(manifest: String, parameter: SweptParameter)]],
                                     byManifest: [String: [RunRecord]]) -> [ClaimResult] {
        let targets = (sweeps[.initScale] ?? []) + (sweeps[.weightDecay] ?? [])
        var out: [ClaimResult] = []
        var pooled: [RunRecord] = []
        for t in targets.sorted(by: { $0.manifest < $1.manifest }) {
            let rs = byManifest[t.manifest]!
            pooled += rs
            out.append(correlation(manifest: t.manifest, records: rs))
        }
        if targets.count > 1 { out.append(correlation(manifest: "all init-scale and weight-decay runs", records: pooled)) }
        if targets.isEmpty {
            out.append(ClaimResult(id: "size_norm.correlation", kind: .correlation, claim: sizeNormClaim, manifest: "—",
                                   statistic: "Pearson r of Σ σ_w vs |W|_F", value: .nan, n: 0, verdict: .inconclusive,
                                   reason: "no init-scale or weight-decay sweep among the records"))
        }
        return out
    }

    static func correlation(manifest: String, records: [RunRecord]) -> ClaimResult {
        var xs: [Double] = [], ys: [Double] = []
        for r in records where !r.isDiverged {
            if let x = RunQuantity.layerNorm.value(of: r), let y = RunQuantity.size.value(of: r) { xs.append(x); ys.append(y) }
        }
        let statistic = "Pearson r of Σ σ_w vs |W|_F"
        guard let pc = PearsonCorrelation.compute(x: xs, y: ys) else {
            return ClaimResult(id: "size_norm.correlation", kind: .correlation, claim: sizeNormClaim, manifest: manifest,
                               statistic: statistic, value: .nan, n: xs.count, verdict: .inconclusive,
                               reason: "too few points: " + (PearsonCorrelation.insufficiency(x: xs, y: ys) ?? "no correlation"))
        }
        let (verdict, reason) = Verdict.forInterval(lower: pc.lower, upper: pc.upper, expectPositive: true)
        return ClaimResult(id: "size_norm.correlation", kind: .correlation, claim: sizeNormClaim, manifest: manifest,
                           statistic: statistic, value: pc.r, lower: pc.lower, upper: pc.upper, n: pc.n,
                           verdict: verdict, reason: reason + " (Fisher z)")
    }

    // MARK: - Identities

    static func identities(records: [RunRecord]) -> [ClaimResult] {
        let analysed = records.filter { $0.analysis != nil }
        return [duality(analysed), decomposition(analysed), estimateVsMeasured(analysed), trainLossOffset(analysed)]
    }

    static func identityResult(id: String, claim: String, statistic: String, tolerance: String,
                               value: Double, n: Int, failures: Int, missingReason: String) -> ClaimResult {
        if n == 0 {
            return ClaimResult(id: id, kind: .identity, claim: claim, manifest: "all runs", statistic: statistic,
                               value: .nan, tolerance: tolerance, n: 0, verdict: .inconclusive, reason: missingReason)
        }
        let verdict: Verdict = failures == 0 ? .supported : .notSupported
        let reason = failures == 0 ? "all \(n) runs within tolerance" : "\(failures) of \(n) runs outside tolerance"
        return ClaimResult(id: id, kind: .identity, claim: claim, manifest: "all runs", statistic: statistic,
                           value: value, tolerance: tolerance, n: n, verdict: verdict, reason: reason)
    }

    /// l(test; W) = l(train; W + dW) for every pair: max residual over runs (archived maximum and
    /// the per-pair losses, whichever is larger); per run tolerance rtol * max(1, max_k l(test_k)).
    static func duality(_ rs: [RunRecord]) -> ClaimResult {
        var worst = 0.0, n = 0, failures = 0
        for r in rs {
            let a = r.analysis!
            var residual = a.dualityResidualMax.isFinite ? a.dualityResidualMax : -1
            var scale = 1.0
            if a.pairTestLoss.count == a.pairDualLoss.count {
                for (t, d) in zip(a.pairTestLoss, a.pairDualLoss) {
                    residual = max(residual, abs(t - d).isNaN ? .infinity : abs(t - d))
                    scale = max(scale, abs(t))
                }
            }
            guard residual >= 0 else { continue }
            n += 1
            worst = max(worst, residual)
            if residual > relativeTolerance(dtype: r.model.dtype) * scale { failures += 1 }
        }
        return identityResult(id: "identity.duality", claim: "Duality: l(test; W) = l(train; W + ΔW) for every pair (section 2)",
                              statistic: "max over runs and pairs of |l(test; W) − l(train; W + ΔW)|",
                              tolerance: "per run: 1e-4 (float32) or 1e-9 (float64) × max(1, max_k l(test_k))",
                              value: worst, n: n, failures: failures, missingReason: "no analysed run")
    }

    /// mean_k Dl_k = sum_n (mu_g mu_w + c sigma_g sigma_w): |estimated − (covariance total + mean total)|.
    static func decomposition(_ rs: [RunRecord]) -> ClaimResult {
        var worst = 0.0, n = 0, failures = 0
        for r in rs {
            let a = r.analysis!
            let d = abs(a.estimatedGap - (a.covarianceTotal + a.meanTotal))
            guard d.isFinite else { n += 1; failures += 1; worst = .infinity; continue }
            n += 1
            worst = max(worst, d)
            let scale = max(1e-3, abs(a.covarianceTotal) + abs(a.meanTotal))
            if d > 10 * relativeTolerance(dtype: r.model.dtype) * scale { failures += 1 }
        }
        return identityResult(id: "identity.decomposition",
                              claim: "Decomposition: mean_k ΔL_k = Σ_n (μ_g μ_w + c σ_g σ_w) (section 4)",
                              statistic: "max over runs of |estimated gap − (Σ c σ_g σ_w + Σ μ_g μ_w)|",
                              tolerance: "per run: 1e-3 (float32) or 1e-8 (float64) × max(1e-3, |Σ cσσ| + |Σ μμ|)",
                              value: worst, n: n, failures: failures, missingReason: "no analysed run")
    }

    /// |estimated − measured| stays within the train-loss term: both L_train and mean_k l(train_k)
    /// are non-negative, so their difference is at most the larger of the two.
    static func estimateVsMeasured(_ rs: [RunRecord]) -> ClaimResult {
        var worst = 0.0, worstRatio = 0.0, n = 0, failures = 0
        for r in rs {
            let a = r.analysis!
            guard let lTrain = r.metrics?.trainLoss, lTrain.isFinite else { continue }
            let meas = r.metrics?.gap ?? a.measuredGap
            let d = abs(a.estimatedGap - meas)
            let pairMean = a.pairTrainLoss.isEmpty ? lTrain : a.pairTrainLoss.reduce(0, +) / Double(a.pairTrainLoss.count)
            let bound = max(lTrain, pairMean)
            n += 1
            worst = max(worst, d)
            if lTrain > 0 { worstRatio = max(worstRatio, d / lTrain) }
            let rtol = relativeTolerance(dtype: r.model.dtype)
            if !(d <= bound * (1 + 10 * rtol) + rtol * 1e-3) { failures += 1 }
        }
        var res = identityResult(id: "identity.estimate", claim: "Estimated gap ≈ measured gap, within about the final train loss (section 4)",
                                 statistic: "max over runs of |estimated − measured gap|",
                                 tolerance: "per run: |Δ| ≤ max(L_train, mean_k l(train_k))",
                                 value: worst, n: n, failures: failures, missingReason: "no analysed run with metrics")
        if n > 0 { res.reason += "; max |Δ| / L_train = \(NumberFormat.significant(worstRatio))" }
        return res
    }

    /// With test -> train pairing over the whole test set, estimated − measured equals exactly
    /// L_train − mean_k l(train_k) (section 4).
    static func trainLossOffset(_ rs: [RunRecord]) -> ClaimResult {
        var worst = 0.0, n = 0, failures = 0
        for r in rs {
            let a = r.analysis!
            guard a.pairing == "test_to_train", let m = r.metrics, !a.pairTrainLoss.isEmpty,
                  a.pairTestLoss.count == r.data.testIndices.count || r.data.testIndices.isEmpty else { continue }
            let pairMean = a.pairTrainLoss.reduce(0, +) / Double(a.pairTrainLoss.count)
            let d = abs((a.estimatedGap - m.gap) - (m.trainLoss - pairMean))
            n += 1
            worst = max(worst, d.isFinite ? d : .infinity)
            let scale = max(1e-3, abs(m.testLoss), abs(m.trainLoss), abs(pairMean))
            if !(d <= 10 * relativeTolerance(dtype: r.model.dtype) * scale) { failures += 1 }
        }
        return identityResult(id: "identity.train_offset",
                              claim: "Estimated − measured gap = L_train − mean_k l(train_k) (test→train pairing, section 4)",
                              statistic: "max over runs of |(est − meas) − (L_train − mean_k l(train_k))|",
                              tolerance: "per run: 1e-3 (float32) or 1e-8 (float64) × max(1e-3, L_test, L_train)",
                              value: worst, n: n, failures: failures, missingReason: "no analysed run with test→train pairing")
    }
}
