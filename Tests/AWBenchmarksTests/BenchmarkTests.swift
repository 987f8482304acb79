import AWBenchmarks
import AWAnalysis
import AWCore
import AWLinearAlgebra
import Foundation
import Testing

@Suite("Analysis benchmark")
struct BenchmarkTests {
    /// The counter-based generator is a contract with benchmarks/analysis/reference.py: these values
    /// were printed by the Python side (hash_scalar, synthetic([784, 30, 30, 10])).
    @Test func syntheticDataMatchesNumPyReference() {
        #expect(SyntheticDigits.hash(0, 0) == 0xe220_a839_7b1d_cdaf)
        #expect(SyntheticDigits.hash(7, 12_345) == 0x9c34_4de3_fea3_e759)
        let (model, train, test) = AnalysisBenchmark.problem(.paper)
        var trainSum = 0.0, testSum = 0.0, nonzero = 0
        for v in train.inputs.data { trainSum += Double(v); if v > 0 { nonzero += 1 } }
        for v in test.inputs.data { testSum += Double(v) }
        #expect(abs(trainSum - 389414.9293194297) <= 1e-9 * trainSum)
        #expect(abs(testSum - 97251.29997583572) <= 1e-9 * testSum)
        #expect(nonzero == 536_981)
        #expect(abs(model.weights[0].data.reduce(0.0) { $0 + Double($1) } - -0.7527255141894784) <= 1e-12)
        #expect(Double(model.weights[1][3, 7]) == -0.0452866405248642)
        #expect(train.labels.count == 4_000 && test.labels.count == 1_000)
        #expect((0..<10).allSatisfy { c in train.labels.filter { $0 == c }.count == 400 })
    }

    /// The benchmark driver on tiny cases (dense and Lanczos): a complete, decodable report.
    @Test func runsTinyCases() throws {
        let dense = AnalysisBenchmark.Case(name: "tiny-dense", widths: [30, 6, 5, 3], layer: 1, trainCount: 90,
                                           testCount: 30, targetSeconds: 100)
        let lanczos = AnalysisBenchmark.Case(name: "tiny-lanczos", widths: [30, 6, 5, 3], layer: 0, trainCount: 90,
                                             testCount: 30, targetSeconds: 100)
        var cfg = AnalysisConfig()
        cfg.denseThreshold = 100
        cfg.lanczosK = 5
        let report = try AnalysisBenchmark.run(cases: [dense, lanczos], repeats: 2, threads: 1, config: cfg)
        #expect(report.results.count == 2 && report.blasThreads == 1)
        let d = report.results[0], l = report.results[1]
        #expect(d.eigenMethod == .dense && d.runs.count == 2 && d.cpuRuns.count == 2 && d.weightCount == 30)
        #expect(l.eigenMethod == .lanczos && l.runs.count == 1 && l.lanczos?.requested == 5 && l.weightCount == 180)
        #expect(d.values.dualityResidualMax <= 1e-12 && l.values.dualityResidualMax <= 1e-12)
        // mean_k Dl_k depends on the pairs only (input space), not on the analysed layer.
        #expect(abs(l.values.estimatedGap - d.values.estimatedGap) <= 1e-12)
        #expect(l.values.pairChecksum == d.values.pairChecksum)
        let json = try AnalysisBenchmark.json(report)
        #expect(try JSONDecoder().decode(AnalysisBenchmark.Report.self, from: Data(json.utf8)) == report)
        #expect(AnalysisBenchmark.summary(report).contains("tiny-lanczos"))
    }
}

@Suite("Analysis benchmark cases")
struct BenchmarkCaseTests {
    @Test func parsesCaseLists() throws {
        #expect(try AnalysisBenchmark.Case.parse("") == AnalysisBenchmark.Case.all)
        #expect(try AnalysisBenchmark.Case.parse("all") == AnalysisBenchmark.Case.all)
        #expect(try AnalysisBenchmark.Case.parse("paper-900, wide-262144").map(\.weightCount) == [900, 262_144])
        #expect(throws: AWError.self) { try AnalysisBenchmark.Case.parse("paper-900,nope") }
        #expect(AnalysisBenchmark.Case.firstLayer.weightCount == 23_520 && AnalysisBenchmark.Case.width50.weightCount == 2_500)
    }
}
