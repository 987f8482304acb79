import Foundation
import AWArchive

/// The reproduction report (Markdown), generated from records only: the results table of every
/// claim of PAPER.md section 8 and every identity, the verdict rule, per-sweep tables and the
/// figures. Verdicts come from `ClaimEvaluation`, never from text written here.
public enum ReproductionReport {
    /// The structured results (same rows as the report's table).
    public static func evaluate(records: [RunRecord]) -> [ClaimResult] {
        ClaimEvaluation.evaluate(records: records)
    }

    /// The report. `figuresDirectory` is the path of the figures RELATIVE TO THE REPORT ("" or "."
    /// when they sit beside it); the figures embedded are those `FigureKind.planned` lists, i.e.
    /// the ones `FigureSet.renderAll` writes for the same records.
    public static func build(records: [RunRecord], figuresDirectory: String) -> String {
        let results = evaluate(records: records)
        let aggregates = SweepAggregate.aggregate(records: records)
        let prefix = figuresDirectory.isEmpty || figuresDirectory == "." ? "" :
            (figuresDirectory.hasSuffix("/") ? figuresDirectory : figuresDirectory + "/")
        var md = ""
        func line(_ s: String = "") { md += s + "\n" }

        let diverged = records.filter(\.isDiverged)
        let withoutAnalysis = records.filter { !$0.isDiverged && $0.analysis == nil }.count
        line("# Reproduction report")
        line()
        line("Generated from the run archives alone (\(records.count) runs in \(aggregates.count) manifests: "
             + aggregates.map { "`\($0.manifest)`" }.joined(separator: ", ") + ").")
        line("Diverged runs skipped: \(diverged.count)" + (diverged.isEmpty ? "." : " (listed per sweep below)."))
        if withoutAnalysis > 0 { line("Runs without an analysis section (metrics only): \(withoutAnalysis).") }
        line()
        line("## How the verdicts are computed")
        line()
        line(verdictRule)
        line()
        line("## Results")
        line()
        md += markdownTable(results)
        line()
        line("### Comparability")
        line()
        line("Trend verdicts rest on the runs that met the stop rule, at sweep points where at least half of the seeds did; "
             + "*n runs (excluded)* counts both, *All runs* gives the same statistic on every non-diverged run.")
        line()
        let notes = results.filter { $0.kind == .trend && $0.comparability != nil }
        if notes.isEmpty { line("Every run of every trend met the stop rule.") }
        for r in notes { line("- \(r.claim) (`\(r.manifest)`): \(r.comparability!).") }
        line()
        let against = results.filter { $0.verdict == .notSupported }
        line("### Where the data contradict the paper or the identities")
        line()
        if against.isEmpty {
            line("No computed statistic goes against the claimed direction or breaks an identity.")
        } else {
            for r in against {
                line("- **\(r.claim)** (`\(r.manifest)`): \(r.statistic) = \(r.valueText), n = \(r.n) — \(r.reason).")
            }
        }
        line()
        let open = results.filter { $0.verdict == .inconclusive }
        line("### Inconclusive")
        line()
        if open.isEmpty { line("None.") }
        for r in open { line("- \(r.claim) (`\(r.manifest)`): \(r.reason).") }
        line()

        line("## Sweeps")
        line()
        line("Each table gives the mean ± sample standard deviation (ddof = 1) over the seeds of each swept value; "
             + "`runs` counts the runs averaged (diverged runs excluded).")
        line()
        for agg in aggregates {
            md += sweepSection(agg, prefix: prefix)
        }

        let overview = FigureKind.plannedOverview(for: records)
        if !overview.isEmpty {
            line("## Overview figures")
            line()
            for kind in overview {
                line("![\(kind.caption)](\(prefix)\(kind.baseName(stem: "")).png)")
                line()
                line("*\(kind.caption).*")
                line()
                if kind == .overviewSpectrum { md += densityMethods(records) }
            }
        }
        return md
    }

    /// The verdict rule in words (quoted in the report and in docs/FIGURES.md).
    public static let verdictRule = """
    - **Trends** (section 8): ordinary least squares of the response on the swept value (log₁₀ of it for \
    η, B and N_c) over the runs of the sweep that met the stop rule, at sweep points where at least half of the \
    seeds did (all those seeds, not the means; the Comparability section names what was left out); 95% interval of the \
    slope from Student's t with n − 2 degrees of freedom. *Supported*: the interval excludes 0 on the claimed \
    side. *Not supported*: it excludes 0 on the opposite side (the data contradict the paper). \
    *Inconclusive*: it contains 0, or fewer than 3 runs or fewer than 2 distinct values. \
    "Mainly through sharpness" is the slope of log₁₀(Σσ_g / Σσ_w), i.e. the log-log slope of sharpness \
    minus that of size. "Dropout at moderate rates" uses d ≤ 0.2 only.
    - **Size vs weight norm**: Pearson r of Σσ_w with |W|_F, 95% Fisher-z interval tanh(atanh r ± 1.96/√(n−3)); \
    same rule, claimed sign positive; fewer than 4 runs is inconclusive.
    - **Identities**: checked run by run against the stated tolerance; *supported* when every run passes, \
    *not supported* when any fails, *inconclusive* when no run carries the fields.
    """

    /// The results table: claim, manifest, statistic, value [95% CI], n runs, verdict, and the reason.
    public static func markdownTable(_ results: [ClaimResult]) -> String {
        var md = "| Claim | Manifest | Statistic | Value [95% CI] | n runs (excluded) | All runs | Verdict | Why |\n"
        md += "|---|---|---|---|---:|---|---|---|\n"
        for r in results {
            let value = r.valueText + (r.tolerance.map { " (tolerance \($0))" } ?? "")
            let manifest = r.manifest == "—" ? "—" : "`\(r.manifest)`"
            let n = r.kind == .trend ? "\(r.n) (\(r.excluded))" : "\(r.n)"
            let all = r.allRunsValue ?? (r.kind == .trend ? "same" : "")
            md += "| \(escape(r.claim)) | \(manifest) | \(escape(r.statistic)) | \(escape(value)) | \(n) | \(escape(all)) | **\(r.verdict.rawValue)** | \(escape(r.reason)) |\n"
        }
        return md
    }

    /// Quantities tabulated per sweep point.
    static let tableQuantities: [RunQuantity] = [.measuredGap, .estimatedGap, .covarianceTotal, .sharpPart, .flatPart,
                                                 .sharpness, .size, .testAccuracy, .layerNorm]

    static func sweepSection(_ agg: SweepAggregate, prefix: String) -> String {
        var md = ""
        func line(_ s: String = "") { md += s + "\n" }
        let what = agg.parameters.isEmpty && agg.categoryKeys.isEmpty ? "no swept parameter"
            : (agg.parameters.map { "\($0.name) \($0.textSymbol)" } + agg.categoryKeys).joined(separator: " × ")
        line("### `\(agg.manifest)` — \(what)")
        line()
        line("\(agg.totalRuns) runs, \(agg.divergedRuns.count) diverged"
             + (agg.runsWithoutAnalysis > 0 ? ", \(agg.runsWithoutAnalysis) without analysis" : "") + ".")
        line()
        let quantities = tableQuantities.filter { q in agg.points.contains { $0[q] != nil } }
        line("| point | runs | " + quantities.map { escape($0.textLabel) }.joined(separator: " | ") + " |")
        line("|---|---:|" + quantities.map { _ in "---|" }.joined())
        for p in agg.points {
            let cells = quantities.map { q -> String in
                guard let s = p[q] else { return "—" }
                return s.count > 1 ? "\(NumberFormat.significant(s.mean)) ± \(NumberFormat.significant(s.standardDeviation, 2))"
                                   : NumberFormat.significant(s.mean)
            }
            line("| \(escape(agg.textLegend(p))) | \(p.runCount) | " + cells.joined(separator: " | ") + " |")
        }
        line()
        if !agg.divergedRuns.isEmpty {
            line("Diverged (skipped): " + agg.divergedRuns.map { d in
                "`\(d.runID)` (" + zip(agg.parameters, d.values).map { $0.textLegend($1) }.joined(separator: ", ")
                    + ", replicate \(d.replicate), \(d.reason))"
            }.joined(separator: "; ") + ".")
            line()
        }
        for kind in FigureKind.planned(for: agg) {
            line("![\(kind.caption)](\(prefix)\(kind.baseName(stem: agg.defaultStem)).png)")
            line()
        }
        return md
    }

    /// Which method produced each spectral density of the spectrum figure (exact eigenvalue
    /// measure, SLQ with its probes and steps, or seed-mean eigenvalues standing in).
    static func densityMethods(_ records: [RunRecord]) -> String {
        let figure = FigureSet.spectrumFigure(records)
        guard !figure.densities.isEmpty else { return "" }
        var md = "Spectral densities (right panel), by curve:\n\n"
        for (label, method) in zip(figure.textLabels, figure.densityMethods) {
            md += "- `\(label)`: \(FigureSet.methodText(method))\n"
        }
        return md + "\n"
    }

    /// Escapes the Markdown table separator.
    static func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}
