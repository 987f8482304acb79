import AWAnalysis
import AWArchive
import AWPlot
import Foundation

/// The overview figures over all records (PAPER.md section 7, last paragraph).
extension FigureSet {
    /// Most points drawn per run and in total in scatter figures (deterministic thinning by stride).
    static let pointsPerRun = 300
    static let pointsTotal = 5_000

    /// Records grouped by manifest (sorted), for colours and legends.
    static func byManifest(_ records: [RunRecord]) -> [(name: String, records: [RunRecord])] {
        let g = Dictionary(grouping: records, by: \.manifest)
        return g.keys.sorted().map { ($0, g[$0]!.sorted { ($0.replicate, $0.runID) < ($1.replicate, $1.runID) }) }
    }

    /// Every `stride`-th index so that at most `limit` of `count` remain.
    static func thinned(_ count: Int, limit: Int) -> StrideTo<Int> {
        stride(from: 0, to: count, by: max(1, (count + limit - 1) / max(limit, 1)))
    }

    static func perRunLimit(_ runs: Int) -> Int { max(10, min(pointsPerRun, pointsTotal / max(runs, 1))) }

    // MARK: Duality

    /// The duality figure as values.
    public struct DualityFigure: Sendable, Equatable {
        /// Left: one series per manifest (sorted; runs by replicate, run id), x = `pair_test_loss`,
        /// y = `pair_dual_loss` of the pairs drawn (every k-th pair: at most 300 per run, about
        /// 5,000 in all).
        public var pairs: SeriesPanel
        /// Right: the same pairs where the residual can be drawn on the log axes, x =
        /// `pair_test_loss`, y = abs(`pair_test_loss` − `pair_dual_loss`) (both positive and
        /// finite), colours as on the left, no legend labels; x and y ranges computed.
        public var residuals: SeriesPanel
        /// Runs with pairs, and pairs over them all (not thinned).
        public var runCount: Int
        public var pairCount: Int
        /// The largest abs(test − dual) over every pair (not thinned).
        public var maxResidual: Double
        /// Pairs whose residual is exactly 0 (not drawable on the log axis).
        public var exactZeros: Int
    }

    /// The duality figure over the non-diverged `records` with pairs.
    public static func dualityFigure(_ records: [RunRecord]) -> DualityFigure {
        let groups = byManifest(records.filter { !$0.isDiverged && ($0.analysis?.pairTestLoss.count ?? 0) > 0 })
        let runs = groups.reduce(0) { $0 + $1.records.count }
        let limit = perRunLimit(runs)
        var worst = 0.0, pairs = 0, exact = 0
        var scatter: [(x: [Double], y: [Double], r: [Double])] = []
        for group in groups {
            var xs: [Double] = [], ys: [Double] = [], rs: [Double] = []
            for r in group.records {
                let a = r.analysis!
                guard a.pairTestLoss.count == a.pairDualLoss.count else { continue }
                for (t, d) in zip(a.pairTestLoss, a.pairDualLoss) {
                    worst = max(worst, abs(t - d)); pairs += 1
                    if t == d { exact += 1 }
                }
                for k in thinned(a.pairTestLoss.count, limit: limit) {
                    xs.append(a.pairTestLoss[k]); ys.append(a.pairDualLoss[k]); rs.append(abs(a.pairTestLoss[k] - a.pairDualLoss[k]))
                }
            }
            scatter.append((xs, ys, rs))
        }
        let (names, prefix) = FigureStyle.shortManifestNames(groups.map(\.name))
        let colors = groups.indices.map { FigureStyle.manifestColor($0).opacity(0.6) }
        let left = SeriesPanel(title: "duality check: \(pairs) pairs of \(runs) runs" + FigureStyle.prefixNote(prefix),
                               series: groups.indices.map { m in
                                   FigureSeries(label: names[m], x: scatter[m].x, y: scatter[m].y, color: colors[m], marker: .dot)
                               })
        // Only pairs with a nonzero residual can be drawn on the log axis; the window spans their
        // losses and reaches up to the float32 resolution of the largest one, for scale.
        let shown = scatter.map { c in zip(c.x, c.r).filter { $0.0 > 0 && $0.1 > 0 && $0.0.isFinite && $0.1.isFinite } }
        let shownX = shown.flatMap { $0.map(\.0) }, shownR = shown.flatMap { $0.map(\.1) }
        let yRange: ClosedRange<Double>? = {
            guard let lo = shownR.min(), let hi = shownR.max(), let top = shownX.max() else { return nil }
            let upper = max(hi, 1.2e-7 * top)
            return (lo / 2)...(upper * 3)
        }()
        let right = SeriesPanel(title: "residual, max \(NumberFormat.significant(worst))" + (exact > 0 ? " (\(exact) exact zeros not shown)" : ""),
                                series: groups.indices.map { m in
                                    FigureSeries(label: "", x: shown[m].map(\.0), y: shown[m].map(\.1), color: colors[m], marker: .dot)
                                },
                                xRange: paddedRange(shownX, log: true), yRange: yRange)
        return DualityFigure(pairs: left, residuals: right, runCount: runs, pairCount: pairs, maxResidual: worst, exactZeros: exact)
    }

    static func drawDuality(_ records: [RunRecord], _ figure: Figure) throws {
        let duality = dualityFigure(records)
        // The points lie on y = x: the bottom-right corner is empty, the legend goes there.
        try figure.panel(title: duality.pairs.title,
                         x: PlotAxis("l(test; W)", scale: .log, grid: true),
                         y: PlotAxis("l(train; W + #gDW)", scale: .log, grid: true), legend: .bottomRight) { panel in
            for s in duality.pairs.series {
                panel.points(x: s.x, y: s.y, color: s.color, marker: s.marker ?? .dot, size: 0.8, label: s.label)
            }
            panel.diagonal(color: .black, style: .dashed, label: "y = x")
        }
        let residuals = duality.residuals
        try figure.panel(title: residuals.title,
                         x: PlotAxis("l(test; W)  (colours as in the left panel)", scale: .log, range: residuals.xRange, grid: true),
                         y: PlotAxis("|l(test; W) - l(train; W + #gDW)|", scale: .log, range: residuals.yRange, grid: true), legend: .topLeft) { panel in
            for s in residuals.series {
                panel.points(x: s.x, y: s.y, color: s.color, marker: s.marker ?? .dot, size: 0.8)
            }
            // Float32 resolution of the loss itself, for scale.
            panel.referenceLine(slope: 1.2e-7, intercept: 0, color: .gray, style: .dashed, label: "1.2e-7 l (float32 resolution)")
        }
    }

    // MARK: Estimated vs measured gap

    /// The gap-estimate figure as values.
    public struct GapEstimateFigure: Sendable, Equatable {
        /// One series per manifest (sorted; runs by replicate, run id): one point per analysed run
        /// with a measured gap, x = the measured gap (`/metrics gap`, else `/analysis
        /// measured_gap`), y = `estimated_gap`, colour and marker of the manifest; x and y share
        /// one range (over the runs where both are finite).
        public var panel: SeriesPanel
        /// The largest abs(estimated − measured) over the runs where both are finite.
        public var maxDifference: Double
    }

    /// The gap-estimate figure over the non-diverged analysed `records`.
    public static func gapEstimateFigure(_ records: [RunRecord]) -> GapEstimateFigure {
        let groups = byManifest(records.filter { !$0.isDiverged && $0.analysis != nil })
        var worst = 0.0, all: [Double] = []
        for g in groups {
            for r in g.records {
                let meas = RunQuantity.measuredGap.value(of: r) ?? .nan, est = r.analysis!.estimatedGap
                if meas.isFinite && est.isFinite { worst = max(worst, abs(est - meas)); all += [meas, est] }
            }
        }
        let range = paddedRange(all, log: false)
        let (names, prefix) = FigureStyle.shortManifestNames(groups.map(\.name))
        let series = groups.enumerated().map { m, g in
            let rs = g.records.filter { RunQuantity.measuredGap.value(of: $0) != nil }
            return unconvergedMarked(FigureSeries(label: names[m], x: rs.map { RunQuantity.measuredGap.value(of: $0)! }, y: rs.map { $0.analysis!.estimatedGap },
                                                  color: FigureStyle.manifestColor(m), marker: Marker.series(m)), rs)
        }
        return GapEstimateFigure(panel: SeriesPanel(title: "estimated vs measured gap, \(all.count / 2) runs" + FigureStyle.prefixNote(prefix),
                                                    series: series, xRange: range, yRange: range),
                                 maxDifference: worst)
    }

    static func drawGapEstimate(_ records: [RunRecord], _ figure: Figure) throws {
        let estimate = gapEstimateFigure(records)
        let panel = estimate.panel
        // The points lie near y = x: the bottom-right corner is empty, the legend goes there.
        try figure.panel(title: panel.title,
                         x: PlotAxis("measured gap L#dtest#u - L#dtrain#u (nats)", range: panel.xRange, grid: true),
                         y: PlotAxis("estimated gap mean#dk#u #gDl#dk#u (nats)", range: panel.yRange, grid: true), legend: .bottomRight) { plot in
            plot.diagonal(color: .black, style: .dashed, label: "y = x")
            drawRunPoints(&plot, panel.series)
            plot.text("max |estimated - measured| = \(NumberFormat.significant(estimate.maxDifference))", at: .fraction(x: 0.03, y: 0.93),
                      justification: 0, size: 0.9)
        }
    }

    /// Markers at (x[i], y[i]): filled, or open where `open[i]` (white inside, so a line under
    /// the point does not show through). The one drawing of open markers, for sweep points and runs.
    static func drawMarkers(_ plot: inout Panel, x: [Double], y: [Double], open: [Bool]?, color: PlotColor, marker: Marker,
                            size: Double, label: String?) {
        guard let open else {
            plot.points(x: x, y: y, color: color, marker: marker, size: size, label: label)
            return
        }
        let filled = x.indices.filter { !open[$0] }, hollow = x.indices.filter { open[$0] }
        plot.points(x: filled.map { x[$0] }, y: filled.map { y[$0] }, color: color, marker: marker, size: size, label: label)
        plot.points(x: hollow.map { x[$0] }, y: hollow.map { y[$0] }, color: .white, marker: marker, size: size * 0.8)
        plot.points(x: hollow.map { x[$0] }, y: hollow.map { y[$0] }, color: color, marker: marker.open, size: size)
    }

    /// A per-run series with `notComparable` set where the run did not meet the stop rule (nil when all did).
    static func unconvergedMarked(_ series: FigureSeries, _ runs: [RunRecord]) -> FigureSeries {
        var s = series
        let open = runs.map { !$0.metStopRule }
        if open.contains(true) { s.notComparable = open }
        return s
    }

    /// One marker per run: filled where the run met the stop rule, open where it did not (with a
    /// legend entry saying so when there is any).
    static func drawRunPoints(_ plot: inout Panel, _ series: [FigureSeries]) {
        for s in series {
            drawMarkers(&plot, x: s.x, y: s.y, open: s.notComparable, color: s.color, marker: s.marker ?? .filledCircle, size: 1.1, label: s.label)
        }
        if series.contains(where: { $0.notComparable != nil }) {
            plot.points(x: [], y: [], color: .gray, marker: .circle, size: 1.1, label: "open: run did not meet stop rule")
        }
    }

    // MARK: Size vs weight norm

    /// Runs of the init-scale and weight-decay sweeps (one swept parameter of that kind), or all
    /// runs with the fields when there are none; the flag says which.
    static func sizeNormRecords(_ records: [RunRecord]) -> (records: [RunRecord], sweepsOnly: Bool) {
        let has = records.filter { RunQuantity.size.value(of: $0) != nil && RunQuantity.layerNorm.value(of: $0) != nil }
        let chosen = has.filter { r in
            let keys = Array(r.sweptValues.keys)
            guard keys.count == 1 else { return false }
            let kind = SweptParameter.kind(ofKeyPath: keys[0])
            return kind == .initScale || kind == .weightDecay
        }
        return chosen.isEmpty ? (has, false) : (chosen, true)
    }

    /// One panel of the size-norm figure as values: one point series per manifest and the
    /// least-squares line over all of them.
    public struct SizeNormPanel: Sendable, Equatable {
        public var title: String
        /// The y quantity (`size` or `rmsSize`); x is `layerNorm`.
        public var quantity: RunQuantity
        public var series: [FigureSeries]
        /// Ordinary least squares of y on x over every point drawn (nil with too few points).
        public var fit: LinearRegression?
    }

    /// The two panels of the size-norm figure over the non-diverged `records`.
    public static func sizeNormFigure(_ records: [RunRecord]) -> [SizeNormPanel] {
        let (chosen, sweepsOnly) = sizeNormRecords(records.filter { !$0.isDiverged })
        let groups = byManifest(chosen)
        let (names, prefix) = FigureStyle.shortManifestNames(groups.map(\.name))
        let which = (sweepsOnly ? "s and #gb sweeps" : "all runs (no s or #gb sweep)") + FigureStyle.prefixNote(prefix)
        let panels: [(RunQuantity, String)] = [(.size, "size vs |W|#dF#u"), (.rmsSize, "rms size vs |W|#dF#u")]
        return panels.map { q, title in
            let series = groups.enumerated().map { m, g in
                unconvergedMarked(FigureSeries(label: names[m], x: g.records.map { RunQuantity.layerNorm.value(of: $0)! }, y: g.records.map { q.value(of: $0)! },
                                               color: FigureStyle.manifestColor(m), marker: Marker.series(m)), g.records)
            }
            let fit = LinearRegression.fit(x: series.flatMap(\.x), y: series.flatMap(\.y))
            return SizeNormPanel(title: "\(title), \(which)", quantity: q, series: series, fit: fit)
        }
    }

    static func drawSizeNorm(_ records: [RunRecord], _ figure: Figure) throws {
        let labels: [RunQuantity: String] = [.size: "size #gS#dn#u #gs#dw,n#u", .rmsSize: "size (#gS#dn#u #gs#u2#d#dw,n#u)#u1/2#d"]
        for panel in sizeNormFigure(records) {
            let x = panel.series.flatMap(\.x), y = panel.series.flatMap(\.y)
            try figure.panel(title: panel.title, x: PlotAxis("analysed layer's weight norm |W|#dF#u", range: paddedRange(x, log: false), grid: true),
                             y: PlotAxis(labels[panel.quantity] ?? "", range: paddedRange(y, log: false), grid: true), legend: .topLeft) { plot in
                drawRunPoints(&plot, panel.series)
                if let fit = panel.fit {
                    plot.referenceLine(slope: fit.slope, intercept: fit.intercept, color: .black, style: .dashed, label: "least-squares line")
                    plot.text("slope = \(NumberFormat.significant(fit.slope)), intercept = \(NumberFormat.significant(fit.intercept))",
                              at: .fraction(x: 0.97, y: 0.12), justification: 1, size: 0.9)
                    plot.text("r = \(NumberFormat.significant(fit.r, 4)), n = \(fit.n)", at: .fraction(x: 0.97, y: 0.05), justification: 1, size: 0.9)
                }
            }
        }
    }

    // MARK: Hessian spectrum

    /// Per manifest the first sweep point with eigenvalues (its rank-wise mean over seeds) and
    /// the first record of that point with an archived density (`density_method` not `none`).
    /// Legend labels name the manifest without the prefix common to all (returned for the title).
    static func spectrumRepresentatives(_ records: [RunRecord]) -> (reps: [(label: String, textLabel: String, eigenvalues: RankwiseSpectrum,
                                                                            density: RunRecord?)], prefix: String) {
        let chosen = SweepAggregate.aggregate(records: records).compactMap { agg -> (SweepAggregate, SweepPoint, RunRecord?)? in
            guard let p = agg.points.first(where: { !$0.eigenvalues.isEmpty }) else { return nil }
            let ids = Set(p.runIDs)
            let density = records.first { r in
                guard ids.contains(r.runID), let a = r.analysis else { return false }
                return a.densityMethod != .none && !a.densityNodes.isEmpty
            }
            return (agg, p, density)
        }
        let (names, prefix) = FigureStyle.shortManifestNames(chosen.map(\.0.manifest))
        let reps = zip(chosen, names).map { entry, name in
            let (agg, p, density) = entry
            return (agg.parameters.isEmpty ? name : "\(name), \(agg.plotLegend(p))",
                    agg.parameters.isEmpty ? agg.manifest : "\(agg.manifest), \(agg.textLegend(p))", p.eigenvalues, density)
        }
        return (reps, prefix)
    }

    /// The spectrum figure as values: left the positive eigenvalues of each representative,
    /// right the broadened density of each, labelled with the method that produced it.
    public struct SpectrumFigure: Sendable, Equatable {
        public var eigenvalueTitle: String
        public var eigenvalues: [FigureSeries]
        /// Non-positive eigenvalues of each curve (not drawable on the log axis).
        public var nonPositiveCounts: [Int]
        public var densityTitle: String
        /// The broadened densities; each label ends with its method in brackets.
        public var densities: [FigureSeries]
        /// The method of each density: the archived `density_method`, or nil when no run of the
        /// point archived a density and the seed-mean eigenvalues (weight 1/E each) stand in.
        public var densityMethods: [DensityMethod?]
        /// Each curve's manifest and point in Unicode (for the report).
        public var textLabels: [String]
        /// The common Gaussian width (nil: each curve's default).
        public var width: Double?
    }

    /// How a density's method reads in legends and titles.
    static func methodText(_ method: DensityMethod?) -> String {
        method.map(\.description) ?? "seed-mean eigenvalues, no archived density"
    }

    /// The method in a title: "exact eigenvalues", "SLQ 3 probes x 80 steps".
    static func methodTitle(_ method: DensityMethod?) -> String {
        switch method {
        case .eigenvalues?: return "exact eigenvalues"
        case let .slq(probes, steps)?: return "SLQ \(probes) probes x \(steps) steps"
        case .none?: return "none"
        case nil: return "seed-mean eigenvalues"
        }
    }

    /// The method in a legend entry: short, so the entries fit in columns under the plot.
    static func methodLegend(_ method: DensityMethod?) -> String {
        switch method {
        case .eigenvalues?: return "exact"
        case let .slq(probes, steps)?: return "SLQ \(probes)x\(steps)"
        case .none?: return "none"
        case nil: return "seed-mean eigenvalues"
        }
    }

    public static func spectrumFigure(_ records: [RunRecord]) -> SpectrumFigure {
        let (reps, prefix) = spectrumRepresentatives(records.filter { !$0.isDiverged })
        let eigen = reps.enumerated().map { m, rep in
            let positive = rep.eigenvalues.mean.enumerated().filter { $0.element > 0 }
            return FigureSeries(label: rep.label, x: positive.map { Double($0.offset + 1) }, y: positive.map(\.element),
                                color: FigureStyle.manifestColor(m))
        }
        // One broadening width for every curve (3% of the widest node range), so the curves are
        // equally smooth and comparable.
        let spectra: [(nodes: [Double], weights: [Double], method: DensityMethod?)] = reps.map { rep in
            if let r = rep.density, let a = r.analysis { return (a.densityNodes, a.densityWeights, a.densityMethod) }
            return (rep.eigenvalues.mean, rep.eigenvalues.mean.map { _ in 1 / Double(rep.eigenvalues.count) }, nil)
        }
        let widest = spectra.map { s in
            let v = s.nodes.filter(\.isFinite)
            return (v.max() ?? 0) - (v.min() ?? 0)
        }.max() ?? 0
        let width = widest > 0 ? 0.03 * widest : nil
        // The title names the method most curves share; a curve made otherwise says so in its label.
        let methods = spectra.map(\.method)
        let counts = Dictionary(methods.map { (methodText($0), 1) }, uniquingKeysWith: +)
        let common = methods.first { m in counts[methodText(m)] == counts.values.max() }.map(methodText) ?? ""
        let densities = zip(reps, spectra).enumerated().map { m, pair in
            let curve = broadened(nodes: pair.1.nodes, weights: pair.1.weights, width: width, floor: 1e-4)
            let marked = methodText(pair.1.method) == common ? "" : " [\(methodLegend(pair.1.method))]"
            return FigureSeries(label: pair.0.label + marked, x: curve.x, y: curve.y, color: FigureStyle.manifestColor(m))
        }
        let commonMethod = methods.first { methodText($0) == common } ?? nil
        let methodNote = methodTitle(commonMethod) + (counts.count == 1 ? "" : " (others marked)")
        return SpectrumFigure(eigenvalueTitle: "Hessian eigenvalues #gl#dn#u > 0" + FigureStyle.prefixNote(prefix), eigenvalues: eigen,
                              nonPositiveCounts: reps.map { rep in rep.eigenvalues.mean.filter { $0 <= 0 }.count },
                              densityTitle: "spectral density: \(methodNote)", densities: densities,
                              densityMethods: methods, textLabels: reps.map(\.textLabel), width: width)
    }

    static func drawSpectrum(_ records: [RunRecord], _ figure: Figure) throws {
        let spectrum = spectrumFigure(records)
        let nonPositive = spectrum.nonPositiveCounts
        let hidden = nonPositive.isEmpty ? "" : (nonPositive.min() == nonPositive.max() ? "\(nonPositive[0])"
                                                  : "\(nonPositive.min()!)-\(nonPositive.max()!)")
        let all = spectrum.eigenvalues.flatMap(\.y)
        let range = FigureStyle.logRangeWithLegendRoom(all, entries: 0)
        // Eight or more long entries: the legend goes under the plot, off the curves.
        try figure.panel(title: spectrum.eigenvalueTitle,
                         x: PlotAxis("index n (by descending #gl#dn#u)", scale: .log),
                         y: PlotAxis("#gl#dn#u", scale: .log, range: range),
                         legend: spectrum.eigenvalues.count > 3 ? .below : .bottomLeft) { panel in
            for s in spectrum.eigenvalues {
                panel.line(x: s.x, y: s.y, color: s.color, label: s.label)
            }
            // The curves fall from top left to bottom right: the bottom-left corner is free.
            panel.text("\(hidden) #gl#dn#u ≤ 0 not shown", at: .fraction(x: 0.03, y: 0.13), size: 0.85)
            let clipped = FigureStyle.clippedNote(all, range: range)
            if !clipped.isEmpty {
                panel.text("#gl#dn#u" + clipped.dropFirst(1), at: .fraction(x: 0.03, y: 0.05), size: 0.85)
            }
        }
        // 4 decades under the highest peak are shown; the legend names each curve's method.
        let peak = spectrum.densities.flatMap(\.y).filter(\.isFinite).max() ?? 1
        try figure.panel(title: spectrum.densityTitle, x: PlotAxis("eigenvalue #gl"),
                         y: PlotAxis("density #gr(#gl) (> 10#u-4#d of the peak)", scale: .log,
                                     range: (peak * 1e-4)...(peak * (spectrum.densities.count > 3 ? 3 : 3 * pow(10, 0.5 * Double(spectrum.densities.count))))),
                         legend: spectrum.densities.count > 3 ? .below : .topRight) { panel in
            for s in spectrum.densities {
                panel.line(x: s.x, y: s.y, color: s.color, label: s.label)
            }
            if let w = spectrum.width {
                panel.text("Gaussian width \(NumberFormat.significant(w, 2))", at: .fraction(x: 0.5, y: 0.9), size: 0.85)
            }
        }
    }

    /// Sum of Gaussians (width `width`, default 1.5% of the node range) on 600 points, values
    /// under `floor` x the peak left out.
    static func broadened(nodes: [Double], weights: [Double], width given: Double? = nil, floor: Double = 1e-6) -> (x: [Double], y: [Double]) {
        let pairs = zip(nodes, weights).filter { $0.0.isFinite && $0.1.isFinite && $0.1 > 0 }
        guard let lo = pairs.map(\.0).min(), let hi = pairs.map(\.0).max() else { return ([], []) }
        let width = given ?? max((hi - lo) * 0.015, 1e-12 + abs(hi) * 1e-3)
        let a = lo - 4 * width, b = hi + 4 * width
        let xs = (0..<600).map { a + (b - a) * Double($0) / 599 }
        let norm = 1 / (width * (2 * Double.pi).squareRoot())
        var ys = xs.map { x in pairs.reduce(0.0) { $0 + $1.1 * norm * exp(-0.5 * pow((x - $1.0) / width, 2)) } }
        let peak = ys.max() ?? 0
        ys = ys.map { $0 >= peak * floor ? $0 : .nan }
        return (xs, ys)
    }

    // MARK: |mu| vs sigma

    /// One panel of the means figure as values.
    public struct MeansPanel: Sendable, Equatable {
        /// One series over all runs (manifests sorted; runs by replicate, run id; ranks in
        /// order): x = sigma_n, y = abs(mu_n) for every (rank, run) pair drawn — thinned by stride
        /// like the duality figure, and only those with abs(mu_n) ≥ `floor`; the log y range.
        public var panel: SeriesPanel
        /// Axis labels (PLplot escapes): sigma_g,n / |mu_g,n| or sigma_w,n / |mu_w,n|.
        public var xLabel: String
        public var yLabel: String
        /// 1e-6 × the largest positive finite sigma or abs(mu) among the pairs drawn before the cut.
        public var floor: Double
        /// Pairs left out for abs(mu) < `floor` (counted in a note).
        public var hiddenCount: Int
        /// All (rank, run) pairs, before thinning.
        public var pairCount: Int
    }

    /// The two panels of the means figure (mean_g vs sigma_g, mean_w vs sigma_w) over the
    /// non-diverged `records` with means.
    public static func meansFigure(_ records: [RunRecord]) -> [MeansPanel] {
        let groups = byManifest(records.filter { !$0.isDiverged && !($0.analysis?.meanG.isEmpty ?? true) })
        let runs = groups.reduce(0) { $0 + $1.records.count }
        let limit = perRunLimit(runs)
        let panels: [(String, String, KeyPath<RunRecord.AnalysisSection, [Double]>, KeyPath<RunRecord.AnalysisSection, [Double]>)] = [
            ("#gs#dg,n#u", "|#gm#dg,n#u|", \.sigmaG, \.meanG), ("#gs#dw,n#u", "|#gm#dw,n#u|", \.sigmaW, \.meanW),
        ]
        return panels.map { xl, yl, sk, mk in
            var xs: [Double] = [], ys: [Double] = []
            var total = 0
            for g in groups {
                for r in g.records {
                    let a = r.analysis!
                    let s = a[keyPath: sk], mu = a[keyPath: mk]
                    let n = min(s.count, mu.count)
                    total += n
                    for k in thinned(n, limit: limit) { xs.append(s[k]); ys.append(abs(mu[k])) }
                }
            }
            // At most 6 decades below the top of the cloud, so the log axis stays readable;
            // smaller |mu| (negligible by any standard) are counted, not drawn.
            let top = (ys + xs).filter { $0 > 0 && $0.isFinite }.max() ?? 1
            let floor = top * 1e-6
            let keep = zip(xs, ys).filter { $0.1 >= floor }
            let hiddenSmall = ys.count - keep.count
            let shown = keep.count + hiddenSmall
            let what = shown == total ? "all \(total) (rank, run) pairs" : "\(shown) of \(total) (rank, run) pairs"
            // One colour for all runs: the point of this figure is |mu| against sigma overall.
            let series = FigureSeries(label: "one (rank, run)", x: keep.map(\.0), y: keep.map(\.1), color: PlotColor.series(0).opacity(0.35),
                                      marker: .dot)
            let panel = SeriesPanel(title: "\(yl) vs \(xl), \(what)", series: [series],
                                    yRange: FigureStyle.logRangeWithLegendRoom(series.y + [top], entries: 1))
            return MeansPanel(panel: panel, xLabel: xl, yLabel: yl, floor: floor, hiddenCount: hiddenSmall, pairCount: total)
        }
    }

    static func drawMeans(_ records: [RunRecord], _ figure: Figure) throws {
        for means in meansFigure(records) {
            let panel = means.panel
            try figure.panel(title: panel.title, x: PlotAxis(means.xLabel, scale: .log, grid: true),
                             y: PlotAxis(means.yLabel, scale: .log, range: panel.yRange, grid: true), legend: .topLeft) { plot in
                for s in panel.series {
                    plot.points(x: s.x, y: s.y, color: s.color, marker: s.marker ?? .dot, size: 0.6, label: s.label)
                }
                plot.diagonal(color: .black, style: .dashed, label: "|#gm| = #gs")
                if means.hiddenCount > 0 {
                    plot.text("\(means.hiddenCount) point\(means.hiddenCount == 1 ? "" : "s") with \(means.yLabel) < \(NumberFormat.significant(means.floor, 2)) not shown",
                              at: .fraction(x: 0.97, y: 0.05), justification: 1, size: 0.85)
                }
            }
        }
    }
}
