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

    static func drawGap(_ agg: SweepAggregate, _ figure: Figure) throws {
        let parameter = agg.parameters[0]
        let sharpCount = agg.points.compactMap(\.sharpCount).first
        let series: [(RunQuantity, PlotColor, Marker, String)] = [
            (.measuredGap, FigureStyle.measuredGap, .filledCircle, "measured L#dtest#u - L#dtrain#u"),
            (.covarianceTotal, FigureStyle.total, .filledSquare, "total #gS#dn#u c#dn#u #gs#dg,n#u #gs#dw,n#u"),
            (.sharpPart, FigureStyle.sharp, .filledTriangle, "sharp part (top \(sharpCount.map(String.init) ?? "K") ranks)"),
            (.flatPart, FigureStyle.flat, .filledDiamond, "flat part (other ranks)"),
        ]
        let panels = gapPanels(agg)
        for (subtitle, points) in panels {
            let xs = points.map { $0.values[0] }
            let log = parameter.usesLogScale(values: agg.points.map { $0.values[0] })
            let title = subtitle.isEmpty ? "\(agg.manifest): gap decomposition" : "\(agg.manifest): \(subtitle)"
            try figure.panel(title: title, x: PlotAxis(parameter.plotLabel, scale: log ? .log : .linear, range: paddedRange(xs, log: log)),
                             y: PlotAxis("generalization gap"), legend: .topLeft) { panel in
                panel.referenceLine(slope: 0, intercept: 0, color: .lightGray, style: .solid)
                for (k, (q, color, marker, label)) in series.enumerated() {
                    var px: [Double] = [], py: [Double] = [], pe: [Double] = []
                    for (x, p) in zip(xs, points) {
                        guard let s = p[q] else { continue }
                        px.append(jitter(x, series: k, of: series.count, xs: xs, log: log))
                        py.append(s.mean)
                        pe.append(s.standardDeviation.isFinite ? s.standardDeviation : 0)
                    }
                    guard !px.isEmpty else { continue }
                    panel.errorBars(x: px, y: py, error: pe, color: color)
                    panel.line(x: px, y: py, color: color, marker: marker, markerSize: 1.3, label: label)
                }
            }
        }
    }

    /// Spreads the series of the gap figure a little along x so error bars do not overlap.
    static func jitter(_ x: Double, series k: Int, of count: Int, xs: [Double], log: Bool) -> Double {
        let shift = Double(k) - Double(count - 1) / 2
        if log {
            let lx = xs.filter { $0 > 0 }.map { Foundation.log10($0) }
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
            let a = Foundation.log10(lo), b = Foundation.log10(hi)
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

    static func drawSharpness(_ agg: SweepAggregate, _ figure: Figure) throws {
        try figure.panel(title: "\(agg.manifest): sharpness spectrum", x: PlotAxis("rank n (by #gs#dg#u)", scale: .log),
                         y: PlotAxis("sharpness #gs#dg,n#u", scale: .log), legend: .topRight) { panel in
            for (i, p, s) in indexed(agg, \.sigmaG) {
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
        try figure.panel(title: "\(agg.manifest): cumulative size spectrum", x: PlotAxis("rank n (by #gs#dg#u)", scale: .log),
                         y: PlotAxis("#gS#dm≤n#u #gs#dw,m#u"), legend: .topLeft) { panel in
            for (i, p, s) in curves {
                panel.line(x: s.ranks, y: s.mean, color: FigureStyle.pointColor(i), label: agg.plotLegend(p))
            }
        }
        guard sizeNormalised(agg), let reference = curves.first else { return }
        let refLabel = agg.plotLegend(reference.1)
        try figure.panel(title: "normalised by \(refLabel)", x: PlotAxis("rank n (by #gs#dg#u)", scale: .log),
                         y: PlotAxis("#gS#dm≤n#u #gs#dw,m#u / (same at \(refLabel))"), legend: .topLeft) { panel in
            panel.referenceLine(slope: 0, intercept: 1, color: .lightGray, style: .solid)
            for (i, p, s) in curves {
                let n = min(s.count, reference.2.count)
                let ratio = (0..<n).map { reference.2.mean[$0] != 0 ? s.mean[$0] / reference.2.mean[$0] : .nan }
                panel.line(x: Array(s.ranks.prefix(n)), y: ratio, color: FigureStyle.pointColor(i), label: agg.plotLegend(p))
            }
        }
    }

    static func drawCorrelation(_ agg: SweepAggregate, _ figure: Figure) throws {
        try figure.panel(title: "\(agg.manifest): correlation c#dn#u", x: PlotAxis("rank n (by #gs#dg#u)", scale: .log),
                         y: PlotAxis("c#dn#u = cov(g#dn#u, w#dn#u) / (#gs#dg,n#u #gs#dw,n#u)"), legend: .topRight) { panel in
            panel.referenceLine(slope: 0, intercept: 0, color: .lightGray, style: .solid)
            for (i, p, s) in indexed(agg, \.c) {
                panel.line(x: s.ranks, y: s.mean, color: FigureStyle.pointColor(i), label: agg.plotLegend(p))
            }
        }
    }
}
