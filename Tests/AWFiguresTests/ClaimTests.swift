import AWArchive
import Foundation
import Testing
@testable import AWFigures

@Suite("Claims, verdicts and the report")
struct ClaimTests {
    @Test("Verdict rule on intervals")
    func verdictRule() {
        #expect(Verdict.forInterval(lower: 0.1, upper: 0.3, expectPositive: true).0 == .supported)
        #expect(Verdict.forInterval(lower: 0.1, upper: 0.3, expectPositive: false).0 == .notSupported)
        #expect(Verdict.forInterval(lower: -0.3, upper: -0.1, expectPositive: false).0 == .supported)
        #expect(Verdict.forInterval(lower: -0.3, upper: -0.1, expectPositive: true).0 == .notSupported)
        #expect(Verdict.forInterval(lower: -0.1, upper: 0.3, expectPositive: true).0 == .inconclusive)
        #expect(Verdict.forInterval(lower: .nan, upper: 0.3, expectPositive: true).0 == .inconclusive)
    }

    func batchClaim() -> Claim { Claim.paperClaims.first { $0.id == "batch_size.gap" }! }

    func batchRecords(gap: (Double, Int) -> Double) -> [RunRecord] {
        var out: [RunRecord] = []
        for b in [25.0, 100, 200, 400] {
            for r in 0..<5 {
                var rec = SyntheticRecords.record(manifest: "b", swept: ["training.batch_size": b], replicate: Int64(r),
                                                  sharpness: 1, size: 1)
                rec.metrics!.gap = gap(b, r)
                out.append(rec)
            }
        }
        return out
    }

    @Test("Gap rising with log B supports 'larger batch: gap up'; falling gap contradicts it; noise is inconclusive")
    func trendVerdicts() {
        let p = SweptParameter(keyPath: "training.batch_size")
        let up = ClaimEvaluation.trend(claim: batchClaim(), manifest: "b", parameter: p,
                                       records: batchRecords { b, r in 0.1 + 0.05 * log10(b) + 0.002 * Double(r % 3) })
        #expect(up.verdict == .supported)
        #expect(abs(up.value - 0.05) < 2e-3 && up.n == 20 && up.lower! > 0)

        let down = ClaimEvaluation.trend(claim: batchClaim(), manifest: "b", parameter: p,
                                         records: batchRecords { b, r in 0.3 - 0.05 * log10(b) + 0.002 * Double(r % 3) })
        #expect(down.verdict == .notSupported && down.upper! < 0)

        // Pure noise, symmetric around a constant, identical pattern at every B: slope exactly 0.
        let flat = ClaimEvaluation.trend(claim: batchClaim(), manifest: "b", parameter: p,
                                         records: batchRecords { _, r in 0.2 + 0.01 * Double(r - 2) })
        #expect(flat.verdict == .inconclusive)
        #expect(abs(flat.value) < 1e-12 && flat.lower! < 0 && flat.upper! > 0)

        // Deterministic pseudo-noise with no trend: interval contains 0.
        var noise = SyntheticRecords.Noise(state: 42)
        let noisy = ClaimEvaluation.trend(claim: batchClaim(), manifest: "b", parameter: p,
                                          records: batchRecords { _, _ in 0.2 + 0.0001 * noise.normal() })
        #expect(noisy.verdict == .inconclusive, "\(noisy.valueText)")

        // Too few points.
        let few = ClaimEvaluation.trend(claim: batchClaim(), manifest: "b", parameter: p,
                                        records: Array(batchRecords { b, _ in log10(b) }.prefix(2)))
        #expect(few.verdict == .inconclusive && few.reason.contains("too few"))
    }

    @Test("Trend verdicts rest on converged runs; a point with fewer than half converged is left out; all-runs value beside")
    func unconvergedRunsAreExcluded() {
        let p = SweptParameter(keyPath: "training.batch_size")
        var records = batchRecords { b, r in 0.1 + 0.05 * log10(b) + 0.002 * Double(r % 3) }
        for i in records.indices {
            let b = records[i].sweptValues["training.batch_size"]!, r = records[i].replicate
            // B = 400: 4 of 5 seeds at the epoch bound (not comparable); B = 200: one of 5.
            if (b == 400 && r > 0) || (b == 200 && r == 0) {
                records[i].training.stopReason = .maxEpochs
                records[i].metrics!.gap = 5 - log10(b)  // far off the trend: must not enter the verdict
            }
        }
        let t = ClaimEvaluation.trend(claim: batchClaim(), manifest: "b", parameter: p, records: records)
        #expect(t.n == 14 && t.excluded == 6)
        #expect(t.verdict == .supported && abs(t.value - 0.05) < 3e-3, "\(t.valueText)")
        #expect(t.allRunsValue?.hasSuffix("(n = 20)") == true)
        #expect(t.comparability?.contains("B = 400 (1 of 5 seeds converged)") == true, "\(t.comparability ?? "nil")")
        #expect(t.comparability?.contains("1 unconverged run at comparable points left out") == true)
        // Every run converged: nothing excluded, no note, the same numbers as before.
        let clean = ClaimEvaluation.trend(claim: batchClaim(), manifest: "b", parameter: p,
                                          records: batchRecords { b, r in 0.1 + 0.05 * log10(b) + 0.002 * Double(r % 3) })
        #expect(clean.n == 20 && clean.excluded == 0 && clean.allRunsValue == nil && clean.comparability == nil)
        // A point whose networks did not fit (L_train far above stop_loss) is named as such.
        var unfit = batchRecords { b, r in 0.1 + 0.05 * log10(b) + 0.002 * Double(r % 3) }
        for i in unfit.indices where unfit[i].sweptValues["training.batch_size"] == 25 {
            unfit[i].config = #"{"training":{"stop_loss":0.001}}"#
            unfit[i].metrics!.trainLoss = 0.59
            unfit[i].training.stopReason = .maxEpochs
        }
        let u = ClaimEvaluation.trend(claim: batchClaim(), manifest: "b", parameter: p, records: unfit)
        #expect(u.comparability?.contains("the network did not fit at B = 25 (5 of 5 seeds") == true, "\(u.comparability ?? "nil")")
        #expect(u.n == 15 && u.excluded == 5)
        let report = ReproductionReport.markdownTable([u])
        #expect(report.contains("| 15 (5) |") && report.contains("(n = 20)"))
    }

    @Test("Dropout claim uses moderate rates only (d <= 0.2)")
    func dropoutRange() {
        let claim = Claim.paperClaims.first { $0.id == "dropout.gap" }!
        var rs: [RunRecord] = []
        for d in [0.0, 0.05, 0.1, 0.2, 0.3] {
            for r in 0..<3 {
                var rec = SyntheticRecords.record(manifest: "d", swept: ["training.dropout": d], replicate: Int64(r), sharpness: 1, size: 1)
                // Down until 0.2, then a large jump up at 0.3 (would flip a full-range slope).
                rec.metrics!.gap = d <= 0.2 ? 0.3 - d + 0.001 * Double(r) : 2.0
                rs.append(rec)
            }
        }
        let res = ClaimEvaluation.trend(claim: claim, manifest: "d", parameter: SweptParameter(keyPath: "training.dropout"), records: rs)
        #expect(res.n == 12 && res.verdict == .supported && abs(res.value + 1) < 1e-2)
    }

    @Test("Paper-like records: every section 8 claim supported, identities hold")
    func paperLike() throws {
        let results = ReproductionReport.evaluate(records: SyntheticRecords.paperLike())
        for claim in Claim.paperClaims {
            let rows = results.filter { $0.id == claim.id }
            #expect(rows.count == 1, "\(claim.id)")
            #expect(rows.first?.verdict == .supported, "\(claim.id): \(rows.first.map { "\($0.valueText) \($0.reason)" } ?? "")")
        }
        for id in ["identity.duality", "identity.decomposition", "identity.estimate", "identity.train_offset"] {
            let r = try #require(results.first { $0.id == id })
            #expect(r.verdict == .supported, "\(id): \(r.valueText) \(r.reason)")
            #expect(r.n == SyntheticRecords.paperLike().count)
        }
        let corr = results.filter { $0.id == "size_norm.correlation" }
        #expect(corr.count == 3)   // init scale, weight decay, pooled
        #expect(corr.allSatisfy { $0.verdict == .supported })
    }

    @Test("Missing sweeps give an inconclusive row; broken identities are not supported")
    func missingAndBroken() throws {
        var rs = SyntheticRecords.sweep(manifest: "only-batch", key: "training.batch_size", values: [25, 100, 400], seeds: 3,
                                        sharpness: { 1 + log10($0) }, size: { _ in 1 })
        rs[0].analysis!.pairDualLoss[3] += 0.01        // breaks the duality in one run
        rs[1].analysis!.estimatedGap += 0.5            // breaks the decomposition and the estimate
        let results = ReproductionReport.evaluate(records: rs)
        let lr = try #require(results.first { $0.id == "learning_rate.gap" })
        #expect(lr.verdict == .inconclusive && lr.n == 0 && lr.manifest == "—")
        let duality = try #require(results.first { $0.id == "identity.duality" })
        #expect(duality.verdict == .notSupported && abs(duality.value - 0.01) < 1e-6 && duality.reason.hasPrefix("1 of 9"))
        #expect(results.first { $0.id == "identity.decomposition" }?.verdict == .notSupported)
        #expect(results.first { $0.id == "identity.estimate" }?.verdict == .notSupported)
        #expect(results.first { $0.id == "identity.train_offset" }?.verdict == .notSupported)
    }

    @Test("Contradicting data are reported as such")
    func contradiction() throws {
        // Gap FALLS with batch size here.
        let rs = SyntheticRecords.sweep(manifest: "mnist-batch_size", key: "training.batch_size", values: [25, 100, 200, 400],
                                        seeds: 4, sharpness: { 3 - log10($0) }, size: { _ in 1 })
        let results = ReproductionReport.evaluate(records: rs)
        let gap = try #require(results.first { $0.id == "batch_size.gap" })
        #expect(gap.verdict == .notSupported && gap.value < 0)
        let md = ReproductionReport.build(records: rs, figuresDirectory: ".")
        #expect(md.contains("### Where the data contradict the paper"))
        #expect(md.contains("- **Larger batch: gap up** (`mnist-batch_size`)"))
    }

    @Test("Report mentions every claim, has the results table, sweeps and figure links")
    func report() {
        var rs = SyntheticRecords.paperLike(seeds: 3)
        rs.append(SyntheticRecords.record(manifest: "mnist-batch_size", swept: ["training.batch_size": 400], replicate: 9,
                                          sharpness: 1, size: 1, status: .diverged))
        let md = ReproductionReport.build(records: rs, figuresDirectory: "figs")
        #expect(md.hasPrefix("# Reproduction report"))
        #expect(md.contains("| Claim | Manifest | Statistic | Value [95% CI] | n runs (excluded) | All runs | Verdict | Why |"))
        #expect(md.contains("### Comparability") && md.contains("Every run of every trend met the stop rule."))
        for claim in Claim.paperClaims { #expect(md.contains(claim.statement), "\(claim.statement)") }
        for id in ["Duality:", "Decomposition:", "Estimated gap ≈ measured gap", "Size grows with"] { #expect(md.contains(id)) }
        #expect(md.contains("Diverged runs skipped: 1"))
        #expect(md.contains("replicate 9, status diverged"))
        #expect(md.contains("![") && md.contains("(figs/mnist-batch_size-gap.png)"))
        #expect(md.contains("(figs/overview-duality.png)"))
        #expect(md.contains("| B = 25 | 3 |"))
        // The table rows are exactly the structured results.
        let rows = md.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains("**") }
        #expect(rows.count == ReproductionReport.evaluate(records: rs).count)
    }
}
