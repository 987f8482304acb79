import AWAnalysis
import AWCore
import AWLinearAlgebra
import AWNetwork
import Testing

/// Each step of `DualityAnalyzer.analyze` checked on its own, against an independent computation.
@Suite("Duality analyzer steps")
struct AnalyzerStepTests {
    static let net = Fixtures.network([20, 10, 8, 4], seed: 81)
    static let tanhNet = Fixtures.network([20, 10, 8, 4], activation: .tanh, bias: true, scale: 2, seed: 85)
    static let train = Fixtures.samples(count: 160, features: 20, classes: 4, seed: 82)
    static let test = Fixtures.samples(count: 60, features: 20, classes: 4, seed: 83)
    /// The training set with every 7th row (from 3) relabelled and marked noisy.
    static let noisy: AnalysisSamples<Double> = {
        var t = train
        for i in stride(from: 3, to: t.count, by: 7) { t.clean[i] = false; t.labels[i] = (t.labels[i] + 1) % 4 }
        return t
    }()

    static func forward(_ net: MLP<Double>, _ train: AnalysisSamples<Double> = train, loss: Loss = .crossEntropy) -> AnalysisForward {
        DualityAnalyzer.forward(model: net, train: train, test: test, loss: loss)
    }

    /// The eigenbasis step's pairs satisfy H v = lambda v against the dense Hessian built directly
    /// from the clean rows, with orthonormal vectors; Lanczos finds the dense path's top eigenvalues.
    @Test(arguments: [(Activation.relu, EigenMethod.dense), (.relu, .lanczos), (.tanh, .dense), (.tanh, .lanczos)])
    func eigenbasisSolvesTheEigenEquation(activation: Activation, method: EigenMethod) throws {
        let net = activation == .relu ? Self.net : Self.tanhNet
        let layer = 1, p = 80
        let cfg = AnalysisConfig(layer: layer, denseThreshold: method == .dense ? p : p - 1, lanczosK: 8,
                                 lanczosTolerance: 1e-10)
        let analyzer = DualityAnalyzer(config: cfg)
        let hessian = try analyzer.hessian(forward: Self.forward(net, Self.noisy))
        #expect(hessian.eigenMethod == method && hessian.dimension == p)
        #expect((hessian.matrix != nil) == (method == .dense) && (hessian.hessianOperator != nil) == (method == .lanczos))
        let basis = try analyzer.eigenbasis(of: hessian)
        #expect(basis.method == method && basis.isComplete == (method == .dense) && basis.converged)
        #expect(basis.eigenvalues.count == (method == .dense ? p : 8) && basis.vectors.rows == basis.eigenvalues.count)
        #expect((basis.lanczos != nil) == (method == .lanczos))

        let clean = Self.noisy.cleanIndices
        let h = try LayerHessian(model: net, layer: layer, inputs: Self.noisy.inputs.gatherRows(clean),
                             labels: clean.map { Self.noisy.labels[$0] }).dense()
        let top = abs(try SymmetricEigen.eigenvalues(h)[0])
        var worst = 0.0, worstGram = 0.0
        for i in 0..<basis.vectors.rows {
            let v = basis.vectors.row(i)
            for j in 0..<p {
                var hv = 0.0
                for t in 0..<p { hv += h[j, t] * v[t] }
                worst = max(worst, abs(hv - basis.eigenvalues[i] * v[j]))
            }
            for r in 0...i {
                var d = 0.0
                for t in 0..<p { d += basis.vectors[r, t] * v[t] }
                worstGram = max(worstGram, abs(d - (r == i ? 1 : 0)))
            }
        }
        #expect(worst <= 1e-7 * top, "max |H v - lambda v| = \(worst)")
        #expect(worstGram <= 1e-8, "max |V V^T - I| = \(worstGram)")
        #expect(basis.residualMax <= 1e-7 * top)
        for i in 1..<basis.eigenvalues.count { #expect(basis.eigenvalues[i - 1] >= basis.eigenvalues[i]) }
        let exact = try SymmetricEigen.eigenvalues(h)
        for i in 0..<basis.eigenvalues.count { #expect(abs(basis.eigenvalues[i] - exact[i]) <= 1e-9 * top) }
    }

    /// The pairs step equals brute-force nearest neighbours (clean same-class candidates, lowest
    /// index on ties) in both directions, with the brute-force squared distances.
    @Test(arguments: [PairingDirection.testToTrain, .trainToTest])
    func pairsMatchBruteForceNearestNeighbours(direction: PairingDirection) throws {
        let train = Self.noisy, test = Self.test
        let analyzer = DualityAnalyzer(config: AnalysisConfig(layer: 1, pairing: direction))
        let pairs = try analyzer.pairs(train: train, test: test, forward: Self.forward(Self.net, train))
        let clean = train.cleanIndices
        let cleanX = train.inputs.gatherRows(clean)
        switch direction {
        case .testToTrain:
            #expect(pairs.testRows == Array(0..<test.count))
            #expect(pairs.trainRows == PairingTests.bruteForce(test.inputs, test.labels, train.inputs, train.labels, train.clean))
        case .trainToTest:
            #expect(pairs.trainRows == clean)
            #expect(pairs.testRows == PairingTests.bruteForce(cleanX, clean.map { train.labels[$0] }, test.inputs, test.labels,
                                                              [Bool](repeating: true, count: test.count)))
        }
        #expect(pairs.trainRows == pairs.cleanPositions.map { clean[$0] })
        #expect(pairs.unpairedRows.isEmpty && pairs.zeroActivityCount == 0 && pairs.count == pairs.testRows.count)
        for k in 0..<pairs.count {
            var d = 0.0
            for t in 0..<train.inputs.cols {
                let v = test.inputs[pairs.testRows[k], t] - train.inputs[pairs.trainRows[k], t]
                d += v * v
            }
            #expect(abs(pairs.squaredDistances[k] - d) <= 1e-12 * max(d, 1))
            #expect(train.labels[pairs.trainRows[k]] == test.labels[pairs.testRows[k]])
        }
    }

    /// Pairs whose training sample has a zero activity at the layer (dead ReLU units, from a large
    /// negative bias) are dropped and listed as unpaired; the rest are the brute-force pairs.
    @Test func pairsDropZeroTrainingActivities() throws {
        var net = Fixtures.network([20, 10, 8, 4], bias: true, seed: 86)
        for j in 0..<net.biases[0].count { net.biases[0][j] = -0.7 }
        let layer = 1
        let pairs = try DualityAnalyzer(config: AnalysisConfig(layer: layer))
            .pairs(train: Self.train, test: Self.test, forward: Self.forward(net))
        let nearest = PairingTests.bruteForce(Self.test.inputs, Self.test.labels, Self.train.inputs, Self.train.labels,
                                              Self.train.clean)
        let activity = net.activity(Self.train.inputs, atLayer: layer)
        let dead = (0..<Self.test.count).filter { j in activity.row(nearest[j]).allSatisfy { $0 == 0 } }
        #expect(!dead.isEmpty, "the fixture should kill some training activities")
        #expect(pairs.zeroActivityCount == dead.count && pairs.unpairedRows == dead)
        let kept = (0..<Self.test.count).filter { !dead.contains($0) }
        #expect(pairs.testRows == kept && pairs.trainRows == kept.map { nearest[$0] })
    }

    /// The dual-weights step: loss changes from the network's own logits, and l(train; W + dW_k)
    /// through `MLP.forward(from:input:replacing:)` with each dW_k formed as a matrix.
    @Test(arguments: [Activation.relu, .tanh])
    func dualWeightsMatchExplicitForwardPasses(activation: Activation) throws {
        let net = activation == .relu ? Self.net : Self.tanhNet
        let layer = 1
        let analyzer = DualityAnalyzer(config: AnalysisConfig(layer: layer))
        let forward = Self.forward(net, Self.noisy)
        let pairs = try analyzer.pairs(train: Self.noisy, test: Self.test, forward: forward)
        let duals = analyzer.dualWeights(forward: forward, pairs: pairs)
        #expect(duals.count == pairs.count && duals.weights.count == pairs.count)
        let trainLoss = Loss.crossEntropy.perSample(logits: net.logits(Self.noisy.inputs), labels: Self.noisy.labels)
        let testLoss = Loss.crossEntropy.perSample(logits: net.logits(Self.test.inputs), labels: Self.test.labels)
        let a = net.activity(Self.noisy.inputs, atLayer: layer)
        var worstResidual = 0.0
        for k in 0..<pairs.count {
            let i = pairs.trainRows[k], j = pairs.testRows[k]
            #expect(abs(duals.trainLosses[k] - trainLoss[i]) <= 1e-13 && abs(duals.testLosses[k] - testLoss[j]) <= 1e-13)
            #expect(abs(duals.deltaLoss[k] - (testLoss[j] - trainLoss[i])) <= 1e-13)
            var w = net.weights[layer]
            let dw = duals.weights.matrix(k)
            for t in 0..<w.data.count { w.data[t] += dw.data[t] }
            let input = Matrix<Double>(rows: 1, cols: a.cols, data: a.row(i))
            let explicit = Loss.crossEntropy.perSample(logits: net.forward(from: layer, input: input, replacing: w),
                                                       labels: [Self.noisy.labels[i]])[0]
            #expect(abs(duals.dualLosses[k] - explicit) <= 1e-12)
            worstResidual = max(worstResidual, abs(testLoss[j] - explicit))
            #expect(abs(duals.squaredNorms[k] - dw.data.reduce(0) { $0 + $1 * $1 }) <= 1e-12 * max(duals.squaredNorms[k], 1e-12))
        }
        #expect(abs(duals.residualMax - worstResidual) <= 1e-12)
        #expect(duals.residualMax <= 1e-10 && duals.residualMean <= duals.residualMax)
        let meanSq = duals.squaredNorms.reduce(0, +) / Double(duals.count)
        #expect(abs(duals.meanSquaredNorm - meanSq) <= 1e-14 * meanSq)
        #expect(abs(duals.activityWeightedNorm - meanSq) <= 1e-12 * meanSq)
    }

    /// The density step: the exact eigenvalue measure on the dense path; SLQ on the dense path when
    /// asked (weights summing to 1, nodes inside the spectrum) and on the Lanczos path; none with 0 probes.
    @Test func spectralDensityStep() throws {
        let forward = Self.forward(Self.net)
        let dense = DualityAnalyzer(config: AnalysisConfig(layer: 1, slqProbes: 3, slqSteps: 20))
        let h = try dense.hessian(forward: forward)
        let basis = try dense.eigenbasis(of: h)
        let exact = try dense.spectralDensity(hessian: h, eigenbasis: basis)
        #expect(exact.method == .eigenvalues && exact.nodes == basis.eigenvalues && exact.hessianVectorMethod == nil)
        #expect(exact.weights == [Double](repeating: 1 / 80.0, count: 80))

        let lo = basis.eigenvalues.last!, hi = basis.eigenvalues[0]
        var slqConfig = dense.config
        slqConfig.slqOnDensePath = true
        let slq = try DualityAnalyzer(config: slqConfig).spectralDensity(hessian: h, eigenbasis: basis)
        #expect(slq.method == .slq(probes: 3, steps: 20) && slq.hessianVectorMethod == .kronecker)
        #expect(abs(slq.weights.reduce(0, +) - 1) <= 1e-12)
        #expect(slq.nodes.allSatisfy { $0 >= lo - 1e-9 * hi && $0 <= hi * (1 + 1e-9) })

        let lz = DualityAnalyzer(config: AnalysisConfig(layer: 1, denseThreshold: 10, lanczosK: 4, slqProbes: 0))
        let hl = try lz.hessian(forward: forward)
        let none = try lz.spectralDensity(hessian: hl, eigenbasis: try lz.eigenbasis(of: hl))
        #expect(none.method == .none && none.nodes.isEmpty && none.weights.isEmpty && none.hessianVectorMethod == nil)
    }

    /// The decomposition step on a complete eigenbasis: the estimated gap is the mean loss change,
    /// and the totals equal the identity-basis ones (basis invariance).
    @Test func decompositionStepIsCompleteOnTheDensePath() throws {
        let analyzer = DualityAnalyzer(config: AnalysisConfig(layer: 2, sharpCount: 3))
        let forward = Self.forward(Self.net)
        let duals = analyzer.dualWeights(forward: forward,
                                         pairs: try analyzer.pairs(train: Self.train, test: Self.test, forward: forward))
        let dec = analyzer.decomposition(duals: duals, eigenbasis: try analyzer.eigenbasis(of: try analyzer.hessian(forward: forward)))
        let mean = duals.deltaLoss.reduce(0, +) / Double(duals.count)
        #expect(dec.complete && dec.sharpCount == 3 && dec.ranking.count == 32)
        #expect(abs(dec.estimatedGap - mean) <= 1e-12 && abs(dec.meanDeltaLoss - mean) <= 1e-15)
        #expect(abs(dec.covarianceTotal - dec.identityCovariance) <= 1e-12 && abs(dec.meanTotal - dec.identityMean) <= 1e-12)
        #expect(dec.residualCovariance == 0 && dec.residualMean == 0)
    }

    /// Calling the steps one by one gives exactly what `analyze` returns (timings aside).
    @Test(arguments: [AnalysisConfig(layer: 1), AnalysisConfig(layer: 0, pairing: .trainToTest, denseThreshold: 100, lanczosK: 6)])
    func stepsComposeToAnalyze(config: AnalysisConfig) throws {
        let analyzer = DualityAnalyzer(config: config)
        var whole = try analyzer.analyze(model: Self.tanhNet, train: Self.noisy, test: Self.test)
        let forward = DualityAnalyzer.forward(model: Self.tanhNet, train: Self.noisy, test: Self.test, loss: config.loss)
        let metrics = NetworkMetrics.evaluate(forward, layer: config.layer)
        let pairs = try analyzer.pairs(train: Self.noisy, test: Self.test, forward: forward)
        let duals = analyzer.dualWeights(forward: forward, pairs: pairs)
        let hessian = try analyzer.hessian(forward: forward)
        let basis = try analyzer.eigenbasis(of: hessian)
        let dec = analyzer.decomposition(duals: duals, eigenbasis: basis)
        let density = try analyzer.spectralDensity(hessian: hessian, eigenbasis: basis)
        #expect(whole.trainLoss == metrics.trainLoss && whole.testLoss == metrics.testLoss && whole.measuredGap == metrics.gap)
        #expect(whole.trainAccuracy == metrics.trainAccuracy && whole.testAccuracy == metrics.testAccuracy)
        #expect(whole.layerNorm == metrics.layerNorm && whole.totalWeightNorm == metrics.totalWeightNorm)
        #expect(whole.pairTrainRow == pairs.trainRows && whole.pairTestRow == pairs.testRows)
        #expect(whole.pairSquaredDistance == pairs.squaredDistances && whole.unpairedRows == pairs.unpairedRows)
        #expect(whole.deltaLoss == duals.deltaLoss && whole.pairDualLoss == duals.dualLosses)
        #expect(whole.dualityResidualMax == duals.residualMax && whole.activityWeightedNorm == duals.activityWeightedNorm)
        #expect(whole.eigenMethod == basis.method && whole.eigenvalues == basis.eigenvalues)
        #expect(whole.eigenResidualMax == basis.residualMax && whole.lanczos == basis.lanczos)
        #expect(whole.directionIndex == dec.ranking && whole.estimatedGap == dec.estimatedGap)
        #expect(whole.sigmaG == dec.ranking.map { dec.sigmaG[$0] } && whole.covarianceTotal == dec.covarianceTotal)
        #expect(whole.densityMethod == density.method && whole.densityNodes == density.nodes
                && whole.densityWeights == density.weights)
        #expect(whole.hessianVectorMethod == (hessian.hessianOperator?.method ?? density.hessianVectorMethod))
        whole.timings = AnalysisTimings()
        var again = try analyzer.analyze(model: Self.tanhNet, train: Self.noisy, test: Self.test)
        again.timings = AnalysisTimings()
        #expect(whole == again)
    }
}
