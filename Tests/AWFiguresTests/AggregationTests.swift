import AWManifest
import AWArchive
import Foundation
import Testing
@testable import AWFigures

@Suite("Sweep aggregation over seeds")
struct AggregationTests {
    /// Records whose scalars are set by hand so the expected mean and std are known.
    func handMade(_ value: Double, _ replicate: Int64, gap: Double, sigmaG: [Double], sigmaW: [Double],
                  manifest: String = "m", status: RunRecord.Status = .complete) -> RunRecord {
        var r = SyntheticRecords.record(manifest: manifest, swept: ["training.batch_size": value], replicate: replicate,
                                        sharpness: 1, size: 1, directions: sigmaG.count, status: status)
        if status == .complete {
            r.metrics!.gap = gap
            r.analysis!.sigmaG = sigmaG
            r.analysis!.sigmaW = sigmaW
            r.analysis!.c = sigmaG.map { _ in 0.5 }
        }
        return r
    }

    @Test("Groups by swept value, mean and sample std (ddof 1) over seeds, rank-wise spectra")
    func meanAndStd() throws {
        let records = [
            handMade(25, 0, gap: 0.10, sigmaG: [3, 2, 1], sigmaW: [1, 1, 1]),
            handMade(25, 1, gap: 0.14, sigmaG: [5, 2, 1], sigmaW: [3, 1, 2]),
            handMade(25, 2, gap: 0.12, sigmaG: [4, 2, 1], sigmaW: [2, 1, 0]),
            handMade(100, 0, gap: 0.30, sigmaG: [9, 8, 7], sigmaW: [1, 2, 3]),
            handMade(100, 1, gap: 0.50, sigmaG: [9, 8, 7], sigmaW: [1, 2, 3]),
            handMade(100, 2, gap: .nan, sigmaG: [1, 1, 1], sigmaW: [1, 1, 1], status: .diverged),
        ]
        let aggs = SweepAggregate.aggregate(records: records)
        #expect(aggs.count == 1)
        let agg = aggs[0]
        #expect(agg.parameters.map(\.keyPath) == ["training.batch_size"])
        #expect(agg.parameters[0].kind == .batchSize)
        #expect(agg.points.map(\.values) == [[25], [100]])
        #expect(agg.totalRuns == 6)
        #expect(agg.divergedRuns.count == 1 && agg.divergedRuns[0].values == [100] && agg.divergedRuns[0].replicate == 2)

        let p25 = agg.points[0], p100 = agg.points[1]
        #expect(p25.runCount == 3 && p100.runCount == 2 && p100.divergedRunIDs.count == 1)
        let g25 = try #require(p25[.measuredGap])
        #expect(abs(g25.mean - 0.12) < 1e-12)
        #expect(abs(g25.standardDeviation - 0.02) < 1e-12)   // ddof 1: sqrt((0.0004+0+0.0004)/2)
        let g100 = try #require(p100[.measuredGap])
        #expect(abs(g100.mean - 0.4) < 1e-12 && abs(g100.standardDeviation - 0.02.squareRoot()) < 1e-12)

        #expect(p25.sigmaG.mean == [4, 2, 1])
        #expect(abs(p25.sigmaG.standardDeviation[0] - 1) < 1e-12 && p25.sigmaG.standardDeviation[1] == 0)
        // Cumulative sigma_w per seed then averaged: [1,2,3], [3,4,6], [2,3,3] -> [2,3,4].
        #expect(p25.cumulativeSigmaW.mean == [2, 3, 4])
        #expect(p25.c.mean == [0.5, 0.5, 0.5])
        // Sum of sigma_g: 6, 8, 7 -> mean 7, std 1.
        let sg = try #require(p25[.sharpness])
        #expect(abs(sg.mean - 7) < 1e-12 && abs(sg.standardDeviation - 1) < 1e-12)
        // rms size sqrt(sum sigma_w^2): sqrt3, sqrt14, sqrt5.
        let rms = try #require(p25[.rmsSize])
        #expect(abs(rms.mean - (3.0.squareRoot() + 14.0.squareRoot() + 5.0.squareRoot()) / 3) < 1e-12)
    }

    @Test("Spectra of different length are truncated to the shortest; runs without analysis enter metrics only")
    func truncationAndMissingAnalysis() {
        var a = handMade(25, 0, gap: 0.1, sigmaG: [3, 2, 1, 0.5], sigmaW: [1, 1, 1, 1])
        a.analysis!.c = [0.5, 0.5, 0.5, 0.5]
        let b = handMade(25, 1, gap: 0.2, sigmaG: [5, 2, 1], sigmaW: [3, 1, 2])
        var c = handMade(25, 2, gap: 0.3, sigmaG: [1, 1, 1], sigmaW: [1, 1, 1])
        c.analysis = nil
        let agg = SweepAggregate.aggregate(manifest: "m", records: [a, b, c])
        #expect(agg.runsWithoutAnalysis == 1)
        let p = agg.points[0]
        #expect(p.sigmaG.count == 3 && p.sigmaG.seedCount == 2 && p.sigmaG.mean == [4, 2, 1])
        #expect(p[.measuredGap]?.count == 3)
        #expect(p[.sharpness]?.count == 2)
    }

    @Test("Grids: the full swept-value tuple is the key; manifests are separated")
    func grids() {
        var records: [RunRecord] = []
        for s in [4.0, 5.0] {
            for beta in [0.0, 0.01] {
                for r in 0..<2 {
                    records.append(SyntheticRecords.record(manifest: "grid", swept: ["model.init_scale": s, "training.weight_decay": beta],
                                                           replicate: Int64(r), sharpness: 1, size: s))
                }
            }
        }
        records.append(SyntheticRecords.record(manifest: "other", swept: ["training.dropout": 0.1], replicate: 0, sharpness: 1, size: 1))
        let aggs = SweepAggregate.aggregate(records: records)
        #expect(aggs.map(\.manifest) == ["grid", "other"])
        let grid = aggs[0]
        #expect(grid.parameters.map(\.keyPath) == ["model.init_scale", "training.weight_decay"])
        #expect(grid.points.map(\.values) == [[4, 0], [4, 0.01], [5, 0], [5, 0.01]])
        #expect(grid.points.allSatisfy { $0.runCount == 2 })
        #expect(grid.singleParameter == nil)
        #expect(grid.textLegend(grid.points[1]) == "s = 4, β = 0.01")
        #expect(grid.plotLegend(grid.points[1]) == "s = 4, #gb = 0.01")
    }

    @Test("Parameter recognition, symbols and log-axis choice")
    func parameters() {
        #expect(SweptParameter(keyPath: "training.learning_rate").kind == .learningRate)
        #expect(SweptParameter(keyPath: "model.hidden.0").kind == .width)
        #expect(SweptParameter(keyPath: "training.max_epochs").plotLabel == "epoch bound (epochs)")
        // Every label comes from the settings table.
        for s in ManifestSetting.all {
            #expect(SweptParameter(keyPath: s.keyPath).name == s.display.name)
            #expect(SweptParameter(keyPath: s.keyPath).prefersLogScale == s.display.logAxis)
        }
        #expect(SweptParameter(keyPath: "dataset.train_per_class").kind == .trainSize)
        #expect(SweptParameter(keyPath: "model.hidden").kind == .width)
        #expect(SweptParameter(keyPath: "dataset.label_noise").plotSymbol == "#gr")
        #expect(SweptParameter(keyPath: "training.learning_rate").plotSymbol == "#gy")   // eta (#gh would be theta)
        #expect(SweptParameter(keyPath: "training.batch_size").usesLogScale(values: [25, 100]))
        #expect(!SweptParameter(keyPath: "training.weight_decay").usesLogScale(values: [0, 0.01]))
        #expect(!SweptParameter(keyPath: "model.init_scale").usesLogScale(values: [4, 5]))
        #expect(SweptParameter(keyPath: "something.else").kind == .other)
        #expect(NumberFormat.compact(0.005) == "0.005" && NumberFormat.compact(25) == "25" && NumberFormat.compact(0.091) == "0.091")
    }
}
