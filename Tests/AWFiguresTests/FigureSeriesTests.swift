import AWAnalysis
import AWArchive
import Foundation
import Testing
@testable import AWFigures

/// The figures' series as values, checked against the records they were drawn from.
@Suite("Figure series carry the records' numbers")
struct FigureSeriesTests {
    /// Mean and sample standard deviation (ddof 1), computed here independently of AWFigures.
    func meanStd(_ v: [Double]) -> (Double, Double) {
        let m = v.reduce(0, +) / Double(v.count)
        let s = (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count - 1)).squareRoot()
        return (m, s)
    }

    @Test("gap panel: points are the seed means per swept value, error bars the seed std")
    func gapPanel() throws {
        let values = [25.0, 100, 400]
        let records = SyntheticRecords.sweep(manifest: "b", key: "training.batch_size", values: values, seeds: 4,
                                             sharpness: { 1 + log10($0) }, size: { _ in 1 }, noise: 0.2)
        let panels = FigureSet.gapFigure(SweepAggregate.aggregate(manifest: "b", records: records))
        #expect(panels.count == 1)
        let series = panels[0].series
        #expect(series.map(\.quantity) == [.measuredGap, .covarianceTotal, .sharpPart, .flatPart])
        let quantities: [(RunQuantity, (RunRecord) -> Double)] = [
            (.measuredGap, { $0.metrics!.gap }), (.covarianceTotal, { $0.analysis!.covarianceTotal }),
            (.sharpPart, { $0.analysis!.sharpPart }), (.flatPart, { $0.analysis!.flatPart }),
        ]
        for (q, value) in quantities {
            let s = try #require(series.first { $0.quantity == q })
            #expect(s.x == values)
            let error = try #require(s.error)
            for (i, v) in values.enumerated() {
                let (m, sd) = meanStd(records.filter { $0.sweptValues["training.batch_size"] == v }.map(value))
                #expect(abs(s.y[i] - m) <= 1e-12 * max(1, abs(m)), "\(q) mean at \(v)")
                #expect(abs(error[i] - sd) <= 1e-12 * max(1, sd), "\(q) std at \(v)")
                #expect(sd > 0)
            }
        }
    }

    @Test("size-norm panels: one point per run, slope = an independent least-squares fit")
    func sizeNorm() throws {
        let records = SyntheticRecords.paperLike(seeds: 3)
        let panels = FigureSet.sizeNormFigure(records)
        let chosen = records.filter { ["mnist-init_scale", "mnist-weight_decay"].contains($0.manifest) }
        #expect(panels.map(\.quantity) == [.size, .rmsSize])
        for panel in panels {
            let x = chosen.map { $0.metrics!.layerNorm }
            let y = chosen.map { r in
                panel.quantity == .size ? r.analysis!.sigmaW.reduce(0, +) : r.analysis!.sigmaW.map { $0 * $0 }.reduce(0, +).squareRoot()
            }
            #expect(panel.series.map(\.x.count).reduce(0, +) == chosen.count)
            #expect(Set(panel.series.flatMap(\.x)) == Set(x) && Set(panel.series.flatMap(\.y)) == Set(y))
            let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
            var sxy = 0.0, sxx = 0.0
            for (a, b) in zip(x, y) {
                sxy += (a - mx) * (b - my)
                sxx += (a - mx) * (a - mx)
            }
            let slope = sxy / sxx
            let fit = try #require(panel.fit)
            #expect(abs(fit.slope - slope) <= 1e-9 * abs(slope) && fit.n == chosen.count)
            #expect(abs(fit.intercept - (my - slope * mx)) <= 1e-9 * max(1, abs(my)))
        }
    }

    @Test("spectrum figure: each density series names the method that produced it")
    func spectrumMethod() throws {
        var records = SyntheticRecords.paperLike(seeds: 2)
        var figure = FigureSet.spectrumFigure(records)
        #expect(figure.densities.count == 7 && figure.densityMethods.allSatisfy { $0 == .slq(probes: 3, steps: 12) })
        #expect(figure.densities.allSatisfy { !$0.label.contains("[") })   // one method for all: the title names it
        #expect(figure.densityTitle == "spectral density: SLQ 3 probes x 12 steps")

        // Dense-path runs archive the exact eigenvalue measure: the figure says so, not "SLQ".
        for i in records.indices where records[i].manifest == "mnist-dropout" {
            records[i].analysis!.densityMethod = .eigenvalues
            records[i].analysis!.densityNodes = records[i].analysis!.eigenvalues
            records[i].analysis!.densityWeights = records[i].analysis!.eigenvalues.map { _ in 1 / 120 }
        }
        figure = FigureSet.spectrumFigure(records)
        let dropout = try #require(figure.densities.first { $0.label.hasPrefix("dropout") })
        #expect(dropout.label.hasSuffix("[exact]"))
        #expect(figure.densityMethods.filter { $0 == .eigenvalues }.count == 1)
        #expect(figure.densityTitle == "spectral density: SLQ 3 probes x 12 steps (others marked)")

        // No archived density: the seed-mean eigenvalues stand in, and the legend says that.
        for i in records.indices where records[i].manifest == "mnist-dropout" {
            records[i].analysis!.densityMethod = .none
            records[i].analysis!.densityNodes = []
            records[i].analysis!.densityWeights = []
        }
        figure = FigureSet.spectrumFigure(records)
        let index = try #require(figure.densities.firstIndex { $0.label.hasPrefix("dropout") })
        #expect(figure.densityMethods[index] == nil && figure.densities[index].label.hasSuffix("[seed-mean eigenvalues]"))
    }

    @Test("the report names the method of each spectral density")
    func reportDensityMethod() {
        var records = SyntheticRecords.paperLike(seeds: 2)
        for i in records.indices where records[i].manifest == "mnist-dropout" {
            records[i].analysis!.densityMethod = .eigenvalues
        }
        let text = ReproductionReport.build(records: records, figuresDirectory: "")
        #expect(text.contains("Spectral densities (right panel), by curve:"))
        #expect(text.contains("- `mnist-dropout, d = 0`: exact eigenvalue measure"))
        #expect(text.contains("- `mnist-batch_size, B = 25`: SLQ, 3 probes x 12 steps"))
    }
}
