import AWArchive
import AWCore
import AWPlot
import Foundation

/// The figures of the multi-learner study (docs/LEARNERS.md, docs/FIGURES.md), from a `LearnerStudy`:
/// `<stem>-rates` (six quantities vs the learning rate, SSGD and ring DPSGD), `<stem>-learners` (the
/// same vs the number of DPSGD learners, SSGD as a reference band), `<stem>-spectra` (sharpness and
/// cumulative size spectra), `<stem>-consensus` (consensus distance over epochs). Points: mean over
/// the non-diverged seeds, error bars the sample std; open markers where fewer than half of the
/// seeds met the stop rule.
extension FigureSet {
    /// The six quantities of the per-rate and per-learner figures.
    static let learnerQuantities: [(RunQuantity, String)] = [
        (.measuredGap, "gap L#dtest#u - L#dtrain#u (nats)"), (.sharpPart, "sharp part (nats)"), (.flatPart, "flat part (nats)"),
        (.lambdaMax, "#gl#dmax#u of the layer Hessian"), (.layerNorm, "layer norm |W|#dF#u"), (.size, "size #gS#dn#u #gs#dw,n#u"),
    ]

    static let ssgdColor = PlotColor.series(0)
    static let dpsgdColor = PlotColor.series(3)

    /// One series of `q` over arms (x from `x`), as values.
    static func learnerSeries(_ study: LearnerStudy, _ arms: [LearnerArm], _ q: RunQuantity, x: (LearnerArm) -> Double,
                              label: String, color: PlotColor, marker: Marker) -> FigureSeries? {
        var xs: [Double] = [], ys: [Double] = [], es: [Double] = [], open: [Bool] = []
        for arm in arms {
            let s = study.statistics(q, arm, convergedOnly: false)
            guard s.count > 0 else { continue }
            xs.append(x(arm)); ys.append(s.mean); es.append(s.standardDeviation.isFinite ? s.standardDeviation : 0)
            open.append(!study.isComparable(arm))
        }
        guard !xs.isEmpty else { return nil }
        var series = FigureSeries(label: label, x: xs, y: ys, error: es, color: color, marker: marker, quantity: q)
        if open.contains(true) { series.notComparable = open }
        return series
    }

    /// Panels of `<stem>-rates`: per quantity, SSGD and ring DPSGD vs eta (plus the SGD reference point).
    public static func learnerRatePanels(_ study: LearnerStudy) -> [SeriesPanel] {
        let pairs = study.learningRatePairs
        guard let first = pairs.first else { return [] }
        let tag = "\(first.ssgd.learners) x \(first.ssgd.batchSize)"
        return learnerQuantities.map { q, label in
            var series: [FigureSeries] = []
            if let s = learnerSeries(study, pairs.map(\.ssgd), q, x: \.learningRate, label: "SSGD \(tag)", color: ssgdColor, marker: .filledSquare) { series.append(s) }
            if let s = learnerSeries(study, pairs.map(\.dpsgd), q, x: \.learningRate, label: "ring DPSGD \(tag)", color: dpsgdColor, marker: .filledCircle) { series.append(s) }
            for (k, arm) in study.sgdArms.enumerated() {
                if let s = learnerSeries(study, [arm], q, x: \.learningRate, label: "SGD B = \(arm.batchSize)", color: .black, marker: k == 0 ? .filledDiamond : Marker.series(4 + k)) { series.append(s) }
            }
            return SeriesPanel(title: label.components(separatedBy: " (").first ?? label, series: series)
        }
    }

    /// Panels of `<stem>-learners`: ring DPSGD vs n at one learning rate and total batch; the SSGD
    /// reference as a flat series over the same n range.
    public static func learnerCountPanels(_ study: LearnerStudy) -> [SeriesPanel] {
        guard let (rate, total) = learnerCountSetting(study) else { return [] }
        let arms = study.learnerCountArms(learningRate: rate, totalBatch: total)
        let reference = arms.first.flatMap { study.reference(for: $0) }
        let ns = arms.map { Double($0.learners) }
        return learnerQuantities.map { q, label in
            var series: [FigureSeries] = []
            if let s = learnerSeries(study, arms, q, x: { Double($0.learners) }, label: "ring DPSGD, total batch \(total)",
                                     color: dpsgdColor, marker: .filledCircle) { series.append(s) }
            if let r = reference {
                let st = study.statistics(q, r, convergedOnly: false)
                if st.count > 0, let lo = ns.first, let hi = ns.last {
                    var s = FigureSeries(label: "SSGD (any n): mean, band = std", x: [lo, hi], y: [st.mean, st.mean],
                                         error: [st.standardDeviation.isFinite ? st.standardDeviation : 0, st.standardDeviation.isFinite ? st.standardDeviation : 0],
                                         color: ssgdColor, quantity: q)
                    s.style = .dashed
                    if !study.isComparable(r) { s.notComparable = [true, true] }
                    series.append(s)
                }
            }
            return SeriesPanel(title: "\(label.components(separatedBy: " (").first ?? label), #gy = \(NumberFormat.compact(rate))", series: series)
        }
    }

    /// The learning rate and total batch of the learners sweep: the one with the most DPSGD learner counts.
    static func learnerCountSetting(_ study: LearnerStudy) -> (Double, Int)? {
        let keys = Set(study.arms.keys.filter { $0.algorithm == .dpsgd && $0.topology == .ring && $0.learnerNoise == 0 }
            .map { [$0.learningRate, Double($0.totalBatch)] })
        let best = keys.max { study.learnerCountArms(learningRate: $0[0], totalBatch: Int($0[1])).count
            < study.learnerCountArms(learningRate: $1[0], totalBatch: Int($1[1])).count }
        guard let b = best, study.learnerCountArms(learningRate: b[0], totalBatch: Int(b[1])).count >= 2 else { return nil }
        return (b[0], Int(b[1]))
    }

    static func drawLearnerPanels(_ panels: [SeriesPanel], xLabel: String, figure: Figure) throws {
        for (index, panel) in panels.enumerated() {
            let xs = Array(Set(panel.series.flatMap(\.x))).sorted()
            // The y range follows the comparable points; a point that is not comparable and lies
            // far outside is drawn at the edge with its value written beside it ("off scale").
            func extent(comparableOnly: Bool) -> [Double] {
                panel.series.flatMap { s in
                    s.y.indices.filter { !comparableOnly || !(s.notComparable?[$0] ?? false) }.flatMap { i -> [Double] in
                        let e = s.error?[i] ?? 0
                        return [s.y[i] - e, s.y[i] + e]
                    }
                }
            }
            let comparable = extent(comparableOnly: true)
            let extent = comparable.isEmpty ? extent(comparableOnly: false) : comparable
            let marksOpen = panel.series.contains { $0.notComparable != nil }
            let legend: LegendPlacement? = index == 0 ? .topRight : nil
            let entries = legend == nil ? 0 : panel.series.count + (marksOpen ? 1 : 0)
            let yRange = FigureStyle.rangeWithLegendRoom(extent, entries: entries, includeZero: true)
            let xRange = paddedRange(xs, log: true)
            try figure.panel(title: panel.title, x: PlotAxis(xLabel, scale: .log, range: xRange),
                             y: PlotAxis(panel.title.components(separatedBy: ", #gy").first ?? panel.title, range: yRange), legend: legend) { plot in
                plot.referenceLine(slope: 0, intercept: 0, color: .lightGray, style: .solid)
                var offScale: [(x: Double, text: String)] = []
                for (k, original) in panel.series.enumerated() {
                    var s = original
                    let px = s.marker == nil ? s.x : s.x.map { jitter($0, series: k, of: panel.series.count, xs: xs, log: true) }
                    if let range = yRange, s.marker != nil {
                        // a mean outside the range (only not-comparable points can be): left out, named in a note
                        let outside = s.y.indices.filter { !range.contains(s.y[$0]) }
                        let name = s.label.components(separatedBy: " ")[s.label.hasPrefix("ring") ? 1 : 0]
                        for i in outside { offScale.append((s.x[i], "\(name) \(NumberFormat.significant(s.y[i], 2))")) }
                        let keep = s.y.indices.filter { range.contains(s.y[$0]) }
                        s.y = keep.map { s.y[$0] }; s.x = keep.map { s.x[$0] }; s.error = s.error.map { e in keep.map { e[$0] } }
                        s.notComparable = s.notComparable.map { o in keep.map { o[$0] } }
                        let shifted = keep.map { px[$0] }
                        plot.errorBars(x: shifted, y: s.y, error: s.error ?? [], color: s.color)
                        plot.line(x: shifted, y: s.y, color: s.color, label: nil)
                        drawMarkers(&plot, x: shifted, y: s.y, open: s.notComparable, color: s.color, marker: s.marker!, size: 1.1, label: s.label)
                        continue
                    }
                    if s.marker == nil {
                        // a reference band: mean line and +- std
                        let e = s.error ?? s.y.map { _ in 0 }
                        plot.band(x: px, lower: zip(s.y, e).map { $0 - $1 }, upper: zip(s.y, e).map { $0 + $1 }, color: s.color.opacity(0.18))
                        plot.line(x: px, y: s.y, color: s.color, style: s.style, label: s.label)
                        continue
                    }
                    plot.errorBars(x: px, y: s.y, error: s.error ?? [], color: s.color)
                    plot.line(x: px, y: s.y, color: s.color, label: nil)
                    drawMarkers(&plot, x: px, y: s.y, open: s.notComparable, color: s.color, marker: s.marker!, size: 1.1, label: s.label)
                }
                if marksOpen && legend != nil {
                    plot.points(x: [], y: [], color: .gray, marker: .circle, size: 1.1, label: convergenceLegend)
                }
                if let range = yRange, !offScale.isEmpty, let right = xRange?.upperBound {
                    let groups = Array(Set(offScale.map(\.x))).sorted().map { x in
                        "#gy = \(NumberFormat.compact(x)): " + offScale.filter { $0.x == x }.map(\.text).joined(separator: ", ")
                    }
                    plot.text("off scale: " + groups.joined(separator: "; "),
                              at: .data(x: right, y: range.lowerBound + 0.04 * (range.upperBound - range.lowerBound)),
                              color: .black, justification: 1.02, size: 0.8)
                }
            }
        }
    }

    /// Curves of `<stem>-spectra`: the mean sigma_g,n and the mean cumulative sigma_w over the
    /// converged seeds. First pair of panels: per learning rate where both arms are comparable
    /// (SSGD dashed, DPSGD solid); second pair: per ring DPSGD learner count at the learners
    /// sweep's learning rate, with SSGD dashed.
    public static func learnerSpectrumPanels(_ study: LearnerStudy) -> [SeriesPanel] {
        func curves(_ arms: [(LearnerArm, LineStyle, String, Int)]) -> (sharp: [FigureSeries], size: [FigureSeries]) {
            var sharp: [FigureSeries] = [], size: [FigureSeries] = []
            for (arm, style, label, colour) in arms {
                let analysed = study.runs(arm).filter(\.metStopRule).compactMap(\.analysis)
                guard !analysed.isEmpty else { continue }
                let g = RankwiseSpectrum(series: analysed.map(\.sigmaG))
                let w = RankwiseSpectrum.cumulative(series: analysed.map(\.sigmaW))
                var a = FigureSeries(label: label, x: g.ranks, y: g.mean, color: PlotColor.series(colour)); a.style = style
                var b = FigureSeries(label: label, x: w.ranks, y: w.mean, color: PlotColor.series(colour)); b.style = style
                sharp.append(a); size.append(b)
            }
            return (sharp, size)
        }
        var panels: [SeriesPanel] = []
        var byRate: [(LearnerArm, LineStyle, String, Int)] = []
        for (k, pair) in study.learningRatePairs.enumerated() where study.isComparable(pair.ssgd) && study.isComparable(pair.dpsgd) {
            let eta = "#gy = \(NumberFormat.compact(pair.ssgd.learningRate))"
            byRate += [(pair.ssgd, .dashed, "SSGD \(eta)", k + 1), (pair.dpsgd, .solid, "DPSGD \(eta)", k + 1)]
        }
        let rates = curves(byRate)
        if !rates.sharp.isEmpty {
            panels += [SeriesPanel(title: "sharpness spectrum per learning rate", series: rates.sharp),
                       SeriesPanel(title: "cumulative size spectrum per learning rate", series: rates.size)]
        }
        if let (rate, total) = learnerCountSetting(study) {
            let arms = study.learnerCountArms(learningRate: rate, totalBatch: total).filter { study.isComparable($0) }
            var byCount = arms.enumerated().map { k, arm in (arm, LineStyle.solid, "DPSGD n = \(arm.learners)", k + 1) }
            if let r = arms.first.flatMap({ study.reference(for: $0) }), study.isComparable(r) { byCount.append((r, .dashed, "SSGD", 0)) }
            let counts = curves(byCount)
            if !counts.sharp.isEmpty {
                let eta = "#gy = \(NumberFormat.compact(rate))"
                panels += [SeriesPanel(title: "sharpness spectrum per learner count, \(eta)", series: counts.sharp),
                           SeriesPanel(title: "cumulative size spectrum per learner count, \(eta)", series: counts.size)]
            }
        }
        return panels
    }

    static func drawLearnerSpectra(_ panels: [SeriesPanel], figure: Figure) throws {
        for index in stride(from: 0, to: panels.count - 1, by: 2) {
            let sharp = panels[index], size = panels[index + 1]
            let positive = sharp.series.flatMap(\.y).filter { $0 > 0 }
            let maxRank = sharp.series.map { $0.x.count }.max() ?? 1
            try figure.panel(title: sharp.title + " (converged seeds)",
                             x: PlotAxis("rank n (by #gs#dg#u)", scale: .log, range: 1...Double(Swift.max(2, maxRank))),
                             y: PlotAxis("#gs#dg,n#u", scale: .log,
                                         range: FigureStyle.logRangeWithLegendRoom(positive, entries: sharp.series.count, maxDecades: 4)),
                             legend: .topRight) { plot in
                for s in sharp.series {
                    let keep = s.y.indices.filter { s.y[$0] > 0 }
                    plot.line(x: keep.map { s.x[$0] }, y: keep.map { s.y[$0] }, color: s.color, style: s.style, label: s.label)
                }
            }
            let values = size.series.flatMap(\.y)
            try figure.panel(title: size.title, x: PlotAxis("rank n (by #gs#dg#u)", scale: .log, range: 1...Double(Swift.max(2, maxRank))),
                             y: PlotAxis("#gS#dm≤n#u #gs#dw,m#u", range: FigureStyle.rangeWithLegendRoom(values, entries: size.series.count, includeZero: true)),
                             legend: .topLeft) { plot in
                for s in size.series { plot.line(x: s.x, y: s.y, color: s.color, style: s.style, label: s.label) }
            }
        }
    }

    /// Curves of `<stem>-consensus`: mean consensus distance per epoch (band: +- std over seeds) of
    /// ring DPSGD per learning rate and per learner count.
    public static func learnerConsensusPanels(_ study: LearnerStudy) -> [SeriesPanel] {
        func curves(_ arms: [LearnerArm], _ label: (LearnerArm) -> String) -> [FigureSeries] {
            arms.enumerated().compactMap { k, arm in
                let h = study.consensusHistory(arm)
                guard !h.mean.isEmpty else { return nil }
                let epochs = (1...h.mean.count).map(Double.init)
                let error = h.spread.map { $0.isFinite ? $0 : 0 }
                return FigureSeries(label: label(arm) + " (\(study.convergenceText(arm)) conv.)", x: epochs, y: h.mean, error: error,
                                    color: PlotColor.series(k + 1))
            }
        }
        var panels: [SeriesPanel] = []
        let rates = curves(study.learningRatePairs.map(\.dpsgd)) { "#gy = \(NumberFormat.compact($0.learningRate))" }
        if !rates.isEmpty { panels.append(SeriesPanel(title: "ring DPSGD per learning rate", series: rates)) }
        if let (rate, total) = learnerCountSetting(study) {
            let counts = curves(study.learnerCountArms(learningRate: rate, totalBatch: total)) { "n = \($0.learners)" }
            if !counts.isEmpty { panels.append(SeriesPanel(title: "ring DPSGD per learner count, #gy = \(NumberFormat.compact(rate))", series: counts)) }
        }
        return panels
    }

    static func drawLearnerConsensus(_ panels: [SeriesPanel], figure: Figure) throws {
        for panel in panels {
            let positive = panel.series.flatMap(\.y).filter { $0 > 0 }
            let maxEpoch = panel.series.map { $0.x.count }.max() ?? 1
            try figure.panel(title: panel.title, x: PlotAxis("epoch", scale: .log, range: 1...Double(Swift.max(2, maxEpoch))),
                             y: PlotAxis("(1/n) #gS#di#u |w#di#u - w#dmean#u|#u2#d", scale: .log,
                                         range: FigureStyle.logRangeWithLegendRoom(positive, entries: panel.series.count, maxDecades: 7)),
                             legend: .topRight) { plot in
                for s in panel.series {
                    let keep = s.y.indices.filter { s.y[$0] > 0 }
                    let e = s.error ?? []
                    // the band: mean +- std, its lower edge kept positive for the log axis
                    plot.band(x: keep.map { s.x[$0] }, lower: keep.map { Swift.max(s.y[$0] - e[$0], s.y[$0] * 0.1) },
                              upper: keep.map { s.y[$0] + e[$0] }, color: s.color.opacity(0.2))
                    plot.line(x: keep.map { s.x[$0] }, y: keep.map { s.y[$0] }, color: s.color, label: s.label)
                }
            }
        }
    }

    /// Every learner figure of `study` under `stem` in `directory`; returns the files written.
    @discardableResult
    public static func renderLearners(_ study: LearnerStudy, outputDirectory: URL, stem: String) throws -> [URL] {
        var files: [URL] = []
        func base(_ name: String) -> String { outputDirectory.appendingPathComponent("\(stem)-\(name)").path }
        let rates = learnerRatePanels(study)
        if !rates.isEmpty {
            files += try write(base("rates"), page: FigureStyle.grid(rates.count)) {
                try drawLearnerPanels(rates, xLabel: "learning rate #gy", figure: $0)
            }
        }
        let counts = learnerCountPanels(study)
        if !counts.isEmpty {
            files += try write(base("learners"), page: FigureStyle.grid(counts.count)) {
                try drawLearnerPanels(counts, xLabel: "learners n (same total batch)", figure: $0)
            }
        }
        let spectra = learnerSpectrumPanels(study)
        if !spectra.isEmpty {
            let page = spectra.count > 2 ? PageSetup(width: 1800, height: 1500, columns: 2, rows: 2, fontScale: 0.75, lineWidth: 2.5)
                                         : FigureStyle.double
            files += try write(base("spectra"), page: page) { try drawLearnerSpectra(spectra, figure: $0) }
        }
        let consensus = learnerConsensusPanels(study)
        if !consensus.isEmpty {
            files += try write(base("consensus"), page: FigureStyle.grid(consensus.count)) { try drawLearnerConsensus(consensus, figure: $0) }
        }
        return files
    }

    /// The figure names `renderLearners` writes for this study (without extension).
    public static func plannedLearnerFigures(_ study: LearnerStudy) -> [String] {
        var out: [String] = []
        if !learnerRatePanels(study).isEmpty { out.append("rates") }
        if !learnerCountPanels(study).isEmpty { out.append("learners") }
        if !learnerSpectrumPanels(study).isEmpty { out.append("spectra") }
        if !learnerConsensusPanels(study).isEmpty { out.append("consensus") }
        return out
    }
}
