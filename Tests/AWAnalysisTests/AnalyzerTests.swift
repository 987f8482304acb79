import AWAnalysis
import AWCore
import AWLinearAlgebra
import AWNetwork
import Foundation
import Testing

@Suite("Duality analyzer")
struct AnalyzerTests {
    static let net = Fixtures.network([20, 10, 8, 4], seed: 81)
    static let train = Fixtures.samples(count: 160, features: 20, classes: 4, seed: 82)
    static let test = Fixtures.samples(count: 60, features: 20, classes: 4, seed: 83)

    /// The Lanczos path (top-k + residual) against the dense path on the same layer, at the threshold.
    @Test(arguments: [(Activation.relu, HessianVectorMethod.automatic), (.relu, .rOperator), (.tanh, .kronecker), (.tanh, .rOperator)])
    func lanczosPathMatchesDensePath(activation: Activation, method: HessianVectorMethod) throws {
        let layer = 1, p = 80
        let net = activation == .relu ? Self.net : Fixtures.network([20, 10, 8, 4], activation: .tanh, bias: true, scale: 2, seed: 85)
        let dense = try DualityAnalyzer(config: AnalysisConfig(layer: layer, denseThreshold: p, slqProbes: 0))
            .analyze(model: net, train: Self.train, test: Self.test)
        let lz = try DualityAnalyzer(config: AnalysisConfig(layer: layer, denseThreshold: p - 1, lanczosK: 10, lanczosSeed: 5,
                                                            lanczosTolerance: 1e-10, slqProbes: 3, slqSteps: 30,
                                                            hessianVectorMethod: method))
            .analyze(model: net, train: Self.train, test: Self.test)
        #expect(lz.hessianVectorMethod == (method == .automatic ? .kronecker : method))
        #expect(dense.eigenMethod == .dense && lz.eigenMethod == .lanczos)
        #expect(dense.eigenvalues.count == p && lz.eigenvalues.count == 10)
        #expect(lz.eigenConverged && lz.lanczos!.converged && lz.eigenResidualMax <= 1e-7 * abs(dense.eigenvalues[0]))
        #expect(dense.eigenResidualMax <= 1e-12 * dense.eigenvalues[0])
        for i in 0..<10 { #expect(abs(lz.eigenvalues[i] - dense.eigenvalues[i]) <= 1e-9 * dense.eigenvalues[0]) }
        // Totals: exact on both paths.
        #expect(abs(lz.estimatedGap - dense.estimatedGap) <= 1e-12)
        #expect(abs(lz.covarianceTotal - dense.covarianceTotal) <= 1e-12)
        #expect(abs(lz.meanTotal - dense.meanTotal) <= 1e-12)
        #expect(abs(lz.estimatedGap - lz.meanDeltaLoss) <= 1e-12)
        #expect(dense.residualCovariance == 0 && lz.residualCovariance != 0)
        // The same eigen-directions carry the same statistics (|mean|: eigenvector signs may differ).
        for r in 0..<10 {
            let n = lz.directionIndex[r]
            guard let rd = dense.directionIndex.firstIndex(of: n) else { Issue.record("direction \(n) missing"); continue }
            if n < 9, abs(dense.eigenvalues[n] - dense.eigenvalues[n + 1]) < 1e-6 * dense.eigenvalues[0] { continue }
            #expect(abs(lz.sigmaW[r] - dense.sigmaW[rd]) <= 1e-7 * max(dense.sigmaW[rd], 1e-3))
            #expect(abs(lz.sigmaG[r] - dense.sigmaG[rd]) <= 1e-7 * max(dense.sigmaG[rd], 1e-3))
            #expect(abs(abs(lz.meanW[r]) - abs(dense.meanW[rd])) <= 1e-7 * max(dense.sigmaW[rd], 1e-3))
            #expect(abs(lz.c[r] - dense.c[rd]) <= 1e-5)
        }
        #expect(!lz.secondOrderComplete && dense.secondOrderComplete)
        // Density: exact eigenvalues for dense, SLQ nodes inside the spectrum for Lanczos; weights sum to 1.
        #expect(dense.densityMethod == .eigenvalues && lz.densityMethod.name == "slq")
        #expect(abs(lz.densityWeights.reduce(0, +) - 1) <= 1e-12 && abs(dense.densityWeights.reduce(0, +) - 1) <= 1e-12)
        let lo = dense.eigenvalues.last!, hi = dense.eigenvalues[0]
        #expect(lz.densityNodes.allSatisfy { $0 >= lo - 1e-9 * hi && $0 <= hi * (1 + 1e-9) })
    }

    /// Paper identities on the analyzer's output: estimated gap = mean pair test loss - mean pair
    /// train loss; measured - estimated = mean_k l(train_k) - L_train; Tr(W C W^T) = mean |dW|^2 >= sum sigma_w^2.
    @Test(arguments: [Activation.relu, .tanh])
    func gapsNormsAndLosses(activation: Activation) throws {
        let net = Fixtures.network([20, 10, 8, 4], activation: activation, bias: activation == .tanh, seed: 84)
        let r = try DualityAnalyzer(config: AnalysisConfig(layer: 1)).analyze(model: net, train: Self.train, test: Self.test)
        let k = Double(r.deltaLoss.count)
        #expect(r.pairTestRow == Array(0..<Self.test.count))
        let meanTest = r.pairTestLoss.reduce(0, +) / k, meanTrain = r.pairTrainLoss.reduce(0, +) / k
        #expect(abs(r.estimatedGap - (meanTest - meanTrain)) <= 1e-12)
        #expect(abs(meanTest - r.testLoss) <= 1e-12)
        #expect(abs((r.measuredGap - r.estimatedGap) - (meanTrain - r.trainLoss)) <= 1e-12)
        #expect(abs(r.activityWeightedNorm - r.meanDualNormSquared) <= 1e-12 * r.meanDualNormSquared)
        let sw2 = r.sigmaW.reduce(0) { $0 + $1 * $1 }, mw2 = r.meanW.reduce(0) { $0 + $1 * $1 }
        #expect(sw2 <= r.meanDualNormSquared && abs(sw2 + mw2 - r.meanDualNormSquared) <= 1e-12 * r.meanDualNormSquared)
        #expect(abs(r.sharpPart + r.flatPart - r.covarianceTotal) <= 1e-12)
        #expect(abs(r.layerNorm - net.weights[1].frobeniusNorm) <= 1e-14)
        let total = net.weights.reduce(0.0) { $0 + $1.data.reduce(0) { $0 + $1 * $1 } }.squareRoot()
        #expect(abs(r.totalWeightNorm - total) <= 1e-13)
        for i in 1..<r.sigmaG.count { #expect(r.sigmaG[i - 1] >= r.sigmaG[i]) }
        for i in 1..<r.eigenvalues.count { #expect(r.eigenvalues[i - 1] >= r.eigenvalues[i]) }
        #expect(r.directionEigenvalue == r.directionIndex.map { r.eigenvalues[$0] })
        // Losses and accuracies against AWNetwork directly.
        let logits = net.logits(Self.test.inputs)
        #expect(abs(r.testLoss - Loss.crossEntropy.mean(logits: logits, labels: Self.test.labels)) <= 1e-14)
        #expect(r.testAccuracy == accuracy(logits: logits, labels: Self.test.labels))
        let t = r.timings
        #expect(t.total >= t.pairing + t.hessian + t.eigen && t.pairing >= 0)
    }

    /// Label noise: noisy rows are never paired and not in L_train; reverse pairing covers every clean row.
    @Test func labelNoiseAndReversePairing() throws {
        var train = Self.train
        var clean = [Bool](repeating: true, count: train.count)
        for i in stride(from: 3, to: train.count, by: 7) { clean[i] = false; train.labels[i] = (train.labels[i] + 1) % 4 }
        train.clean = clean
        let cleanRows = train.cleanIndices
        let fwd = try DualityAnalyzer(config: AnalysisConfig(layer: 0)).analyze(model: Self.net, train: train, test: Self.test)
        #expect(fwd.pairTrainRow.allSatisfy { clean[$0] })
        #expect(fwd.cleanTrainCount == cleanRows.count)
        let cleanX = train.inputs.gatherRows(cleanRows)
        let cleanLoss = Loss.crossEntropy.mean(logits: Self.net.logits(cleanX), labels: cleanRows.map { train.labels[$0] })
        #expect(abs(fwd.trainLoss - cleanLoss) <= 1e-14)
        let expected = PairingTests.bruteForce(Self.test.inputs, Self.test.labels, train.inputs, train.labels, clean)
        #expect(fwd.pairTrainRow == expected)

        let rev = try DualityAnalyzer(config: AnalysisConfig(layer: 0, pairing: .trainToTest)).analyze(model: Self.net, train: train, test: Self.test)
        #expect(rev.pairing == .trainToTest)
        #expect(rev.pairTrainRow == cleanRows)
        let back = PairingTests.bruteForce(cleanX, cleanRows.map { train.labels[$0] }, Self.test.inputs, Self.test.labels,
                                           [Bool](repeating: true, count: Self.test.count))
        #expect(rev.pairTestRow == back)
        #expect(abs(rev.estimatedGap - rev.meanDeltaLoss) <= 1e-12)
        #expect(rev.dualityResidualMax <= 1e-12)
    }

    /// A Float model and Float data give the same analysis as their exact Double promotion.
    @Test func floatModelIsAnalysedInDouble() throws {
        let f = Self.net.converted(to: Float.self)
        let trainF = AnalysisSamples(inputs: Self.train.inputs.converted(to: Float.self), labels: Self.train.labels)
        let testF = AnalysisSamples(inputs: Self.test.inputs.converted(to: Float.self), labels: Self.test.labels)
        let cfg = AnalysisConfig(layer: 2)
        let a = try DualityAnalyzer(config: cfg).analyze(model: f, train: trainF, test: testF)
        let b = try DualityAnalyzer(config: cfg).analyze(
            model: f.converted(to: Double.self),
            train: AnalysisSamples(inputs: trainF.inputs.converted(to: Double.self), labels: trainF.labels),
            test: AnalysisSamples(inputs: testF.inputs.converted(to: Double.self), labels: testF.labels))
        #expect(a.pairTrainRow == b.pairTrainRow)
        #expect(a.deltaLoss == b.deltaLoss)
        #expect(a.eigenvalues == b.eigenvalues)
        #expect(a.estimatedGap == b.estimatedGap && a.sigmaG == b.sigmaG)
    }

    @Test func configDefaultsAndValidation() throws {
        let expected = AnalysisConfig()
        #expect(expected.sharpCount == 10 && expected.lanczosK == 20 && expected.denseThreshold == 3_000)
        let round = try JSONDecoder().decode(AnalysisConfig.self, from: try JSONEncoder().encode(expected))
        #expect(round == expected)
        #expect(throws: AWError.self) { try AnalysisConfig(lanczosK: 0).validate() }
        #expect(throws: AWError.self) {
            try DualityAnalyzer(config: AnalysisConfig(layer: 3)).analyze(model: Self.net, train: Self.train, test: Self.test)
        }
        let r = try DualityAnalyzer(config: AnalysisConfig(layer: 2)).analyze(model: Self.net, train: Self.train, test: Self.test)
        let json = try JSONEncoder().encode(r)
        #expect(try JSONDecoder().decode(DualityAnalysis.self, from: json) == r)
    }
}
