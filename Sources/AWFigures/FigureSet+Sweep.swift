import AWCore
import AWPlot
import Foundation

/// The four sweep figures of PAPER.md section 7.
extension FigureSet {
    // MARK: Gap decomposition

    /// Panels of the gap figure: one for a one-parameter sweep; for grids one per combination of
    /// the other swept values (x is the first swept parameter).
    static func gapPanels(_ agg: SweepAggregate) -> [(title: String, points: [SweepPoint])] {
        if agg.parameters.count <= 1 && agg.categoryKeys.isEmpty { return [("", agg.points)] }
        var order: [[String]] = []
        var groups: [[String]: [SweepPoint]] = [:]
        for p in agg.points {
            let key = p.values.dropFirst().map { NumberFormat.compact($0) } + p.categories
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(p)
        }
        return order.prefix(12).map { key in
            let p = groups[key]![0]
            let parts = zip(agg.parameters.dropFirst(), p.values.dropFirst()).map { $0.plotLegend($1) }
                + zip(agg.categoryKeys, p.categories).map { "\($0) = \($1)" }
            return (parts.joined(separator: ", "), groups[key]!)
        }
    }

    static func gapPage(_ agg: SweepAggregate) -> PageSetup { FigureStyle.grid(gapPanels(agg).count) }

    /// One panel of the gap figure as values: its title and its series (measured gap, total,
    /// sharp and flat parts; those without data left out). Each point is the mean over the
    /// seeds of one swept value, its error bar the sample std (0 with one seed).
    public struct GapPanel: Sendable, Equatable {
        public var title: String
        public var series: [FigureSeries]
        /// "met the stop rule / seeds" at each x where some seeds did not (printed along the bottom).
        public var convergence: [ConvergenceNote] = []
    }

    /// How many seeds of a sweep point met the stop rule, where not all did.
    public struct ConvergenceNote: Sendable, Equatable {
        public var x: Double
        /// e.g. "4/10"
        public var text: String
        public var comparable: Bool
    }

    /// The legend entry (an open gray marker) of a gap panel with a point that is not comparable.
    static let convergenceLegend = "open: < half of seeds met stop rule"

    /// The panels of the gap figure of `agg` (x = the first swept parameter).
    public static func gapFigure(_ agg: SweepAggregate) -> [GapPanel] {
        let sharpCount = agg.points.compactMap(\.sharpCount).first
        let panels = gapPanels(agg)
        let compact = panels.count > 1   // small grid panels: short legend labels
        let sharpLabel = "top \(sharpCount.map(String.init) ?? "K")"
        let kinds: [(RunQuantity, PlotColor, Marker, String)] = [
            (.measuredGap, FigureStyle.measuredGap, .filledCircle, compact ? "measured" : "measured L#dtest#u - L#dtrain#u"),
            (.covarianceTotal, FigureStyle.total, .filledSquare, compact ? "#gS c#gs#dg#u#gs#dw#u" : "total #gS#dn#u c#dn#u #gs#dg,n#u #gs#dw,n#u"),
            (.sharpPart, FigureStyle.sharp, .filledTriangle, compact ? "sharp (\(sharpLabel))" : "sharp part (\(sharpLabel) ranks)"),
            (.flatPart, FigureStyle.flat, .filledDiamond, compact ? "flat" : "flat part (other ranks)"),
        ]
        return panels.map { subtitle, points in
            let title = subtitle.isEmpty ? "\(agg.manifest): gap decomposition" : "\(agg.manifest): \(subtitle)"
            let series = kinds.compactMap { q, color, marker, label -> FigureSeries? in
                var x: [Double] = [], y: [Double] = [], e: [Double] = [], open: [Bool] = []
                for p in points {
                    guard let st = p[q] else { continue }
                    x.append(p.values[0]); y.append(st.mean)
                    e.append(st.standardDeviation.isFinite ? st.standardDeviation : 0)
                    open.append(!p.isComparable)
                }
                guard !x.isEmpty else { return nil }
                var s = FigureSeries(label: label, x: x, y: y, error: e, color: color, marker: marker, quantity: q)
                if open.contains(true) { s.notComparable = open }
                return s
            }
            let notes = points.compactMap { p in
                p.convergedNote.map { ConvergenceNote(x: p.values[0], text: $0, comparable: p.isComparable) }
            }
            return GapPanel(title: title, series: series, convergence: notes)
        }
    }

    static func drawGap(_ agg: SweepAggregate, _ figure: Figure) throws {
        let parameter = agg.parameters[0]
        let panels = gapFigure(agg)
        let compact = panels.count > 1
        let log = parameter.usesLogScale(values: agg.points.map { $0.values[0] })
        for (index, panel) in panels.enumerated() {
            let xs = Array(Set(panel.series.flatMap(\.x))).sorted()
            // Everything drawn (means +- std), for the y range; the legend goes to the top corner
            // on the side where the measured gap is lower.
            var extent = panel.series.flatMap { s in zip(s.y, s.error ?? s.y.map { _ in 0 }).flatMap { [$0 - $1, $0 + $1] } }
            // Room below the data for the seed counts.
            if !panel.convergence.isEmpty, let lo = extent.min(), let hi = extent.max() { extent.append(Swift.min(lo, 0) - 0.12 * (hi - Swift.min(lo, 0))) }
            let gaps = (panel.series.first { $0.quantity == .measuredGap } ?? panel.series.first { $0.quantity == .covarianceTotal })?.y ?? []
            // In a grid of panels only the first carries the legend (same series everywhere).
            let legend: LegendPlacement? = index > 0 ? nil : ((gaps.first ?? 0) > (gaps.last ?? 0) ? .topRight : .topLeft)
            let marksOpen = panel.series.contains { $0.notComparable != nil }
            let entries = legend == nil ? 0 : panel.series.count + (marksOpen ? 1 : 0)
            let yRange = FigureStyle.rangeWithLegendRoom(extent, entries: entries, includeZero: true)
            try figure.panel(title: panel.title, x: PlotAxis(parameter.plotLabel, scale: log ? .log : .linear, range: paddedRange(xs, log: log)),
                             y: PlotAxis("generalization gap (nats)", range: yRange),
                             legend: legend) { plot in
                plot.referenceLine(slope: 0, intercept: 0, color: .lightGray, style: .solid)
                // Only series with data are spread along x (a metrics-only sweep is not shifted).
                let size = compact ? 0.9 : 1.3
                for (k, s) in panel.series.enumerated() {
                    let px = s.x.map { jitter($0, series: k, of: panel.series.count, xs: xs, log: log) }
                    let marker = s.marker ?? .filledCircle
                    plot.errorBars(x: px, y: s.y, error: s.error ?? [], color: s.color)
                    guard s.notComparable != nil else {
                        plot.line(x: px, y: s.y, color: s.color, marker: marker, markerSize: size, label: s.label)
                        continue
                    }
                    // Points that are not comparable: open markers over the line.
                    plot.line(x: px, y: s.y, color: s.color, label: s.label)
                    drawMarkers(&plot, x: px, y: s.y, open: s.notComparable, color: s.color, marker: marker, size: size, label: nil)
                }
                if marksOpen && legend != nil {
                    plot.points(x: [], y: [], color: .gray, marker: .circle, size: size, label: convergenceLegend)
                }
                // Along the bottom: "k/n conv." where some seeds did not meet the stop rule.
                if let range = yRange, !panel.convergence.isEmpty {
                    let y = range.lowerBound + 0.04 * (range.upperBound - range.lowerBound)
                    for note in panel.convergence {
                        plot.text(note.text + " conv.", at: .data(x: note.x, y: y), color: note.comparable ? .gray : .black,
                                  justification: 0.5, size: compact ? 0.7 : 0.85)
                    }
                }
            }
        }
    }

    /// Spreads the series of the gap figure a little along x so error bars do not overlap.
    static func jitter(_ x: Double, series k: Int, of count: Int, xs: [Double], log: Bool) -> Double {
        let shift = Double(k) - Double(count - 1) / 2
        if log {
            let lx = xs.filter { $0 > 0 }.map { Libm.log10($0) }
            let span = (lx.max() ?? 0) - (lx.min() ?? 0)
            return x * pow(10, shift * 0.008 * max(span, 0.3))
        }
        let span = (xs.max() ?? 0) - (xs.min() ?? 0)
        return x + shift * 0.008 * (span > 0 ? span : max(abs(x), 1))
    }

    /// The x range with a margin (fractions of the span; on log axes in decades).
    static func paddedRange(_ xs: [Double], log: Bool) -> ClosedRange<Double>? {
        let v = xs.filter { $0.isFinite && (!log || $0 > 0) }
        guard let lo = v.min(), let hi = v.max() else { return nil }
        if log {
            let a = Libm.log10(lo), b = Libm.log10(hi)
            let m = max(0.08 * (b - a), 0.1)
            return pow(10, a - m)...pow(10, b + m)
        }
        let m = hi > lo ? 0.08 * (hi - lo) : max(abs(lo) * 0.1, 0.5)
        return (lo - m)...(hi + m)
    }

    // MARK: Spectra

    /// The points that have the spectrum, with their index in the sweep (fixing the colour).
    static func indexed(_ agg: SweepAggregate, _ spectrum: (SweepPoint) -> RankwiseSpectrum) -> [(Int, SweepPoint, RankwiseSpectrum)] {
        agg.points.enumerated().compactMap { i, p in
            let s = spectrum(p)
            return s.isEmpty ? nil : (i, p, s)
        }
    }

    /// Ranks 1, 2, 5, 10, 20, 50, ... up to `count`: where spectra get their error bars (bars at
    /// every one of hundreds of ranks would hide the curves).
    static func errorBarRanks(_ count: Int) -> [Int] {
        var ranks: [Int] = [], decade = 1
        while decade <= count {
            for m in [1, 2, 5] where m * decade <= count { ranks.append(m * decade) }
            decade *= 10
        }
        return ranks
    }

    /// Rank-wise error bars (± the series' `error`) at `errorBarRanks`, each curve shifted a
    /// little along the log x axis so the bars of different curves do not sit on top of each other.
    static func spectrumErrorBars(_ panel: inout Panel, _ series: [FigureSeries]) {
        for (k, s) in series.enumerated() {
            guard let error = s.error else { continue }
            let shift = pow(10, 0.012 * (Double(k) - Double(series.count - 1) / 2))
            let ranks = errorBarRanks(s.y.count)
            panel.errorBars(x: ranks.map { s.x[$0 - 1] * shift }, y: ranks.map { s.y[$0 - 1] }, error: ranks.map { error[$0 - 1] },
                            color: s.color, width: 1.5)
        }
    }

    /// " (seeds: 2-3; bars ± std)" style note for spectrum titles.
    static func seedNote(_ curves: [(Int, SweepPoint, RankwiseSpectrum)]) -> String {
        let counts = curves.map(\.2.seedCount)
        guard let lo = counts.min(), let hi = counts.max(), hi > 1 else { return "" }
        return "; bars: ± std over \(lo == hi ? "\(lo)" : "\(lo)-\(hi)") seeds"
    }

    /// One series per curve: x = ranks 1...n, y = the rank-wise seed mean, error = the rank-wise
    /// seed std (0 where not finite), nil with one seed; colour and label of the sweep point.
    static func spectrumSeries(_ agg: SweepAggregate, _ curves: [(Int, SweepPoint, RankwiseSpectrum)]) -> [FigureSeries] {
        curves.map { i, p, s in
            var series = FigureSeries(label: pointLegend(agg, p), x: s.ranks, y: s.mean,
                                      error: s.seedCount > 1 ? s.standardDeviation.map { $0.isFinite ? $0 : 0 } : nil,
                                      color: FigureStyle.pointColor(i))
            if !p.isComparable { series.style = .dashed }
            return series
        }
    }

    /// A sweep point's legend label, with "(k/n met the stop rule)" where some seeds did not.
    static func pointLegend(_ agg: SweepAggregate, _ p: SweepPoint) -> String {
        agg.plotLegend(p) + (p.convergedNote.map { " (\($0) met stop rule\(p.isComparable ? "" : ", not comparable"))" } ?? "")
    }

    // MARK: Sharpness spectrum

    /// The sharpness figure as values: one series per sweep point with `sigma_g` (x = rank n,
    /// y = seed mean of sigma_g,n, error = its seed std, nil with one seed; bars are drawn at
    /// `errorBarRanks` only), the title (clipping and seed-count notes) and the log y range (at
    /// most 8 decades).
    public static func sharpnessFigure(_ agg: SweepAggregate) -> SeriesPanel {
        let curves = indexed(agg, \.sigmaG)
        let all = curves.flatMap { $0.2.mean }
        let range = FigureStyle.logRangeWithLegendRoom(all, entries: 0)
        let notes = (FigureStyle.clippedNote(all, range: range) + seedNote(curves)).dropFirst(2)
        return SeriesPanel(title: "\(agg.manifest): sharpness spectrum" + (notes.isEmpty ? "" : " (\(notes))"),
                           series: spectrumSeries(agg, curves), yRange: range)
    }

    static func drawSharpness(_ agg: SweepAggregate, _ figure: Figure) throws {
        let sharpness = sharpnessFigure(agg)
        // Curves fall from top left to bottom right: the legend sits bottom left, off the data.
        try figure.panel(title: sharpness.title,
                         x: PlotAxis("rank n (by #gs#dg#u)", scale: .log), y: PlotAxis("sharpness #gs#dg,n#u", scale: .log, range: sharpness.yRange),
                         legend: .bottomLeft) { panel in
            spectrumErrorBars(&panel, sharpness.series)
            for s in sharpness.series {
                panel.line(x: s.x, y: s.y, color: s.color, style: s.style, label: s.label)
            }
        }
    }

    // MARK: Size spectrum

    /// Init-scale and weight-decay sweeps get a second panel normalised by the first swept value.
    static func sizeNormalised(_ agg: SweepAggregate) -> Bool {
        guard let p = agg.singleParameter else { return false }
        return (p.kind == .initScale || p.kind == .weightDecay) && indexed(agg, \.cumulativeSigmaW).count > 1
    }

    static func sizePage(_ agg: SweepAggregate) -> PageSetup { sizeNormalised(agg) ? FigureStyle.double : FigureStyle.single }

    /// The size figure as values.
    public struct SizeFigure: Sendable, Equatable {
        /// One series per sweep point: x = rank n, y = seed mean of the running sum
        /// Σ_{m≤n} sigma_w,m of each seed, error = its seed std (drawn as a band; nil with one seed).
        public var cumulative: SeriesPanel
        /// Init-scale and weight-decay sweeps: each curve's y divided rank-wise by the reference
        /// curve's (the first swept value; NaN where that is 0); nil for other sweeps.
        public var normalised: SeriesPanel?
        /// Legend label of the reference curve, when `normalised` is there.
        public var referenceLabel: String?
    }

    public static func sizeFigure(_ agg: SweepAggregate) -> SizeFigure {
        let series = spectrumSeries(agg, indexed(agg, \.cumulativeSigmaW))
        let spread = series.flatMap { s in zip(s.y, s.error ?? s.y.map { _ in 0 }).map { $0 + $1 } }
        let cumulative = SeriesPanel(title: "\(agg.manifest): cumulative size spectrum", series: series,
                                     yRange: FigureStyle.rangeWithLegendRoom(series.flatMap(\.y) + spread + [0], entries: series.count))
        guard sizeNormalised(agg), let reference = series.first else { return SizeFigure(cumulative: cumulative, normalised: nil, referenceLabel: nil) }
        let ratios = series.map { s in
            let n = min(s.y.count, reference.y.count)
            let ratio = (0..<n).map { reference.y[$0] != 0 ? s.y[$0] / reference.y[$0] : .nan }
            var r = FigureSeries(label: s.label, x: Array(s.x.prefix(n)), y: ratio, color: s.color)
            r.style = s.style
            return r
        }
        let normalised = SeriesPanel(title: "normalised by \(reference.label)", series: ratios,
                                     yRange: FigureStyle.rangeWithLegendRoom(ratios.flatMap(\.y), entries: ratios.count))
        return SizeFigure(cumulative: cumulative, normalised: normalised, referenceLabel: reference.label)
    }

    static func drawSize(_ agg: SweepAggregate, _ figure: Figure) throws {
        let size = sizeFigure(agg)
        let cumulative = size.cumulative
        try figure.panel(title: cumulative.title, x: PlotAxis("rank n (by #gs#dg#u)", scale: .log),
                         y: PlotAxis("#gS#dm≤n#u #gs#dw,m#u", range: cumulative.yRange), legend: .topLeft) { panel in
            for s in cumulative.series {
                guard let sd = s.error else { continue }
                panel.band(x: s.x, lower: zip(s.y, sd).map { $0 - $1 }, upper: zip(s.y, sd).map { $0 + $1 }, color: s.color.opacity(0.18))
            }
            // The curves rise to the right: the bottom-right corner is free.
            if cumulative.series.contains(where: { $0.error != nil }) {
                panel.text("bands: ± std over seeds", at: .fraction(x: 0.97, y: 0.05), justification: 1, size: 0.9)
            }
            for s in cumulative.series {
                panel.line(x: s.x, y: s.y, color: s.color, style: s.style, label: s.label)
            }
        }
        guard let normalised = size.normalised, let refLabel = size.referenceLabel else { return }
        try figure.panel(title: normalised.title, x: PlotAxis("rank n (by #gs#dg#u)", scale: .log),
                         y: PlotAxis("#gS#dm≤n#u #gs#dw,m#u / (same at \(refLabel))", range: normalised.yRange),
                         legend: .topLeft) { panel in
            panel.referenceLine(slope: 0, intercept: 1, color: .lightGray, style: .solid)
            for s in normalised.series {
                panel.line(x: s.x, y: s.y, color: s.color, style: s.style, label: s.label)
            }
        }
    }

    // MARK: Correlation

    /// The correlation figure as values: one series per sweep point with `c`, log-binned
    /// (`logBinned`: ranks 1-10 as they are, higher ranks averaged over 1/10-decade bins, x = the
    /// bin's geometric-mean rank): y = the binned seed mean of c_n, error = the binned rank-wise
    /// seed std (nil with one seed); markers and colours of the sweep points; the y range
    /// (bars and 0 included).
    public static func correlationFigure(_ agg: SweepAggregate) -> SeriesPanel {
        let series = indexed(agg, \.c).map { i, p, s -> FigureSeries in
            let b = logBinned(s.mean)
            var error: [Double]?
            if s.seedCount > 1 {
                let e = logBinned(s.standardDeviation.map { $0.isFinite ? $0 : 0 })
                if e.y.count == b.y.count { error = e.y }
            }
            var series = FigureSeries(label: pointLegend(agg, p), x: b.x, y: b.y, error: error, color: FigureStyle.pointColor(i),
                                      marker: FigureStyle.pointMarker(i))
            if !p.isComparable { series.style = .dashed }
            return series
        }
        let barExtent = series.flatMap { s in s.error.map { zip(s.y, $0).flatMap { [$0 - $1, $0 + $1] } } ?? [] }
        return SeriesPanel(title: "\(agg.manifest): correlation c#dn#u (ranks > 10 in log bins)", series: series,
                           yRange: FigureStyle.rangeWithLegendRoom(series.flatMap(\.y) + barExtent, entries: series.count, includeZero: true))
    }

    static func drawCorrelation(_ agg: SweepAggregate, _ figure: Figure) throws {
        let correlation = correlationFigure(agg)
        let series = correlation.series
        try figure.panel(title: correlation.title, x: PlotAxis("rank n (by #gs#dg#u)", scale: .log),
                         y: PlotAxis("c#dn#u = cov(g#dn#u, w#dn#u) / (#gs#dg,n#u #gs#dw,n#u)", range: correlation.yRange),
                         legend: .topRight) { panel in
            panel.referenceLine(slope: 0, intercept: 0, color: .lightGray, style: .solid)
            // Error bars: the rank-wise std over seeds, averaged over each bin.
            for (k, s) in series.enumerated() {
                guard let error = s.error else { continue }
                let shift = pow(10, 0.008 * (Double(k) - Double(series.count - 1) / 2))
                panel.errorBars(x: s.x.map { $0 * shift }, y: s.y, error: error, color: s.color, width: 1.2)
            }
            if series.contains(where: { $0.error != nil }) {
                panel.text("bars: ± std over seeds (rank-wise, averaged over each bin)", at: .fraction(x: 0.97, y: 0.05), justification: 1, size: 0.85)
            }
            for s in series {
                panel.line(x: s.x, y: s.y, color: s.color, style: s.style, marker: s.marker, markerSize: 0.7, label: s.label)
            }
        }
    }

    /// Ranks 1...10 as they are, higher ranks averaged in bins of 1/10 decade (x = the bin's
    /// geometric-mean rank), so a per-rank series over hundreds of ranks stays readable on a log axis.
    static func logBinned(_ values: [Double]) -> (x: [Double], y: [Double]) {
        var xs: [Double] = [], ys: [Double] = []
        var n = 1
        while n <= values.count {
            let end: Int
            if n <= 10 { end = n } else {
                let k = (Libm.log10(Double(n)) * 10).rounded(.down)
                end = min(values.count, max(n, Int((pow(10, (k + 1) / 10)).rounded(.up)) - 1))
            }
            let slice = values[(n - 1)..<end].filter(\.isFinite)
            if !slice.isEmpty {
                xs.append(pow(10, (Libm.log10(Double(n)) + Libm.log10(Double(end))) / 2))
                ys.append(slice.reduce(0, +) / Double(slice.count))
            }
            n = end + 1
        }
        return (xs, ys)
    }
}
