import AWCore
import AWAnalysis
import AWLinearAlgebra
import AWNetwork
import Testing

@Suite("Gap decomposition")
struct DecompositionTests {
    /// Dual weights and loss changes of a random network for test -> train pairs.
    static func pairs(_ net: MLP<Double>, layer: Int, seed: UInt64) -> (DualWeights, [Double]) {
        let train = Fixtures.samples(count: 60, features: net.inputSize, classes: net.outputSize, seed: seed)
        let test = Fixtures.samples(count: 60, features: net.inputSize, classes: net.outputSize, seed: seed + 1)
        let dual = DualWeights(weights: net.weights[layer], trainActivities: net.activity(train.inputs, atLayer: layer),
                               testActivities: net.activity(test.inputs, atLayer: layer))
        let lTrain = Loss.crossEntropy.perSample(logits: net.logits(train.inputs), labels: train.labels)
        let lTest = Loss.crossEntropy.perSample(logits: net.logits(test.inputs), labels: test.labels)
        return (dual, zip(lTest, lTrain).map { $0 - $1 })
    }

    /// sum_n [mu_g mu_w + c sigma_g sigma_w] over the Hessian eigenbasis == mean_k Dl_k (1e-10), and
    /// the totals equal the identity basis and a random orthonormal basis.
    @Test(arguments: [Activation.relu, .tanh])
    func identityAndBasisInvariance(activation: Activation) throws {
        let net = Fixtures.network([12, 8, 6, 4], activation: activation, bias: activation == .tanh, seed: 41)
        let layer = 1
        let (dual, dl) = Self.pairs(net, layer: layer, seed: 42)
        let data = Fixtures.samples(count: 100, features: 12, classes: 4, seed: 43)
        let h = try LayerHessian(model: net, layer: layer, inputs: data.inputs, labels: data.labels)
        let eig = try SymmetricEigen(h.dense(), symmetrize: false)
        let meanDl = dl.reduce(0, +) / Double(dl.count)

        let eigen = GapDecomposition(dualWeights: dual, deltaLoss: dl, basis: eig.eigenvectors, eigenvalues: eig.eigenvalues)
        var sum = 0.0
        for n in 0..<h.dimension { sum += eigen.meanG[n] * eigen.meanW[n] + eigen.correlation[n] * eigen.sigmaG[n] * eigen.sigmaW[n] }
        #expect(abs(sum - meanDl) <= 1e-10)
        #expect(abs(eigen.estimatedGap - meanDl) <= 1e-10)
        #expect(eigen.complete && eigen.residualCovariance == 0 && eigen.residualMean == 0)
        // Identity basis computed independently (columns of the flattened dual weights).
        #expect(abs(eigen.identityCovariance - eigen.covarianceTotal) <= 1e-12)
        #expect(abs(eigen.identityMean - eigen.meanTotal) <= 1e-12)
        let identity = GapDecomposition(dualWeights: dual, deltaLoss: dl, basis: .identity(h.dimension))
        #expect(abs(identity.covarianceTotal - eigen.covarianceTotal) <= 1e-12)
        #expect(abs(identity.meanTotal - eigen.meanTotal) <= 1e-12)
        let random = GapDecomposition(dualWeights: dual, deltaLoss: dl, basis: Fixtures.orthonormalBasis(h.dimension, seed: 7))
        #expect(abs(random.covarianceTotal - eigen.covarianceTotal) <= 1e-12)
        #expect(abs(random.meanTotal - eigen.meanTotal) <= 1e-12)
        // Directions differ between bases, so the per-direction sigmas must differ.
        #expect(Fixtures.maxAbsDiff(random.sigmaG.sorted(), eigen.sigmaG.sorted()) > 1e-6)
    }

    /// Per-direction moments against a direct computation from g_k = Dl_k dw_k / |dw_k|^2; ranking
    /// by sigma_g; sharp + flat = total; c in [-1, 1]; the second-order diagnostic.
    @Test func momentsRankingAndParts() throws {
        let net = Fixtures.network([10, 6, 5, 3], seed: 51)
        let layer = 1
        let (dual, dl) = Self.pairs(net, layer: layer, seed: 52)
        let basis = Fixtures.orthonormalBasis(dual.dimension, seed: 53)
        let ev = (0..<dual.dimension).map { Double(dual.dimension - $0) * 0.1 }
        let dec = GapDecomposition(dualWeights: dual, deltaLoss: dl, basis: basis, eigenvalues: ev, sharpCount: 4)
        let dw = dual.flattened()
        let k = Double(dual.count)
        var second = 0.0
        for n in [0, 7, dual.dimension - 1] {
            var w: [Double] = [], g: [Double] = []
            for p in 0..<dual.count {
                var proj = 0.0, nsq = 0.0
                for i in 0..<dual.dimension { proj += basis[n, i] * dw[p, i]; nsq += dw[p, i] * dw[p, i] }
                w.append(proj); g.append(dl[p] / nsq * proj)
            }
            let mw = w.reduce(0, +) / k, mg = g.reduce(0, +) / k
            let sw = (w.reduce(0) { $0 + ($1 - mw) * ($1 - mw) } / k).squareRoot()
            let sg = (g.reduce(0) { $0 + ($1 - mg) * ($1 - mg) } / k).squareRoot()
            var cov = 0.0
            for p in 0..<dual.count { cov += (w[p] - mw) * (g[p] - mg) }
            cov /= k
            #expect(abs(dec.meanW[n] - mw) <= 1e-13 && abs(dec.meanG[n] - mg) <= 1e-13)
            #expect(abs(dec.sigmaW[n] - sw) <= 1e-12 && abs(dec.sigmaG[n] - sg) <= 1e-12)
            #expect(abs(dec.correlation[n] - cov / (sw * sg)) <= 1e-10)
        }
        for n in 0..<dual.dimension { second += ev[n] * (dec.sigmaW[n] * dec.sigmaW[n] + dec.meanW[n] * dec.meanW[n]) / 2 }
        #expect(abs(dec.secondOrderGap! - second) <= 1e-13)
        for r in 1..<dec.ranking.count { #expect(dec.sigmaG[dec.ranking[r - 1]] >= dec.sigmaG[dec.ranking[r]]) }
        #expect(dec.correlation.allSatisfy { abs($0) <= 1 + 1e-12 })
        let top4 = dec.ranking.prefix(4).reduce(0.0) { $0 + dec.correlation[$1] * dec.sigmaG[$1] * dec.sigmaW[$1] }
        #expect(abs(dec.sharpPart - top4) <= 1e-15)
        #expect(abs(dec.sharpPart + dec.flatPart - dec.covarianceTotal) <= 1e-12)
    }

    /// An incomplete basis: the residual terms restore the exact totals, through both the flattened
    /// and the rank-one (memory-bounded) projection paths, which must agree.
    @Test func incompleteBasisResidual() throws {
        let net = Fixtures.network([14, 9, 7, 4], activation: .tanh, seed: 61)
        let layer = 0
        let (dual, dl) = Self.pairs(net, layer: layer, seed: 62)
        let full = Fixtures.orthonormalBasis(dual.dimension, seed: 63)
        let top = full.gatherRows(Array(0..<17))
        let meanDl = dl.reduce(0, +) / Double(dl.count)
        let a = GapDecomposition(dualWeights: dual, deltaLoss: dl, basis: top)
        let b = GapDecomposition(dualWeights: dual, deltaLoss: dl, basis: top, memoryLimit: 0)
        #expect(!a.complete && !b.complete)
        #expect(abs(a.estimatedGap - meanDl) <= 1e-12)
        #expect(abs(b.estimatedGap - meanDl) <= 1e-12)
        #expect(Fixtures.maxAbsDiff(a.sigmaW, b.sigmaW) <= 1e-13)
        #expect(Fixtures.maxAbsDiff(a.sigmaG, b.sigmaG) <= 1e-13)
        #expect(Fixtures.maxAbsDiff(a.meanG, b.meanG) <= 1e-13)
        #expect(abs(a.residualCovariance - b.residualCovariance) <= 1e-12)
        #expect(abs(a.residualMean - b.residualMean) <= 1e-12)
        #expect(abs(a.residualCovariance) > 1e-6)
        // Residual = what the other directions of the complete basis carry.
        let rest = GapDecomposition(dualWeights: dual, deltaLoss: dl, basis: full.gatherRows(Array(17..<dual.dimension)))
        #expect(abs(a.residualCovariance - rest.directionCovariance) <= 1e-12)
        #expect(abs(a.residualMean - rest.directionMean) <= 1e-12)
    }

    /// sum_n sigma_w^2 <= mean |dW_k|^2 = Tr(W C W^T), with equality sum (sigma_w^2 + mu_w^2) over a complete basis.
    @Test func sizeBoundAndActivityWeightedNorm() throws {
        let net = Fixtures.network([10, 7, 6, 3], seed: 71)
        for layer in 0..<3 {
            let (dual, dl) = Self.pairs(net, layer: layer, seed: 72)
            let meanSq = dual.squaredNorms.reduce(0, +) / Double(dual.count)
            let tr = dual.activityWeightedNorm(weights: net.weights[layer])
            #expect(abs(tr - meanSq) <= 1e-12 * max(1, meanSq))
            let dec = GapDecomposition(dualWeights: dual, deltaLoss: dl, basis: Fixtures.orthonormalBasis(dual.dimension, seed: 73))
            let sw2 = dec.sigmaW.reduce(0) { $0 + $1 * $1 }
            let mw2 = dec.meanW.reduce(0) { $0 + $1 * $1 }
            #expect(sw2 <= meanSq)
            #expect(abs(sw2 + mw2 - meanSq) <= 1e-12 * max(1, meanSq))
        }
    }
}
