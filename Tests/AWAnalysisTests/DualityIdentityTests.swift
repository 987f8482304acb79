import AWCore
import AWAnalysis
import AWLinearAlgebra
import AWNetwork
import Testing

@Suite("Activity-weight duality")
struct DualityIdentityTests {
    /// l(test; W) == l(train; W + dW) with dW = (W da) a^T / |a|^2 formed here from the formula,
    /// through MLP.forward(from:input:replacing:), for every layer of random networks.
    @Test(arguments: [(Activation.relu, false), (.relu, true), (.tanh, false), (.tanh, true)])
    func identityHoldsForEveryLayer(activation: Activation, bias: Bool) throws {
        let net = Fixtures.network([12, 9, 7, 4], activation: activation, bias: bias, seed: 11)
        let train = Fixtures.samples(count: 40, features: 12, classes: 4, seed: 1)
        let test = Fixtures.samples(count: 40, features: 12, classes: 4, seed: 2)
        var checked = 0
        for layer in 0..<net.layerCount {
            let aTrain = net.activity(train.inputs, atLayer: layer)
            let aTest = net.activity(test.inputs, atLayer: layer)
            let w = net.weights[layer]
            let testLoss = Loss.crossEntropy.perSample(logits: net.logits(test.inputs), labels: test.labels)
            for k in 0..<train.count {
                let a = aTrain.row(k), at = aTest.row(k)
                let normSq = a.reduce(0) { $0 + $1 * $1 }
                if normSq == 0 { continue }
                let da = zip(at, a).map { $0 - $1 }
                let wda = w.apply(da)
                var wNew = w
                for j in 0..<w.rows { for i in 0..<w.cols { wNew[j, i] += wda[j] * a[i] / normSq } }
                let logits = net.forward(from: layer, input: Matrix([a]), replacing: wNew)
                let dualLoss = Loss.crossEntropy.perSample(logits: logits, labels: [test.labels[k]])[0]
                #expect(abs(dualLoss - testLoss[k]) <= 1e-12, "layer \(layer) pair \(k): \(dualLoss) vs \(testLoss[k])")
                checked += 1
            }
        }
        #expect(checked >= 100)
    }

    /// The factored dual weights equal the formula; |dW|_F = |W da| / |a|; dualLogits agree with a
    /// per-pair MLP.forward(replacing:).
    @Test func factoredDualWeightsMatchFormula() {
        let net = Fixtures.network([10, 8, 6, 3], activation: .tanh, bias: true, seed: 5)
        let train = Fixtures.samples(count: 15, features: 10, classes: 3, seed: 3)
        let test = Fixtures.samples(count: 15, features: 10, classes: 3, seed: 4)
        let layer = 1
        let aTrain = net.activity(train.inputs, atLayer: layer), aTest = net.activity(test.inputs, atLayer: layer)
        let dual = DualWeights(weights: net.weights[layer], trainActivities: aTrain, testActivities: aTest)
        let logits = dual.dualLogits(model: net, layer: layer)
        for k in 0..<dual.count {
            let a = aTrain.row(k)
            let da = zip(aTest.row(k), a).map { $0 - $1 }
            let wda = net.weights[layer].apply(da)
            let nsq = a.reduce(0) { $0 + $1 * $1 }
            let m = dual.matrix(k)
            var expected = 0.0
            for j in 0..<m.rows {
                for i in 0..<m.cols {
                    #expect(abs(m[j, i] - wda[j] * a[i] / nsq) <= 1e-15)
                    expected += m[j, i] * m[j, i]
                }
            }
            #expect(abs(dual.norms[k] - expected.squareRoot()) <= 1e-13)
            var replaced = net.weights[layer]
            for t in 0..<replaced.data.count { replaced.data[t] += m.data[t] }
            let ref = net.forward(from: layer, input: Matrix([a]), replacing: replaced)
            for c in 0..<3 { #expect(abs(logits[k, c] - ref[0, c]) <= 1e-13) }
        }
    }

    /// The analyzer's duality residual is at rounding level, for every layer, ReLU and tanh.
    @Test(arguments: [Activation.relu, .tanh])
    func analyzerResidualIsRoundingLevel(activation: Activation) throws {
        let net = Fixtures.network([16, 10, 8, 4], activation: activation, bias: activation == .tanh, seed: 21)
        let train = Fixtures.samples(count: 80, features: 16, classes: 4, seed: 5)
        let test = Fixtures.samples(count: 30, features: 16, classes: 4, seed: 6)
        for layer in 0..<net.layerCount {
            let r = try DualityAnalyzer(config: AnalysisConfig(layer: layer, slqProbes: 0))
                .analyze(model: net, train: train, test: test)
            #expect(r.dualityResidualMax <= 1e-12, "layer \(layer): \(r.dualityResidualMax)")
            #expect(r.dualityResidualMean <= r.dualityResidualMax)
            #expect(Fixtures.maxAbsDiff(r.pairDualLoss, r.pairTestLoss) <= 1e-12)
            #expect(r.pairTrainRow.count + r.unpairedRows.count == test.count)
        }
    }
}
