import AWAnalysis
import AWCore
import AWLinearAlgebra
import AWNetwork
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Timings of the full duality analysis at the paper's sizes and beyond, on the deterministic
/// `SyntheticDigits` problem (random paper-init ReLU weights, MNIST-like pixels), for the hidden
/// `awd bench` subcommand. The values it reports (losses, gaps, top eigenvalues, pairing checksum)
/// are reproduced by benchmarks/analysis/reference.py from the same counter-based data, so the
/// NumPy run is both the speed reference and an independent check of the numbers.
public enum AnalysisBenchmark {
    public struct Case: Sendable, Codable, Equatable {
        public var name: String
        public var widths: [Int]
        /// Analysed layer, 0-based.
        public var layer: Int
        public var trainCount: Int
        public var testCount: Int
        /// Target wall time of the whole analysis (dense cases) or of the eigen stage (Lanczos cases).
        public var targetSeconds: Double
        public var initScale: Double

        public init(name: String, widths: [Int], layer: Int, trainCount: Int = 4_000, testCount: Int = 1_000,
                    targetSeconds: Double, initScale: Double = 1) {
            self.name = name; self.widths = widths; self.layer = layer; self.trainCount = trainCount
            self.testCount = testCount; self.targetSeconds = targetSeconds; self.initScale = initScale
        }

        public var weightCount: Int { widths[layer] * widths[layer + 1] }

        /// 784-30-30-10, layer 2 (1-based): 900 weights, dense. Target 0.7 s for the whole analysis.
        public static let paper = Case(name: "paper-900", widths: [784, 30, 30, 10], layer: 1, targetSeconds: 0.7)
        /// 784-50-50-10, layer 2: 2,500 weights, dense. Target 5 s.
        public static let width50 = Case(name: "width50-2500", widths: [784, 50, 50, 10], layer: 1, targetSeconds: 5)
        /// 784-30-30-10, layer 1: 23,520 weights, top-20 Lanczos. Target 120 s for the eigenpairs.
        public static let firstLayer = Case(name: "first-layer-23520", widths: [784, 30, 30, 10], layer: 0, targetSeconds: 120)
        /// 784-512-512-10, layer 2: a 512 x 512 layer, 262,144 weights, top-20 Lanczos. Target 120 s.
        public static let wide = Case(name: "wide-262144", widths: [784, 512, 512, 10], layer: 1, targetSeconds: 120)
        public static let all: [Case] = [paper, width50, firstLayer, wide]

        public static func named(_ name: String) -> Case? { all.first { $0.name == name } }

        /// Cases from a comma-separated list of names ("all" or empty: every case).
        public static func parse(_ list: String) throws -> [Case] {
            let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if names.isEmpty || names == ["all"] { return all }
            return try names.map { n in
                guard let c = named(n) else {
                    throw AWError(.invalidInput, "bench analysis: unknown case '\(n)'; allowed: \(all.map(\.name).joined(separator: ", ")), all")
                }
                return c
            }
        }
    }

    /// Values both implementations compute (for the cross-check with NumPy).
    public struct Values: Sendable, Codable, Equatable {
        public var trainLoss: Double
        public var testLoss: Double
        public var measuredGap: Double
        public var estimatedGap: Double
        public var covarianceTotal: Double
        public var meanTotal: Double
        public var sharpPart: Double
        public var secondOrderGap: Double
        public var sigmaWSquaredSum: Double
        public var activityWeightedNorm: Double
        public var dualityResidualMax: Double
        public var topEigenvalues: [Double]
        public var topSigmaG: [Double]
        /// sum_k (k + 1) * pairTrainRow[k] (order-sensitive checksum of the pairing).
        public var pairChecksum: Int
    }

    public struct Result: Sendable, Codable, Equatable {
        public var name: String
        public var widths: [Int]
        public var layer: Int
        public var weightCount: Int
        public var eigenMethod: EigenMethod
        public var hessianVectorMethod: HessianVectorMethod?
        /// Wall time of each full analysis run, seconds.
        public var runs: [Double]
        /// Process CPU time of each run, seconds (close to the wall time of an idle machine with one
        /// BLAS thread; the better number when other processes compete for the cores).
        public var cpuRuns: [Double]
        /// Stage timings of the fastest run.
        public var timings: AnalysisTimings
        public var targetSeconds: Double
        /// Whole analysis (dense) or eigen stage (Lanczos) of the fastest run within the target.
        public var withinTarget: Bool
        public var lanczos: LanczosSummary?
        public var values: Values
        public var best: Double { runs.min() ?? 0 }
    }

    public struct Report: Sendable, Codable, Equatable {
        public var blasLibrary: String
        public var blasCore: String
        public var blasThreads: Int
        public var seed: UInt64
        public var results: [Result]
    }

    /// The problem of a case: model, training and test samples.
    public static func problem(_ c: Case, seed: UInt64 = 0) -> (model: MLP<Float>, train: AnalysisSamples<Float>, test: AnalysisSamples<Float>) {
        let (train, test) = SyntheticDigits.samples(trainCount: c.trainCount, testCount: c.testCount, features: c.widths[0],
                                                    classes: c.widths[c.widths.count - 1], seed: seed)
        return (SyntheticDigits.network(widths: c.widths, initScale: c.initScale, seed: seed), train, test)
    }

    /// Run the cases. Dense cases run `repeats` times (after one warm-up run), Lanczos cases once.
    /// BLAS runs with `threads` threads (restored afterwards).
    public static func run(cases: [Case] = Case.all, seed: UInt64 = 0, repeats: Int = 3, threads: Int = 1,
                           config: AnalysisConfig = AnalysisConfig(),
                           progress: (String) -> Void = { _ in }) throws -> Report {
        let previous = BLASConfiguration.threads
        BLASConfiguration.setThreads(threads)
        defer { BLASConfiguration.setThreads(previous) }
        var results: [Result] = []
        for c in cases {
            progress("analysis bench \(c.name): \(c.widths) layer \(c.layer + 1) (1-based), \(c.weightCount) weights, generating data")
            let (model, train, test) = problem(c, seed: seed)
            var cfg = config
            cfg.layer = c.layer
            let analyzer = DualityAnalyzer(config: cfg)
            let dense = c.weightCount <= cfg.denseThreshold
            let count = dense ? max(1, repeats) + 1 : 1
            var runs: [Double] = [], cpuRuns: [Double] = []
            var bestRun: DualityAnalysis? = nil
            for i in 0..<count {
                let cpu0 = processCPUSeconds()
                let r = try analyzer.analyze(model: model, train: train, test: test)
                let cpu = processCPUSeconds() - cpu0
                if dense && i == 0 { continue }   // warm-up
                runs.append(r.timings.total)
                cpuRuns.append(cpu)
                if bestRun == nil || r.timings.total < bestRun!.timings.total { bestRun = r }
                let t = r.timings
                progress(String(format: "  run %d: %.3f s wall, %.3f s CPU (forward %.3f, pairing %.3f, dual %.3f, hessian %.3f, eigen %.3f, decomposition %.3f, density %.3f)",
                                runs.count, t.total, cpu, t.forward, t.pairing, t.dualWeights, t.hessian, t.eigen,
                                t.decomposition, t.density))
            }
            let r = bestRun!
            let measured = dense ? r.timings.total : r.timings.eigen
            var checksum = 0
            for (k, row) in r.pairTrainRow.enumerated() { checksum += (k + 1) * row }
            let values = Values(trainLoss: r.trainLoss, testLoss: r.testLoss, measuredGap: r.measuredGap,
                                estimatedGap: r.estimatedGap, covarianceTotal: r.covarianceTotal, meanTotal: r.meanTotal,
                                sharpPart: r.sharpPart, secondOrderGap: r.secondOrderGap,
                                sigmaWSquaredSum: r.sigmaW.reduce(0) { $0 + $1 * $1 },
                                activityWeightedNorm: r.activityWeightedNorm, dualityResidualMax: r.dualityResidualMax,
                                topEigenvalues: Array(r.eigenvalues.prefix(10)), topSigmaG: Array(r.sigmaG.prefix(10)),
                                pairChecksum: checksum)
            results.append(Result(name: c.name, widths: c.widths, layer: c.layer, weightCount: c.weightCount,
                                  eigenMethod: r.eigenMethod, hessianVectorMethod: r.hessianVectorMethod, runs: runs, cpuRuns: cpuRuns,
                                  timings: r.timings, targetSeconds: c.targetSeconds, withinTarget: measured <= c.targetSeconds,
                                  lanczos: r.lanczos, values: values))
        }
        return Report(blasLibrary: BLASConfiguration.library, blasCore: BLASConfiguration.core,
                      blasThreads: BLASConfiguration.threads, seed: seed, results: results)
    }

    /// CPU time of this process (all threads), seconds.
    public static func processCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// The report as pretty-printed JSON with sorted keys.
    public static func json(_ report: Report) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try e.encode(report), as: UTF8.self)
    }

    /// One line per case: name, weights, method, best time, target.
    public static func summary(_ report: Report) -> String {
        report.results.map { r in
            let stage = r.eigenMethod == .dense ? "analysis" : "eigen stage"
            let measured = r.eigenMethod == .dense ? r.best : r.timings.eigen
            return "\(r.name): \(r.weightCount) weights, \(r.eigenMethod.rawValue), \(stage) "
                + String(format: "%.3f s (target %.1f s: ", measured, r.targetSeconds)
                + (r.withinTarget ? "met" : "MISSED")
                + String(format: "), total %.3f s wall, best CPU %.3f s", r.best, r.cpuRuns.min() ?? 0)
        }.joined(separator: "\n")
    }
}
