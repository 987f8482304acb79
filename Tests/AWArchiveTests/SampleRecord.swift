import AWAnalysis
import AWArchive
import AWCore
import AWLinearAlgebra

/// A complete, plausible record with every field filled from a seeded generator.
func sampleRecord(seed: UInt64 = 7, dtype: DType = .float32, bias: Bool = false, analysis: Bool = true,
                  density: DensityMethod = .eigenvalues) -> RunRecord {
    var g = SeededGenerator(seed: seed)
    func doubles(_ n: Int) -> [Double] { (0..<n).map { _ in g.nextGaussian() } }
    let widths: [Int64] = [12, 5, 4, 3]
    var layers: [Matrix<Double>] = []
    for l in 1..<widths.count {
        var w = Matrix<Double>(rows: Int(widths[l]), cols: Int(widths[l - 1]), data: doubles(Int(widths[l] * widths[l - 1])))
        if dtype == .float32 { w.data = w.data.map { Double(Float($0)) } }
        layers.append(w)
    }
    let biases: [[Double]] = bias ? (1..<widths.count).map { doubles(Int(widths[$0])).map { Double(Float($0)) } } : []
    let n = 40, m = 9
    let a = RunRecord.AnalysisSection(
        layerIndex: 1, pairing: .testToTrain, sharpCount: 10, eigenMethod: .dense, estimatedGap: 0.12, measuredGap: 0.121,
        secondOrderGap: 0.2, dualityResidualMax: 1e-7, dualityResidualMean: 1e-8, covarianceTotal: 0.11, sharpPart: 0.08,
        flatPart: 0.03, meanTotal: 0.01, residualCovariance: 0, residualMean: 0, activityWeightedNorm: 2.5,
        lanczosConverged: true, lanczosMaxResidual: 0, pairTrainRow: (0..<m).map { Int64($0 * 3) },
        pairTestRow: (0..<m).map { Int64($0) }, deltaLoss: doubles(m), pairTestLoss: doubles(m), pairTrainLoss: doubles(m),
        pairDualLoss: doubles(m), dualNorm: doubles(m), eigenvalues: doubles(20).sorted(by: >),
        directionEigenvalue: doubles(20), directionIndex: (0..<20).map { Int64(19 - $0) }, sigmaW: doubles(20),
        sigmaG: doubles(20), meanW: doubles(20), meanG: doubles(20), c: doubles(20), densityMethod: density, densityNodes: doubles(30),
        densityWeights: doubles(30))
    return RunRecord(
        runID: "0123456789abcdef", config: "{\"seed\":7,\"training\":{\"batch_size\":25}}",
        configSHA256: SHA256.hex("config"), seed: 0xFFFF_0000_1234_5678, status: .complete,
        softwareVersion: "test", gitCommit: "abc", hdf5Version: "1.10.8",
        blas: .init(library: "OpenBLAS", core: "Zen", threads: 1), manifest: "quick-test",
        swept: ["model.hidden": .array([.int(30), .int(30)]), "training.batch_size": .int(100)], replicate: 3,
        data: .init(dataset: .mnist, trainIndices: (0..<n).map { Int64($0 * 7) }, trainLabels: (0..<n).map { Int64($0 % 10) },
                    clean: (0..<n).map { UInt8($0 % 5 == 0 ? 0 : 1) }, testIndices: (0..<m).map { Int64($0) }),
        model: .init(widths: widths, activation: .relu, dtype: dtype, layers: layers, biases: biases),
        training: .init(trainLoss: doubles(6).map { abs($0) }, trainAccuracy: doubles(6), epochs: 6, stopReason: .converged),
        metrics: .init(trainLoss: 1e-3, testLoss: 0.3, gap: 0.299, trainAccuracy: 1, testAccuracy: 0.9, layerNorm: 3, totalWeightNorm: 9),
        analysis: analysis ? a : nil)
}
