import AWAnalysis
import AWArchive
import AWCore
import AWFigures
import Foundation

/// Plausible run records built in code (no training): spectra shaped like the paper's (sigma_g
/// and sigma_w decaying with rank), a decomposition that holds exactly, pair losses that satisfy
/// the duality to float precision, and the offset between estimated and measured gap equal to
/// L_train − mean_k l(train_k).
enum SyntheticRecords {
    /// The project's seeded generator (AWCore), with the two draws these records need.
    struct Noise {
        var generator: SeededGenerator
        init(state: UInt64) { generator = SeededGenerator(seed: state) }
        /// Uniform in [0, 1).
        mutating func uniform() -> Double { generator.nextDouble() }
        /// Standard normal.
        mutating func normal() -> Double { generator.nextGaussian() }
        /// 64 random bits.
        mutating func next() -> UInt64 { generator.next() }
    }

    /// One run. `sharpness` and `size` scale sigma_g and sigma_w; `noise` is the relative
    /// seed-to-seed spread. `directions` ranks, `pairs` test samples.
    static func record(manifest: String, swept: [String: Double], replicate: Int64, sharpness: Double, size: Double,
                       layerNorm: Double? = nil, noise: Double = 0.05, directions: Int = 120, pairs: Int = 200,
                       sharpCount: Int = 10, status: RunRecord.Status = .complete, withAnalysis: Bool = true) -> RunRecord {
        var rng = Noise(state: UInt64(replicate) &* 7919 &+ UInt64(abs(swept.values.reduce(0, +) * 1000).rounded()) &+ UInt64(manifest.count))
        let jitterG = 1 + noise * rng.normal(), jitterW = 1 + noise * rng.normal()
        var sigmaG: [Double] = [], sigmaW: [Double] = [], c: [Double] = [], meanG: [Double] = [], meanW: [Double] = []
        for n in 1...directions {
            let nd = Double(n)
            sigmaG.append(sharpness * jitterG * 0.05 * pow(nd, -0.9))
            sigmaW.append(size * jitterW * 0.2 * pow(nd, -0.35) * (1 + 0.05 * rng.normal()))
            c.append(min(0.95, max(-0.95, 0.35 + 0.08 * rng.normal())))
        }
        for n in 0..<directions {
            meanG.append(0.1 * sigmaG[n] * rng.normal())
            meanW.append(0.05 * sigmaW[n] * rng.normal())
        }
        let contributions = (0..<directions).map { c[$0] * sigmaG[$0] * sigmaW[$0] }
        let covTotal = contributions.reduce(0, +)
        let sharpPart = contributions.prefix(sharpCount).reduce(0, +)
        let meanTotal = (0..<directions).reduce(0.0) { $0 + meanG[$1] * meanW[$1] }
        let estimated = covTotal + meanTotal

        // Pair losses: Dl_k with mean `estimated`; train losses about 1e-3.
        var pairTrain: [Double] = [], pairTest: [Double] = [], pairDual: [Double] = [], delta: [Double] = []
        var weights: [Double] = (0..<pairs).map { _ in -log(max(rng.uniform(), 1e-12)) }
        let wMean = weights.reduce(0, +) / Double(pairs)
        weights = weights.map { $0 / wMean }
        for k in 0..<pairs {
            let lt = 1e-3 * (0.2 - log(max(rng.uniform(), 1e-9)))
            let dl = estimated * weights[k]
            pairTrain.append(lt)
            pairTest.append(lt + dl)
            pairDual.append(lt + dl + 1e-8 * rng.normal())
            delta.append(dl)
        }
        let trainLoss = 1.1e-3 * (1 + 0.1 * rng.normal())
        let testLoss = pairTest.reduce(0, +) / Double(pairs)
        let gap = testLoss - trainLoss
        let eigen = (1...directions).map { $0 > directions - 5 ? -1e-3 * Double($0 - directions + 5) : 20 * pow(Double($0), -1.6) }
        let nodes = (0..<12).map { Double($0) * 0.8 - 0.2 }
        let dens = (0..<12).map { 1.0 / Double(1 + $0 * $0) }
        let dsum = dens.reduce(0, +)

        let analysis = RunRecord.AnalysisSection(
            layerIndex: 1, pairing: .testToTrain, sharpCount: Int64(sharpCount), eigenMethod: .dense,
            estimatedGap: estimated, measuredGap: gap, secondOrderGap: 0.5 * estimated, dualityResidualMax: 2e-8,
            dualityResidualMean: 5e-9, covarianceTotal: covTotal, sharpPart: sharpPart, flatPart: covTotal - sharpPart,
            meanTotal: meanTotal, residualCovariance: 0, residualMean: 0, activityWeightedNorm: pow(size, 2) * 0.5,
            lanczosConverged: true, lanczosMaxResidual: 0,
            pairTrainRow: (0..<pairs).map { Int64($0) }, pairTestRow: (0..<pairs).map { Int64($0) },
            deltaLoss: delta, pairTestLoss: pairTest, pairTrainLoss: pairTrain, pairDualLoss: pairDual,
            dualNorm: (0..<pairs).map { _ in size * (1 + 0.1 * rng.normal()) },
            eigenvalues: eigen, directionEigenvalue: eigen, directionIndex: (0..<directions).map { Int64($0) },
            sigmaW: sigmaW, sigmaG: sigmaG, meanW: meanW, meanG: meanG, c: c,
            densityMethod: .slq(probes: 3, steps: 12), densityNodes: nodes, densityWeights: dens.map { $0 / dsum })
        let metrics = RunRecord.Metrics(trainLoss: trainLoss, testLoss: testLoss, gap: gap, trainAccuracy: 1,
                                        testAccuracy: 0.9 - 2 * gap, layerNorm: layerNorm ?? (5 * size * jitterW),
                                        totalWeightNorm: 10 * size)
        let diverged = status == .diverged
        return RunRecord(
            runID: String(format: "%016llx", rng.next()), config: "{}", configSHA256: String(repeating: "0", count: 64),
            seed: UInt64(replicate), status: status, softwareVersion: "test", gitCommit: "test", hdf5Version: "1.10.8",
            blas: .init(library: "openblas", core: "test", threads: 1), manifest: manifest, swept: swept.mapValues { .double($0) },
            replicate: replicate,
            data: .init(dataset: .mnist, trainIndices: [], trainLabels: [], clean: [], testIndices: []),
            model: .init(widths: [784, 30, 30, 10], activation: .relu, dtype: .float32, layers: [], biases: []),
            training: .init(trainLoss: [0.5, trainLoss], trainAccuracy: [0.8, 1], epochs: 2,
                            stopReason: diverged ? .diverged : .converged),
            metrics: diverged ? nil : metrics, analysis: diverged || !withAnalysis ? nil : analysis)
    }

    /// A whole sweep as the paper's experiment would produce it: `seeds` replicates per value,
    /// sharpness and size given as functions of the swept value.
    static func sweep(manifest: String, key: String, values: [Double], seeds: Int = 4,
                      sharpness: (Double) -> Double, size: (Double) -> Double, noise: Double = 0.05) -> [RunRecord] {
        values.flatMap { v in
            (0..<seeds).map { r in
                record(manifest: manifest, swept: [key: v], replicate: Int64(r), sharpness: sharpness(v), size: size(v), noise: noise)
            }
        }
    }

    /// The paper's seven sweeps with the paper's directions (a "reproducing" data set).
    static func paperLike(seeds: Int = 4) -> [RunRecord] {
        var rs: [RunRecord] = []
        rs += sweep(manifest: "mnist-batch_size", key: "training.batch_size", values: [25, 100, 200, 400], seeds: seeds,
                    sharpness: { 1 + 0.6 * log2($0 / 25) }, size: { _ in 1 })
        rs += sweep(manifest: "mnist-learning_rate", key: "training.learning_rate", values: [0.005, 0.01, 0.02, 0.05, 0.1], seeds: seeds,
                    sharpness: { 2.5 - 0.4 * log2($0 / 0.005) }, size: { _ in 1 })
        rs += sweep(manifest: "mnist-init_scale", key: "model.init_scale", values: [4, 5, 6, 7], seeds: seeds,
                    sharpness: { _ in 1 }, size: { $0 / 4 })
        rs += sweep(manifest: "mnist-weight_decay", key: "training.weight_decay", values: [0, 0.005, 0.01, 0.02], seeds: seeds,
                    sharpness: { _ in 1 }, size: { 1 - 20 * $0 })
        rs += sweep(manifest: "mnist-dropout", key: "training.dropout", values: [0, 0.05, 0.1, 0.2, 0.3], seeds: seeds,
                    sharpness: { 1 - 2 * $0 + 4 * max(0, $0 - 0.2) }, size: { _ in 1 })
        rs += sweep(manifest: "mnist-label_noise", key: "dataset.label_noise", values: [0, 0.091, 0.13, 0.167, 0.2], seeds: seeds,
                    sharpness: { 1 + 3 * $0 }, size: { 1 + 2 * $0 })
        rs += sweep(manifest: "mnist-train_per_class", key: "dataset.train_per_class", values: [400, 800, 1600, 3200], seeds: seeds,
                    sharpness: { _ in 1 }, size: { pow($0 / 400, -0.3) })
        return rs
    }
}
