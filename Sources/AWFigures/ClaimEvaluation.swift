import AWArchive

/// Computes every claim of PAPER.md section 8 and the identities of sections 2 and 4 from
/// records. Nothing is hand-written: each verdict follows `Verdict`'s rule from the numbers.
public enum ClaimEvaluation {
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

    /// One trend claim on one manifest's non-diverged runs, computed on the comparable ones: runs
    /// that met the stop rule, at sweep points where at least half of the seeds did (a point with
    /// fewer is not comparable and left out of the trend). The statistic on all runs, and what was
    /// excluded, are reported beside the verdict.
    public static func trend(claim: Claim, manifest: String, parameter: SweptParameter, records: [RunRecord]) -> ClaimResult {
        var runs: [(x: Double, y: Double, record: RunRecord)] = []
        for r in records where !r.isDiverged {
            guard let s = r.sweptValues[parameter.keyPath], let x = claim.xValue(s), let y = claim.responseValue(r) else { continue }
            runs.append((x, y, r))
        }
        // Points by swept value: comparable when at least half of the seeds converged.
        let byPoint = Dictionary(grouping: runs, by: { $0.x.bitPattern })
        var notComparable: [String] = [], notFitted: [String] = []
        var used: [(x: Double, y: Double)] = []
        var unconvergedAtComparable = 0
        for key in byPoint.keys.sorted(by: { Double(bitPattern: $0) < Double(bitPattern: $1) }) {
            let point = byPoint[key]!
            let converged = point.filter { $0.record.metStopRule }
            let label = parameter.textLegend(point[0].record.sweptValues[parameter.keyPath] ?? Double(bitPattern: key))
            let unfit = point.filter { $0.record.didNotFit }.count
            if unfit * 2 > point.count {
                let losses = point.compactMap { $0.record.metrics?.trainLoss }.sorted()
                notFitted.append("\(label) (\(unfit) of \(point.count) seeds end with L_train above \(NumberFormat.significant(RunRecord.notFittedFactor)) × stop_loss, "
                                 + "median \(NumberFormat.significant(losses[losses.count / 2])))")
            }
            if !RunRecord.isComparablePoint(converged: converged.count, of: point.count) {
                notComparable.append("\(label) (\(converged.count) of \(point.count) seeds converged)")
            } else {
                used += converged.map { ($0.x, $0.y) }
                unconvergedAtComparable += point.count - converged.count
            }
        }
        let statistic = claim.statisticDescription(symbol: parameter.textSymbol)
        let excluded = runs.count - used.count
        var words: [String] = []
        if !notComparable.isEmpty {
            words.append("not comparable, left out of the trend (fewer than half of the seeds met the stop rule): " + notComparable.joined(separator: "; "))
        }
        if unconvergedAtComparable > 0 {
            words.append("\(unconvergedAtComparable) unconverged run\(unconvergedAtComparable == 1 ? "" : "s") at comparable points left out")
        }
        if !notFitted.isEmpty { words.append("the network did not fit at " + notFitted.joined(separator: "; ")) }
        var allRuns: String?
        if excluded > 0 {
            let xs = runs.map(\.x), ys = runs.map(\.y)
            if let all = LinearRegression.fit(x: xs, y: ys) {
                allRuns = "\(NumberFormat.significant(all.slope)) [\(NumberFormat.significant(all.slopeLower)), \(NumberFormat.significant(all.slopeUpper))] (n = \(all.n))"
            }
        }
        func result(value: Double, lower: Double? = nil, upper: Double? = nil, n: Int, verdict: Verdict, reason: String) -> ClaimResult {
            var r = ClaimResult(id: claim.id, kind: .trend, claim: claim.statement, manifest: manifest, statistic: statistic,
                                value: value, lower: lower, upper: upper, n: n, verdict: verdict, reason: reason)
            r.excluded = excluded
            r.allRunsValue = allRuns
            r.comparability = words.isEmpty ? nil : words.joined(separator: "; ")
            return r
        }
        guard let fit = LinearRegression.fit(x: used.map(\.x), y: used.map(\.y)) else {
            let why = LinearRegression.insufficiency(x: used.map(\.x), y: used.map(\.y)) ?? "no fit"
            return result(value: .nan, n: used.count, verdict: .inconclusive,
                          reason: "too few comparable points: \(why)" + (excluded > 0 ? " (\(excluded) of \(runs.count) runs excluded)" : ""))
        }
        let (verdict, reason) = Verdict.forInterval(lower: fit.slopeLower, upper: fit.slopeUpper,
                                                    expectPositive: claim.expected == .increases)
        return result(value: fit.slope, lower: fit.slopeLower, upper: fit.slopeUpper, n: fit.n, verdict: verdict,
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

    /// One row per identity, each run judged by `IdentityCheck` (the same checks and tolerance
    /// rule as `awd verify`).
    static func identities(records: [RunRecord]) -> [ClaimResult] {
        IdentityCheck.Identity.allCases.map { identity(records: records, $0) }
    }

    /// The words of each identity's row.
    static func wording(_ identity: IdentityCheck.Identity) -> (claim: String, statistic: String, tolerance: String, missing: String) {
        let rule = "1e-4 (float32) or 1e-9 (float64)"
        switch identity {
        case .duality:
            return ("Duality: l(test; W) = l(train; W + ΔW) for every pair (section 2)",
                    "max over runs and pairs of |l(test; W) − l(train; W + ΔW)|",
                    "per run: \(rule) × max(1, max_k l(test_k))", "no analysed run")
        case .decomposition:
            return ("Decomposition: mean_k ΔL_k = Σ_n (μ_g μ_w + c σ_g σ_w) (section 4)",
                    "max over runs of |estimated gap − (Σ c σ_g σ_w + Σ μ_g μ_w)| (stored totals and per-direction terms) and |estimated gap − mean_k ΔL_k|",
                    "per run: \(rule) × max(1, |Σ cσσ| + |Σ μμ|)", "no analysed run")
        case .estimate:
            return ("Estimated gap ≈ measured gap, within about the final train loss (section 4)",
                    "max over runs of |estimated − measured gap|",
                    "per run: |Δ| ≤ max(L_train, mean_k l(train_k)) + \(rule) × max(1, that bound)",
                    "no analysed run with metrics")
        case .trainOffset:
            return ("Estimated − measured gap = L_train − mean_k l(train_k) (test→train pairing, section 4)",
                    "max over runs of |(est − meas) − (L_train − mean_k l(train_k))|",
                    "per run: \(rule) × max(1, L_test, L_train, mean_k l(train_k))",
                    "no analysed run with test→train pairing")
        }
    }

    /// The row of one identity over `records`: supported when every run that has the fields passes.
    static func identity(records: [RunRecord], _ identity: IdentityCheck.Identity) -> ClaimResult {
        let words = wording(identity)
        let id = "identity.\(identity.rawValue)"
        let checked = records.compactMap { r in IdentityCheck.check(identity, r).map { (r, $0) } }
        guard !checked.isEmpty else {
            return ClaimResult(id: id, kind: .identity, claim: words.claim, manifest: "all runs", statistic: words.statistic,
                               value: .nan, tolerance: words.tolerance, n: 0, verdict: .inconclusive, reason: words.missing)
        }
        let failures = checked.filter { !$0.1.passed }.count
        let worst = checked.map(\.1.deviation).max()!
        var reason = failures == 0 ? "all \(checked.count) runs within tolerance" : "\(failures) of \(checked.count) runs outside tolerance"
        if identity == .estimate {
            let ratio = checked.compactMap { r, c in (r.metrics?.trainLoss).flatMap { $0 > 0 ? c.deviation / $0 : nil } }.max() ?? 0
            reason += "; max |Δ| / L_train = \(NumberFormat.significant(ratio))"
        }
        return ClaimResult(id: id, kind: .identity, claim: words.claim, manifest: "all runs", statistic: words.statistic,
                           value: worst, tolerance: words.tolerance, n: checked.count,
                           verdict: failures == 0 ? .supported : .notSupported, reason: reason)
    }
}
