import AWArchive
import AWPlot
import Foundation
import Testing
@testable import AWFigures

/// The sharpness, size and correlation figures as values, checked against the records: the
/// expected numbers are computed here from the records' arrays, not through AWFigures' aggregation.
@Suite("Sweep figure series carry the records' spectra")
struct SweepFigureSeriesTests {
    typealias S = SeedStatistics
    static let key = "training.batch_size"
    static let values = [25.0, 100, 400]

    /// Three swept values, four seeds each, 120 ranks.
    func records(seeds: Int = 4) -> [RunRecord] {
        SyntheticRecords.sweep(manifest: "b", key: Self.key, values: Self.values, seeds: seeds,
                               sharpness: { 1 + log10($0) }, size: { _ in 1 }, noise: 0.2)
    }

    func aggregate(_ records: [RunRecord]) -> SweepAggregate { SweepAggregate.aggregate(manifest: "b", records: records) }

    /// The records of swept value `v`.
    func runs(_ records: [RunRecord], _ v: Double) -> [RunRecord] { records.filter { $0.sweptValues[Self.key] == v } }

    /// Every y of every series, to compare before and after a change.
    func ys(_ panel: SeriesPanel) -> [[Double]] { panel.series.map(\.y) }

    /// (series, index) of the entries where the two panels' y differ.
    func changed(_ a: SeriesPanel, _ b: SeriesPanel) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        #expect(a.series.count == b.series.count)
        for (k, (s, t)) in zip(a.series, b.series).enumerated() {
            guard s.y.count == t.y.count else {
                Issue.record("series \(k): \(s.y.count) vs \(t.y.count) points")
                out += s.y.indices.map { (k, $0) }
                continue
            }
            for i in s.y.indices where s.y[i] != t.y[i] { out.append((k, i)) }
        }
        return out
    }

    @Test("sharpness: curve of each swept value = seed mean of sigma_g[n], error bar = seed std")
    func sharpness() throws {
        var rs = records()
        let panel = FigureSet.sharpnessFigure(aggregate(rs))
        #expect(panel.series.map(\.label) == ["B = 25", "B = 100", "B = 400"])
        #expect(panel.series.map(\.color) == [PlotColor.series(0), PlotColor.series(1), PlotColor.series(2)])
        #expect(panel.title.hasPrefix("b: sharpness spectrum") && panel.title.contains("± std over 4 seeds"))
        for (i, v) in Self.values.enumerated() {
            let s = panel.series[i], seeds = runs(rs, v).map { $0.analysis!.sigmaG }
            #expect(seeds.count == 4 && s.x == (1...120).map(Double.init))
            let error = try #require(s.error)
            for n in 0..<120 {
                let column = seeds.map { $0[n] }
                #expect(S.close(s.y[n], S.mean(column)), "mean, B = \(v), rank \(n + 1)")
                #expect(S.close(error[n], S.std(column)), "std, B = \(v), rank \(n + 1)")
            }
        }
        // The y range holds every positive mean of the top 8 decades.
        let range = try #require(panel.yRange)
        #expect(panel.series.flatMap(\.y).allSatisfy { $0 <= range.upperBound })

        // One seed's sigma_g at rank 5 (swept value 100) moves exactly that point, by delta / 4.
        let j = try #require(rs.firstIndex { $0.sweptValues[Self.key] == 100 && $0.replicate == 2 })
        let delta = 0.004
        rs[j].analysis!.sigmaG[4] += delta
        let moved = FigureSet.sharpnessFigure(aggregate(rs))
        let diff = changed(panel, moved)
        try #require(diff.count == 1)
        #expect(diff[0] == (1, 4))
        #expect(abs(moved.series[1].y[4] - panel.series[1].y[4] - delta / 4) < 1e-12)
        #expect(moved.series[1].error?[4] != panel.series[1].error?[4])

        // One seed: no error bars, no seed note.
        let single = FigureSet.sharpnessFigure(aggregate(records(seeds: 1)))
        #expect(single.series.count == 3 && single.series.allSatisfy { $0.error == nil })
        #expect(!single.title.contains("seeds"))
    }

    @Test("size: cumulative curve = seed mean of the running sum of sigma_w, band = its seed std")
    func size() throws {
        var rs = records()
        let figure = FigureSet.sizeFigure(aggregate(rs))
        #expect(figure.normalised == nil && figure.referenceLabel == nil)   // batch size: one panel
        let panel = figure.cumulative
        #expect(panel.title == "b: cumulative size spectrum" && panel.series.count == 3)
        for (i, v) in Self.values.enumerated() {
            let s = panel.series[i]
            let running = runs(rs, v).map { r -> [Double] in
                var acc = 0.0
                return r.analysis!.sigmaW.map { acc += $0; return acc }
            }
            #expect(s.x == (1...120).map(Double.init) && s.color == PlotColor.series(i))
            let error = try #require(s.error)
            for n in 0..<120 {
                let column = running.map { $0[n] }
                #expect(S.close(s.y[n], S.mean(column)), "mean, B = \(v), rank \(n + 1)")
                #expect(S.close(error[n], S.std(column)), "std, B = \(v), rank \(n + 1)")
            }
            // The last point is the seed mean of the size Σ_n sigma_w,n.
            #expect(S.close(s.y[119], S.mean(runs(rs, v).map { $0.analysis!.sigmaW.reduce(0, +) })))
        }

        // One seed's sigma_w at rank 5 moves the curve from rank 5 on, each by delta / 4.
        let j = try #require(rs.firstIndex { $0.sweptValues[Self.key] == 400 && $0.replicate == 0 })
        let delta = 0.01
        rs[j].analysis!.sigmaW[4] += delta
        let moved = FigureSet.sizeFigure(aggregate(rs)).cumulative
        let diff = changed(panel, moved)
        #expect(diff.map(\.0) == Array(repeating: 2, count: 116) && diff.map(\.1) == Array(4..<120))
        for n in 4..<120 {
            #expect(abs(moved.series[2].y[n] - panel.series[2].y[n] - delta / 4) < 1e-12)
        }
    }

    @Test("size, init-scale sweep: second panel = each curve over the first value's curve")
    func sizeNormalised() throws {
        let rs = SyntheticRecords.sweep(manifest: "s", key: "model.init_scale", values: [4, 5, 6], seeds: 3,
                                        sharpness: { _ in 1 }, size: { $0 / 4 })
        let figure = FigureSet.sizeFigure(SweepAggregate.aggregate(manifest: "s", records: rs))
        let normalised = try #require(figure.normalised)
        #expect(figure.referenceLabel == "s = 4" && normalised.title == "normalised by s = 4")
        func seedMeanRunning(_ v: Double) -> [Double] {
            let running = rs.filter { $0.sweptValues["model.init_scale"] == v }.map { r -> [Double] in
                var acc = 0.0
                return r.analysis!.sigmaW.map { acc += $0; return acc }
            }
            return (0..<120).map { n in S.mean(running.map { $0[n] }) }
        }
        let reference = seedMeanRunning(4)
        for (i, v) in [4.0, 5, 6].enumerated() {
            let expected = zip(seedMeanRunning(v), reference).map { $0 / $1 }
            #expect(normalised.series[i].y.count == 120)
            #expect(zip(normalised.series[i].y, expected).allSatisfy { S.close($0, $1) }, "ratio at s = \(v)")
        }
        #expect(normalised.series[0].y.allSatisfy { abs($0 - 1) < 1e-12 })
        // Size grows with s here: the ratios of s = 6 lie above those of s = 5.
        #expect(zip(normalised.series[2].y, normalised.series[1].y).allSatisfy { $0 > $1 })
    }

    @Test("correlation: ranks 1-10 are the seed means of c[n], higher ranks their 1/10-decade bin means")
    func correlation() throws {
        var rs = records()
        let panel = FigureSet.correlationFigure(aggregate(rs))
        #expect(panel.series.map(\.marker) == [Marker.series(0), Marker.series(1), Marker.series(2)])
        for (i, v) in Self.values.enumerated() {
            let s = panel.series[i], seeds = runs(rs, v).map { $0.analysis!.c }
            let mean = (0..<120).map { n in S.mean(seeds.map { $0[n] }) }
            let std = (0..<120).map { n in S.std(seeds.map { $0[n] }) }
            let error = try #require(s.error)
            for n in 0..<10 {
                #expect(abs(s.x[n] - Double(n + 1)) < 1e-12)
                #expect(S.close(s.y[n], mean[n]) && S.close(error[n], std[n]), "rank \(n + 1), B = \(v)")
            }
            // The bin after rank 10 covers ranks 11 and 12 (x = their geometric mean).
            #expect(abs(s.x[10] - (11.0 * 12).squareRoot()) < 1e-9)
            #expect(S.close(s.y[10], (mean[10] + mean[11]) / 2) && S.close(error[10], (std[10] + std[11]) / 2))
            #expect(s.x.last! <= 120 && zip(s.x, s.x.dropFirst()).allSatisfy { $0 < $1 })
        }
        // One seed's c at rank 4 moves only that point (delta / 4); at rank 12 only the bin 11-12 (delta / 8).
        let j = try #require(rs.firstIndex { $0.sweptValues[Self.key] == 25 && $0.replicate == 1 })
        let original = rs[j].analysis!.c[3]
        rs[j].analysis!.c[3] += 0.2
        var moved = FigureSet.correlationFigure(aggregate(rs))
        var diff = changed(panel, moved)
        try #require(diff.count == 1)
        #expect(diff[0] == (0, 3))
        #expect(abs(moved.series[0].y[3] - panel.series[0].y[3] - 0.05) < 1e-12)
        rs[j].analysis!.c[3] = original
        rs[j].analysis!.c[11] += 0.2
        moved = FigureSet.correlationFigure(aggregate(rs))
        diff = changed(panel, moved)
        try #require(diff.count == 1)
        #expect(diff[0] == (0, 10))
        #expect(abs(moved.series[0].y[10] - panel.series[0].y[10] - 0.025) < 1e-12)
    }
}

/// Runs that did not meet the stop rule are visible in every sweep figure (issue 11): open
/// markers and dashed curves at points that are not comparable, seed counts where some seeds did not converge.
@Suite("Sweep figures mark unconverged runs")
struct ConvergenceMarkingTests {
    static let key = "training.batch_size"

    /// B = 25 all converged, B = 100 one of four seeds at the epoch bound, B = 400 three of four.
    func records() -> [RunRecord] {
        var rs = SyntheticRecords.sweep(manifest: "b", key: Self.key, values: [25, 100, 400], seeds: 4,
                                        sharpness: { 1 + log10($0) }, size: { _ in 1 }, noise: 0.2)
        for i in rs.indices {
            let b = rs[i].sweptValues[Self.key]!, r = rs[i].replicate
            if (b == 100 && r == 0) || (b == 400 && r > 0) { rs[i].training.stopReason = .maxEpochs }
        }
        return rs
    }

    @Test("points know their converged seeds; the comparability rule is the report's")
    func points() {
        let agg = SweepAggregate.aggregate(manifest: "b", records: records())
        #expect(agg.points.map(\.convergedCount) == [4, 3, 1])
        #expect(agg.points.map(\.isComparable) == [true, true, false])
        #expect(agg.points.map(\.convergedNote) == [nil, "3/4", "1/4"])
        #expect(agg.points[2].unconvergedRunIDs.count == 3 && agg.points[2].runIDs.count == 4)
        // The same rule as the trend verdicts: two of four is still comparable, one of four is not.
        #expect(RunRecord.isComparablePoint(converged: 2, of: 4) && !RunRecord.isComparablePoint(converged: 1, of: 4))
    }

    @Test("gap figure: open markers at the point that is not comparable, k/n where some seeds did not converge")
    func gapFigure() throws {
        let panel = try #require(FigureSet.gapFigure(SweepAggregate.aggregate(manifest: "b", records: records())).first)
        for s in panel.series { #expect(s.notComparable == [false, false, true], "\(s.label)") }
        #expect(panel.convergence == [FigureSet.ConvergenceNote(x: 100, text: "3/4", comparable: true),
                                      FigureSet.ConvergenceNote(x: 400, text: "1/4", comparable: false)])
        // Every run converged: no marks at all.
        let clean = records().map { r -> RunRecord in var r = r; r.training.stopReason = .converged; return r }
        let plain = try #require(FigureSet.gapFigure(SweepAggregate.aggregate(manifest: "b", records: clean)).first)
        #expect(plain.series.allSatisfy { $0.notComparable == nil } && plain.convergence.isEmpty)
        // Marking changes no value: the means are those of all non-diverged runs, as before.
        #expect(plain.series.map(\.y) == panel.series.map(\.y))
    }

    @Test("spectrum figures: the curve of a point that is not comparable is dashed, its legend says k/n")
    func spectra() {
        let agg = SweepAggregate.aggregate(manifest: "b", records: records())
        for series in [FigureSet.sharpnessFigure(agg).series, FigureSet.sizeFigure(agg).cumulative.series,
                       FigureSet.correlationFigure(agg).series] {
            #expect(series.map(\.style) == [.solid, .solid, .dashed])
            #expect(!series[0].label.contains("met stop rule"))
            #expect(series[1].label.hasSuffix("(3/4 met stop rule)"), "\(series[1].label)")
            #expect(series[2].label.hasSuffix("(1/4 met stop rule, not comparable)"), "\(series[2].label)")
        }
    }

    @Test("per-run overview figures: open markers for the runs that did not meet the stop rule")
    func overview() throws {
        let rs = records()
        let estimate = try #require(FigureSet.gapEstimateFigure(rs).panel.series.first)
        let open = try #require(estimate.notComparable)
        #expect(open.count == estimate.x.count && open.count == 12 && open.filter { $0 }.count == 4)
        // The open points are exactly the unconverged runs' (x = measured gap, y = estimated gap).
        let unconverged = Set(rs.filter { !$0.metStopRule }.map { $0.analysis!.estimatedGap })
        #expect(Set(estimate.x.indices.filter { open[$0] }.map { estimate.y[$0] }) == unconverged)
        let clean = rs.map { r -> RunRecord in var r = r; r.training.stopReason = .converged; return r }
        #expect(FigureSet.gapEstimateFigure(clean).panel.series.allSatisfy { $0.notComparable == nil })
        for panel in FigureSet.sizeNormFigure(rs) {
            #expect(panel.series.flatMap { $0.notComparable ?? [] }.filter { $0 }.count == 4)
        }
    }
}
