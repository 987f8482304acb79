import AWCore
import AWLinearAlgebra
import AWNetwork

/// Runs the whole duality analysis of PAPER.md sections 2-5 for one trained network:
/// pairing -> activities -> dual weights (+ duality check) -> layer Hessian -> eigen-directions ->
/// decomposition, norms and spectral density. All arithmetic in Double (Float models and data are
/// promoted exactly). Reads and writes no files.
public struct DualityAnalyzer: Sendable {
    public var config: AnalysisConfig

    public init(config: AnalysisConfig = AnalysisConfig()) { self.config = config }

    /// Largest layer (weights) the dense path accepts whatever `denseThreshold` says (H takes P^2 Doubles:
    /// 3.2 GB at 20,000; dsyevd there takes many minutes).
    public static let denseLimit = 20_000

    /// Analyse `model` on the training rows `train` (noisy rows are excluded from the training loss,
    /// the Hessian and the pairing) and the test rows `test`.
    public func analyze<T: BLASScalar>(model: MLP<T>, train: AnalysisSamples<T>, test: AnalysisSamples<T>) throws -> DualityAnalysis {
        let clock = ContinuousClock()
        let t0 = clock.now
        var timings = AnalysisTimings()
        var mark = clock.now
        func lap() -> Double {
            let now = clock.now
            let d = now - mark
            mark = now
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }

        try config.validate()
        let cfg = config
        let layer = cfg.layer
        guard layer < model.layerCount else {
            throw AWError(.invalidInput, "analysis config: layer = \(layer) is not allowed (0-based index in 0...\(model.layerCount - 1) for widths \(model.widths))")
        }
        guard train.inputs.cols == model.inputSize, test.inputs.cols == model.inputSize else {
            throw AWError(.invalidInput, "analysis: inputs have \(train.inputs.cols) (train) and \(test.inputs.cols) (test) features, the network expects \(model.inputSize)")
        }
        for (name, labels) in [("train", train.labels), ("test", test.labels)] {
            if let bad = labels.first(where: { $0 < 0 || $0 >= model.outputSize }) {
                throw AWError(.invalidInput, "analysis: \(name) label \(bad) is outside 0..<\(model.outputSize)")
            }
        }
        let cleanRows = train.cleanIndices
        guard !cleanRows.isEmpty else { throw AWError(.invalidInput, "analysis: no clean training rows (of \(train.count))") }
        guard test.count > 0 else { throw AWError(.invalidInput, "analysis: the test set is empty") }

        // 1. Forward passes in Double.
        let net = model.converted(to: Double.self)
        let trainX = train.inputs.gatherRowsToDouble(cleanRows)
        let testX = test.inputs.toDouble()
        let trainLabels = cleanRows.map { train.labels[$0] }
        let trainTrace = net.trace(trainX)
        let testTrace = net.trace(testX)
        let trainLosses = cfg.loss.perSample(logits: trainTrace.logits, labels: trainLabels)
        let testLosses = cfg.loss.perSample(logits: testTrace.logits, labels: test.labels)
        let trainLoss = trainLosses.reduce(0, +) / Double(trainLosses.count)
        let testLoss = testLosses.reduce(0, +) / Double(testLosses.count)
        let trainAcc = accuracy(logits: trainTrace.logits, labels: trainLabels)
        let testAcc = accuracy(logits: testTrace.logits, labels: test.labels)
        timings.forward = lap()

        // 2. Pairing in input space (clean training rows only). Pairs refer to positions among the
        //    clean rows (`cleanPos`) and test rows.
        var pairClean: [Int] = [], pairTest: [Int] = [], pairDist: [Double] = []
        var unpaired: [Int] = []
        // Pairing runs on the caller's matrices (Float data is screened without any copy to Double).
        var cleanPosition = [Int](repeating: -1, count: train.count)
        for (c, row) in cleanRows.enumerated() { cleanPosition[row] = c }
        switch cfg.pairing {
        case .testToTrain:
            let nn = NearestNeighbors(queries: test.inputs, queryLabels: test.labels, candidates: train.inputs,
                                      candidateLabels: train.labels, candidateMask: train.clean)
            for j in 0..<test.count {
                if nn.index[j] < 0 { unpaired.append(j); continue }
                pairTest.append(j); pairClean.append(cleanPosition[nn.index[j]]); pairDist.append(nn.squaredDistance[j])
            }
        case .trainToTest:
            let nn = NearestNeighbors(queries: train.inputs.gatherRows(cleanRows), queryLabels: trainLabels,
                                      candidates: test.inputs, candidateLabels: test.labels)
            for c in 0..<cleanRows.count {
                if nn.index[c] < 0 { unpaired.append(cleanRows[c]); continue }
                pairClean.append(c); pairTest.append(nn.index[c]); pairDist.append(nn.squaredDistance[c])
            }
        }
        // Pairs whose training activity is zero have no dual weight.
        let act = trainTrace.inputs[layer]
        var zeroActivity = 0
        do {
            var keep: [Int] = []
            for (k, c) in pairClean.enumerated() {
                var s = 0.0
                for i in 0..<act.cols { let v = act.data[c * act.cols + i]; s += v * v }
                if s > 0 { keep.append(k) } else {
                    zeroActivity += 1
                    unpaired.append(cfg.pairing == .testToTrain ? pairTest[k] : cleanRows[c])
                }
            }
            if keep.count != pairClean.count {
                pairClean = keep.map { pairClean[$0] }; pairTest = keep.map { pairTest[$0] }; pairDist = keep.map { pairDist[$0] }
            }
        }
        unpaired.sort()
        guard !pairClean.isEmpty else {
            throw AWError(.data, "analysis: no pairs could be formed (no clean same-class partners with a non-zero activity at layer \(layer))")
        }
        timings.pairing = lap()

        // 3. Dual weights, the duality check, loss changes.
        let w = net.weights[layer]
        let dual = DualWeights(weights: w, trainActivities: act.gatherRows(pairClean),
                               testActivities: testTrace.inputs[layer].gatherRows(pairTest))
        let pairLabels = pairClean.map { trainLabels[$0] }
        let dualLosses = cfg.loss.perSample(logits: dual.dualLogits(model: net, layer: layer), labels: pairLabels)
        let pairTestLoss = pairTest.map { testLosses[$0] }
        let pairTrainLoss = pairClean.map { trainLosses[$0] }
        let deltaLoss = zip(pairTestLoss, pairTrainLoss).map { $0 - $1 }
        var resMax = 0.0, resSum = 0.0
        for k in 0..<dualLosses.count {
            let r = abs(pairTestLoss[k] - dualLosses[k])
            resMax = max(resMax, r); resSum += r
        }
        let dualSq = dual.squaredNorms
        timings.dualWeights = lap()

        // 4. Hessian and its eigen-directions.
        let hessian = LayerHessian(model: net, layer: layer, trace: trainTrace, labels: trainLabels,
                                   loss: cfg.loss, curvature: cfg.curvature)
        let p = hessian.dimension
        let method: EigenMethod = p <= cfg.denseThreshold ? .dense : .lanczos
        if method == .dense && p > DualityAnalyzer.denseLimit {
            throw AWError(.invalidInput, "analysis config: denseThreshold = \(cfg.denseThreshold) would build a dense \(p) x \(p) Hessian (\(p * p * 8 / 1_000_000) MB); allowed up to \(DualityAnalyzer.denseLimit) weights, use Lanczos above that")
        }
        var eigenvalues: [Double], basis: Matrix<Double>
        var lanczos: LanczosSummary? = nil
        var residualMax = 0.0, converged = true
        var op: LayerHessianOperator? = nil
        switch method {
        case .dense:
            let h = hessian.dense()
            timings.hessian = lap()
            let eig = try SymmetricEigen(h, symmetrize: false)
            eigenvalues = eig.eigenvalues
            basis = eig.eigenvectors
            residualMax = DualityAnalyzer.residualMax(h, eig, count: min(cfg.lanczosK, p))
            timings.eigen = lap()
        case .lanczos:
            let o = LayerHessianOperator(hessian, method: cfg.hessianVectorMethod)
            op = o
            timings.hessian = lap()
            let k = min(cfg.lanczosK, p)
            let r = try Lanczos.eigenpairs(of: o, count: k, target: .largestAlgebraic, tolerance: cfg.lanczosTolerance,
                                           maxIterations: cfg.lanczosMaxIterations,
                                           generator: SeededGenerator(seed: cfg.lanczosSeed))
            eigenvalues = r.eigenvalues
            basis = r.eigenvectors
            lanczos = LanczosSummary(r, requested: k, seed: cfg.lanczosSeed)
            residualMax = lanczos!.maxResidual
            converged = r.converged
            timings.eigen = lap()
        }

        // 5. Decomposition and norms.
        let dec = GapDecomposition(dualWeights: dual, deltaLoss: deltaLoss, basis: basis, eigenvalues: eigenvalues,
                                   complete: method == .dense, sharpCount: cfg.sharpCount)
        let rank = dec.ranking
        let awNorm = dual.activityWeightedNorm(weights: w)
        var total = 0.0
        for m in net.weights { for v in m.data { total += v * v } }
        timings.decomposition = lap()

        // 6. Spectral density.
        var densityMethod = DensityMethod.none, nodes: [Double] = [], weights: [Double] = []
        if method == .dense && !cfg.slqOnDensePath {
            densityMethod = .eigenvalues
            nodes = eigenvalues
            weights = [Double](repeating: 1 / Double(p), count: p)
        } else if cfg.slqProbes > 0 {
            let o = op ?? LayerHessianOperator(hessian, method: cfg.hessianVectorMethod)
            op = o
            let q = try StochasticLanczosQuadrature.run(o, probes: cfg.slqProbes, steps: cfg.slqSteps,
                                                         generator: SeededGenerator(seed: cfg.slqSeed))
            densityMethod = .slq(probes: cfg.slqProbes, steps: cfg.slqSteps)
            nodes = q.nodes
            weights = q.weights
        }
        timings.density = lap()
        timings.total = {
            let d = clock.now - t0
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }()

        let kPairs = Double(deltaLoss.count)
        return DualityAnalysis(
            config: cfg, layer: layer, outputWidth: w.rows, inputWidth: w.cols, pairing: cfg.pairing,
            trainLoss: trainLoss, trainAccuracy: trainAcc, cleanTrainCount: cleanRows.count,
            testLoss: testLoss, testAccuracy: testAcc, testCount: test.count,
            pairTrainRow: pairClean.map { cleanRows[$0] }, pairTestRow: pairTest, pairSquaredDistance: pairDist,
            pairTestLoss: pairTestLoss, pairTrainLoss: pairTrainLoss, pairDualLoss: dualLosses, deltaLoss: deltaLoss,
            dualNorm: dualSq.map { $0.squareRoot() }, dualityResidualMax: resMax, dualityResidualMean: resSum / kPairs,
            unpairedRows: unpaired, zeroActivityPairs: zeroActivity,
            eigenMethod: method, hessianVectorMethod: op?.method, eigenvalues: eigenvalues, lanczos: lanczos,
            eigenResidualMax: residualMax, eigenConverged: converged,
            directionIndex: rank, directionEigenvalue: rank.map { eigenvalues[$0] },
            sigmaW: rank.map { dec.sigmaW[$0] }, sigmaG: rank.map { dec.sigmaG[$0] },
            meanW: rank.map { dec.meanW[$0] }, meanG: rank.map { dec.meanG[$0] }, c: rank.map { dec.correlation[$0] },
            covarianceTotal: dec.covarianceTotal, sharpPart: dec.sharpPart, flatPart: dec.flatPart,
            meanTotal: dec.meanTotal, residualCovariance: dec.residualCovariance, residualMean: dec.residualMean,
            identityBasisCovariance: dec.identityCovariance, identityBasisMean: dec.identityMean,
            estimatedGap: dec.estimatedGap, meanDeltaLoss: dec.meanDeltaLoss, measuredGap: testLoss - trainLoss,
            secondOrderGap: dec.secondOrderGap ?? 0, secondOrderComplete: method == .dense,
            layerNorm: w.frobeniusNorm, totalWeightNorm: total.squareRoot(), activityWeightedNorm: awNorm,
            meanDualNormSquared: dualSq.reduce(0, +) / kPairs,
            densityMethod: densityMethod, densityNodes: nodes, densityWeights: weights, timings: timings)
    }

    /// max_i ||H v_i - lambda_i v_i|| over the first `count` eigenpairs.
    static func residualMax(_ h: Matrix<Double>, _ eig: SymmetricEigen, count: Int) -> Double {
        let n = h.rows
        var worst = 0.0
        var y = [Double](repeating: 0, count: n)
        h.data.withUnsafeBufferPointer { ph in
            eig.eigenvectors.data.withUnsafeBufferPointer { pv in
                y.withUnsafeMutableBufferPointer { py in
                    for i in 0..<min(count, n) {
                        let v = pv.baseAddress! + i * n
                        Double.gemv(trans: false, m: n, n: n, alpha: 1, a: ph.baseAddress!, lda: n, x: v, incx: 1,
                                    beta: 0, y: py.baseAddress!, incy: 1)
                        var s = 0.0
                        for t in 0..<n { let d = py[t] - eig.eigenvalues[i] * v[t]; s += d * d }
                        worst = max(worst, s.squareRoot())
                    }
                }
            }
        }
        return worst
    }
}
