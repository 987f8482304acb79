import AWArchive
import AWPlot
import Foundation
import Testing
@testable import AWFigures

/// The duality, gap-estimate and means figures as values, checked against the records' arrays
/// (expected values computed here, not through AWFigures).
@Suite("Overview figure series carry the records' numbers")
struct OverviewFigureSeriesTests {
    typealias S = SeedStatistics

    /// Two manifests, two seeds each, few enough runs that nothing is thinned (200 pairs and
    /// 120 ranks per run, at most 300 drawn per run). A diverged run is left out everywhere.
    func records() -> [RunRecord] {
        var rs: [RunRecord] = []
        for (m, b) in [("x-beta", 0.01), ("x-alpha", 0.0)] {
            for r in 0..<2 {
                rs.append(SyntheticRecords.record(manifest: m, swept: ["training.weight_decay": b], replicate: Int64(r), sharpness: 1, size: 1))
            }
        }
        rs.append(SyntheticRecords.record(manifest: "x-alpha", swept: ["training.weight_decay": 0], replicate: 9, sharpness: 1, size: 1,
                                          status: .diverged))
        return rs
    }

    /// The usable records of `manifest` in the order the figures draw them (replicates are distinct here).
    func runs(_ rs: [RunRecord], _ manifest: String) -> [RunRecord] {
        rs.filter { $0.manifest == manifest && !$0.isDiverged }.sorted { $0.replicate < $1.replicate }
    }

    /// Indices where two arrays of the same length differ (every index when the lengths differ).
    func changed(_ a: [Double], _ b: [Double]) -> [Int] {
        guard a.count == b.count else {
            Issue.record("lengths differ: \(a.count) vs \(b.count)")
            return Array(0..<max(a.count, b.count))
        }
        return a.indices.filter { a[$0] != b[$0] }
    }

    @Test("duality: points are (pair_test_loss, pair_dual_loss), residuals abs(test - dual), max over all pairs")
    func duality() throws {
        var rs = records()
        let figure = FigureSet.dualityFigure(rs)
        #expect(figure.runCount == 4 && figure.pairCount == 800 && figure.exactZeros == 0)
        #expect(figure.pairs.series.map(\.label) == ["alpha", "beta"])   // sorted, common prefix "x-" dropped
        #expect(figure.pairs.title == "duality check: 800 pairs of 4 runs (x-*)")
        #expect(figure.pairs.series.map(\.color) == [PlotColor.series(0).opacity(0.6), PlotColor.series(1).opacity(0.6)])
        var worst = 0.0
        for (m, name) in ["x-alpha", "x-beta"].enumerated() {
            let test = runs(rs, name).flatMap { $0.analysis!.pairTestLoss }, dual = runs(rs, name).flatMap { $0.analysis!.pairDualLoss }
            #expect(figure.pairs.series[m].x == test && figure.pairs.series[m].y == dual)
            let residual = zip(test, dual).map { abs($0 - $1) }
            #expect(figure.residuals.series[m].x == test && figure.residuals.series[m].y == residual)
            worst = max(worst, residual.max()!)
        }
        #expect(figure.maxResidual == worst && worst > 0 && worst < 1e-7)
        #expect(figure.residuals.title == "residual, max \(String(format: "%.3g", worst))")
        let xRange = try #require(figure.residuals.xRange), yRange = try #require(figure.residuals.yRange)
        #expect(figure.residuals.series.flatMap(\.x).allSatisfy { xRange.contains($0) })
        #expect(figure.residuals.series.flatMap(\.y).allSatisfy { yRange.contains($0) })

        // Breaking one pair of one run (beta, replicate 1, pair 7) moves exactly that point and the maximum.
        let j = try #require(rs.firstIndex { $0.manifest == "x-beta" && $0.replicate == 1 })
        rs[j].analysis!.pairDualLoss[7] = rs[j].analysis!.pairTestLoss[7] + 1e-3
        // ... and one exact pair in alpha (replicate 0, pair 0) becomes an exact zero, not drawn on the right.
        let z = try #require(rs.firstIndex { $0.manifest == "x-alpha" && $0.replicate == 0 })
        rs[z].analysis!.pairDualLoss[0] = rs[z].analysis!.pairTestLoss[0]
        let broken = FigureSet.dualityFigure(rs)
        #expect(changed(figure.pairs.series[1].y, broken.pairs.series[1].y) == [200 + 7])
        #expect(changed(figure.pairs.series[0].y, broken.pairs.series[0].y) == [0])
        #expect(abs(broken.maxResidual - 1e-3) < 1e-9 && broken.exactZeros == 1)
        #expect(broken.residuals.series[0].y.count == 399 && broken.residuals.series[0].x == Array(figure.residuals.series[0].x.dropFirst()))
        #expect(abs(broken.residuals.series[1].y[207] - 1e-3) < 1e-9)
        #expect(broken.residuals.title.hasSuffix("(1 exact zeros not shown)"))
    }

    @Test("duality: at most 300 pairs drawn per run (every k-th), the maximum over all of them")
    func dualityThinning() throws {
        var r = SyntheticRecords.record(manifest: "big", swept: [:], replicate: 0, sharpness: 1, size: 1, pairs: 1000)
        r.analysis!.pairDualLoss[3] = r.analysis!.pairTestLoss[3] + 0.5   // not a drawn pair (stride 4)
        let figure = FigureSet.dualityFigure([r])
        let drawn = Array(stride(from: 0, to: 1000, by: 4))
        #expect(figure.pairs.series.count == 1 && figure.pairs.series[0].x == drawn.map { r.analysis!.pairTestLoss[$0] })
        #expect(figure.pairs.series[0].y == drawn.map { r.analysis!.pairDualLoss[$0] })
        #expect(figure.pairCount == 1000 && abs(figure.maxResidual - 0.5) < 1e-12)
    }

    @Test("gap estimate: one point per run, (measured gap, estimated_gap); max difference")
    func gapEstimate() throws {
        var rs = records()
        let figure = FigureSet.gapEstimateFigure(rs)
        #expect(figure.panel.title == "estimated vs measured gap, 4 runs (x-*)")
        #expect(figure.panel.series.map(\.marker) == [Marker.series(0), Marker.series(1)])
        var worst = 0.0
        for (m, name) in ["x-alpha", "x-beta"].enumerated() {
            let rr = runs(rs, name)
            #expect(figure.panel.series[m].x == rr.map { $0.metrics!.gap })
            #expect(figure.panel.series[m].y == rr.map { $0.analysis!.estimatedGap })
            worst = max(worst, rr.map { abs($0.analysis!.estimatedGap - $0.metrics!.gap) }.max()!)
        }
        #expect(figure.maxDifference == worst && worst > 0)
        let range = try #require(figure.panel.xRange)
        #expect(figure.panel.yRange == range)
        #expect(figure.panel.series.allSatisfy { s in (s.x + s.y).allSatisfy { range.contains($0) } })

        // A wrong estimate in one run moves exactly that point and the maximum.
        let j = try #require(rs.firstIndex { $0.manifest == "x-alpha" && $0.replicate == 1 })
        rs[j].analysis!.estimatedGap = rs[j].metrics!.gap + 0.25
        let wrong = FigureSet.gapEstimateFigure(rs)
        #expect(changed(figure.panel.series[0].y, wrong.panel.series[0].y) == [1])
        #expect(wrong.panel.series[1] == figure.panel.series[1])
        #expect(abs(wrong.maxDifference - 0.25) < 1e-12)
    }

    @Test("means: points are (sigma_n, abs(mu_n)) of every rank of every run; tiny abs(mu) counted, not drawn")
    func means() throws {
        var rs = records()
        let panels = FigureSet.meansFigure(rs)
        #expect(panels.map(\.xLabel) == ["#gs#dg,n#u", "#gs#dw,n#u"] && panels.map(\.yLabel) == ["|#gm#dg,n#u|", "|#gm#dw,n#u|"])
        let order = runs(rs, "x-alpha") + runs(rs, "x-beta")
        let fields: [(KeyPath<RunRecord.AnalysisSection, [Double]>, KeyPath<RunRecord.AnalysisSection, [Double]>)] =
            [(\.sigmaG, \.meanG), (\.sigmaW, \.meanW)]
        for (panel, (sk, mk)) in zip(panels, fields) {
            let sigma = order.flatMap { $0.analysis![keyPath: sk] }, mu = order.flatMap { $0.analysis![keyPath: mk].map(abs) }
            let floor = 1e-6 * (sigma + mu).filter { $0 > 0 }.max()!
            let kept = zip(sigma, mu).filter { $0.1 >= floor }
            #expect(panel.pairCount == 480 && panel.floor == floor && panel.hiddenCount == 480 - kept.count)
            #expect(panel.panel.series.count == 1)
            #expect(panel.panel.series[0].x == kept.map(\.0) && panel.panel.series[0].y == kept.map(\.1))
        }

        // One mean set to 0 is hidden (and counted); another changed moves exactly that point.
        let j = try #require(rs.firstIndex { $0.manifest == "x-beta" && $0.replicate == 0 })
        let before = panels[1].panel.series[0]
        rs[j].analysis!.meanG[5] = 0
        rs[j].analysis!.meanW[9] = 0.5 * rs[j].analysis!.sigmaW[9]
        let after = FigureSet.meansFigure(rs)
        #expect(after[0].hiddenCount == panels[0].hiddenCount + 1 && after[0].panel.series[0].y.count == panels[0].panel.series[0].y.count - 1)
        #expect(after[0].panel.title == "|#gm#dg,n#u| vs #gs#dg,n#u, all 480 (rank, run) pairs")
        // Panel w: exactly the point of (beta, replicate 0, rank 10) moves.
        let diff = changed(before.y, after[1].panel.series[0].y)
        try #require(diff.count == 1)
        #expect(after[1].panel.series[0].y[diff[0]] == 0.5 * rs[j].analysis!.sigmaW[9])
        #expect(after[1].panel.series[0].x[diff[0]] == rs[j].analysis!.sigmaW[9])
        #expect(after[1].panel.series[0].x == before.x)
    }
}
