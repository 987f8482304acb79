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
    }

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
                var x: [Double] = [], y: [Double] = [], e: [Double] = []
                for p in points {
                    guard let st = p[q] else { continue }
                    x.append(p.values[0]); y.append(st.mean)
                    e.append(st.standardDeviation.isFinite ? st.standardDeviation : 0)
                }
                return x.isEmpty ? nil : FigureSeries(label: label, x: x, y: y, error: e, color: color, marker: marker, quantity: q)
            }
            return GapPanel(title: title, series: series)
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
            let extent = panel.series.flatMap { s in zip(s.y, s.error ?? s.y.map { _ in 0 }).flatMap { [$0 - $1, $0 + $1] } }
            let gaps = (panel.series.first { $0.quantity == .measuredGap } ?? panel.series.first { $0.quantity == .covarianceTotal })?.y ?? []
            // In a grid of panels only the first carries the legend (same series everywhere).
            let legend: LegendPlacement? = index > 0 ? nil : ((gaps.first ?? 0) > (gaps.last ?? 0) ? .topRight : .topLeft)
            try figure.panel(title: panel.title, x: PlotAxis(parameter.plotLabel, scale: log ? .log : .linear, range: paddedRange(xs, log: log)),
                             y: PlotAxis("generalization gap (nats)", range: FigureStyle.rangeWithLegendRoom(extent, entries: legend == nil ? 0 : panel.series.count, includeZero: true)),
                             legend: legend) { plot in
                plot.referenceLine(slope: 0, intercept: 0, color: .lightGray, style: .solid)
                // Only series with data are spread along x (a metrics-only sweep is not shifted).
                for (k, s) in panel.series.enumerated() {
                    let px = s.x.map { jitter($0, series: k, of: panel.series.count, xs: xs, log: log) }
                    plot.errorBars(x: px, y: s.y, error: s.error ?? [], color: s.color)
                    plot.line(x: px, y: s.y, color: s.color, marker: s.marker ?? .filledCircle, markerSize: compact ? 0.9 : 1.3, label: s.label)
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

    /// Whether any curve averages several seeds (then error bars are drawn).
    static func hasSeeds(_ curves: [(Int, SweepPoint, RankwiseSpectrum)]) -> Bool { curves.contains { $0.2.seedCount > 1 } }

    /// Rank-wise error bars (+- std over seeds) at `errorBarRanks`, each curve shifted a little
    /// along the log x axis so the bars of different curves do not sit on top of each other.
    static func spectrumErrorBars(_ panel: inout Panel, _ curves: [(Int, SweepPoint, RankwiseSpectrum)]) {
        for (k, (i, _, s)) in curves.enumerated() where s.seedCount > 1 {
            let shift = pow(10, 0.012 * (Double(k) - Double(curves.count - 1) / 2))
            let ranks = errorBarRanks(s.count)
            panel.errorBars(x: ranks.map { Double($0) * shift }, y: ranks.map { s.mean[$0 - 1] },
                            error: ranks.map { s.standardDeviation[$0 - 1].isFinite ? s.standardDeviation[$0 - 1] : 0 },
                            color: FigureStyle.pointColor(i), width: 1.5)
        }
    }

    /// " (seeds: 2-3; bars ± std)" style note for spectrum titles.
    static func seedNote(_ curves: [(Int, SweepPoint, RankwiseSpectrum)]) -> String {
        let counts = curves.map(\.2.seedCount)
        guard let lo = counts.min(), let hi = counts.max(), hi > 1 else { return "" }
        return "; bars: ± std over \(lo == hi ? "\(lo)" : "\(lo)-\(hi)") seeds"
    }

    static func drawSharpness(_ agg: SweepAggregate, _ figure: Figure) throws {
        let curves = indexed(agg, \.sigmaG)
        let all = curves.flatMap { $0.2.mean }
        let range = FigureStyle.logRangeWithLegendRoom(all, entries: 0)
        let notes = (FigureStyle.clippedNote(all, range: range) + seedNote(curves)).dropFirst(2)
        // Curves fall from top left to bottom right: the legend sits bottom left, off the data.
        try figure.panel(title: "\(agg.manifest): sharpness spectrum" + (notes.isEmpty ? "" : " (\(notes))"),
                         x: PlotAxis("rank n (by #gs#dg#u)", scale: .log), y: PlotAxis("sharpness #gs#dg,n#u", scale: .log, range: range),
                         legend: .bottomLeft) { panel in
            spectrumErrorBars(&panel, curves)
            for (i, p, s) in curves {
                panel.line(x: s.ranks, y: s.mean, color: FigureStyle.pointColor(i), label: agg.plotLegend(p))
            }
        }
    }

    /// Init-scale and weight-decay sweeps get a second panel normalised by the first swept value.
    static func sizeNormalised(_ agg: SweepAggregate) -> Bool {
        guard let p = agg.singleParameter else { return false }
        return (p.kind == .initScale || p.kind == .weightDecay) && indexed(agg, \.cumulativeSigmaW).count > 1
    }

    static func sizePage(_ agg: SweepAggregate) -> PageSetup { sizeNormalised(agg) ? FigureStyle.double : FigureStyle.single }

    static func drawSize(_ agg: SweepAggregate, _ figure: Figure) throws {
        let curves = indexed(agg, \.cumulativeSigmaW)
        let spread = curves.flatMap { c in zip(c.2.mean, c.2.standardDeviation).map { $0 + ($1.isFinite ? $1 : 0) } }
        try figure.panel(title: "\(agg.manifest): cumulative size spectrum", x: PlotAxis("rank n (by #gs#dg#u)", scale: .log),
                         y: PlotAxis("#gS#dm≤n#u #gs#dw,m#u", range: FigureStyle.rangeWithLegendRoom(curves.flatMap { $0.2.mean } + spread + [0], entries: curves.count)),
                         legend: .topLeft) { panel in
            for (i, _, s) in curves where s.seedCount > 1 {
                let sd = s.standardDeviation.map { $0.isFinite ? $0 : 0 }
                panel.band(x: s.ranks, lower: zip(s.mean, sd).map { $0 - $1 }, upper: zip(s.mean, sd).map { $0 + $1 },
                           color: FigureStyle.pointColor(i).opacity(0.18))
            }
            // The curves rise to the right: the bottom-right corner is free.
            if hasSeeds(curves) {
                panel.text("bands: ± std over seeds", at: .fraction(x: 0.97, y: 0.05), justification: 1, size: 0.9)
            }
            for (i, p, s) in curves {
                panel.line(x: s.ranks, y: s.mean, color: FigureStyle.pointColor(i), label: agg.plotLegend(p))
            }
        }
        guard sizeNormalised(agg), let reference = curves.first else { return }
        let refLabel = agg.plotLegend(reference.1)
        let ratios = curves.map { (i, p, s) -> (Int, SweepPoint, [Double], [Double]) in
            let n = min(s.count, reference.2.count)
            let ratio = (0..<n).map { reference.2.mean[$0] != 0 ? s.mean[$0] / reference.2.mean[$0] : .nan }
            return (i, p, Array(s.ranks.prefix(n)), ratio)
        }
        try figure.panel(title: "normalised by \(refLabel)", x: PlotAxis("rank n (by #gs#dg#u)", scale: .log),
                         y: PlotAxis("#gS#dm≤n#u #gs#dw,m#u / (same at \(refLabel))",
                                     range: FigureStyle.rangeWithLegendRoom(ratios.flatMap { $0.3 }, entries: ratios.count)),
                         legend: .topLeft) { panel in
            panel.referenceLine(slope: 0, intercept: 1, color: .lightGray, style: .solid)
            for (i, p, x, y) in ratios {
                panel.line(x: x, y: y, color: FigureStyle.pointColor(i), label: agg.plotLegend(p))
            }
        }
    }

    static func drawCorrelation(_ agg: SweepAggregate, _ figure: Figure) throws {
        let raw = indexed(agg, \.c)
        let curves = raw.map { (i, p, s) in (i, p, logBinned(s.mean)) }
        let barExtent = raw.filter { $0.2.seedCount > 1 }.flatMap { c -> [Double] in
            let b = logBinned(c.2.mean), e = logBinned(c.2.standardDeviation.map { $0.isFinite ? $0 : 0 })
            return b.y.count == e.y.count ? zip(b.y, e.y).flatMap { [$0 - $1, $0 + $1] } : []
        }
        try figure.panel(title: "\(agg.manifest): correlation c#dn#u (ranks > 10 in log bins)", x: PlotAxis("rank n (by #gs#dg#u)", scale: .log),
                         y: PlotAxis("c#dn#u = cov(g#dn#u, w#dn#u) / (#gs#dg,n#u #gs#dw,n#u)",
                                     range: FigureStyle.rangeWithLegendRoom(curves.flatMap { $0.2.y } + barExtent, entries: curves.count, includeZero: true)),
                         legend: .topRight) { panel in
            panel.referenceLine(slope: 0, intercept: 0, color: .lightGray, style: .solid)
            // Error bars: the rank-wise std over seeds, averaged over each bin.
            for (k, (i, _, s)) in raw.enumerated() where s.seedCount > 1 {
                let b = logBinned(s.mean), e = logBinned(s.standardDeviation.map { $0.isFinite ? $0 : 0 })
                guard b.x.count == e.y.count else { continue }
                let shift = pow(10, 0.008 * (Double(k) - Double(raw.count - 1) / 2))
                panel.errorBars(x: b.x.map { $0 * shift }, y: b.y, error: e.y, color: FigureStyle.pointColor(i), width: 1.2)
            }
            if hasSeeds(raw) {
                panel.text("bars: ± std over seeds (rank-wise, averaged over each bin)", at: .fraction(x: 0.97, y: 0.05), justification: 1, size: 0.85)
            }
            for (i, p, b) in curves {
                panel.line(x: b.x, y: b.y, color: FigureStyle.pointColor(i), marker: FigureStyle.pointMarker(i), markerSize: 0.7,
                           label: agg.plotLegend(p))
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
