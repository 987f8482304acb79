import AWAnalysis
import AWCore
import AWLinearAlgebra
import AWNetwork
import Testing

@Suite("Network metrics")
struct NetworkMetricsTests {
    static let train = Fixtures.samples(count: 160, features: 20, classes: 4, seed: 82)
    static let test = Fixtures.samples(count: 60, features: 20, classes: 4, seed: 83)

    /// Losses and accuracies against AWNetwork's own evaluation (clean rows only for training),
    /// norms against sums of squares over the weights (biases left out).
    @Test(arguments: [(Activation.relu, false, Loss.crossEntropy), (.tanh, true, .meanSquaredError)])
    func matchesDirectEvaluation(activation: Activation, bias: Bool, loss: Loss) throws {
        let net = Fixtures.network([20, 10, 8, 4], activation: activation, bias: bias, seed: 84)
        var train = Self.train
        for i in stride(from: 1, to: train.count, by: 5) { train.clean[i] = false; train.labels[i] = (train.labels[i] + 1) % 4 }
        let m = try NetworkMetrics.evaluate(model: net, train: train, test: Self.test, layer: 2, loss: loss)
        let clean = train.cleanIndices
        let cleanLabels = clean.map { train.labels[$0] }
        let trainLogits = net.logits(train.inputs.gatherRows(clean)), testLogits = net.logits(Self.test.inputs)
        #expect(abs(m.trainLoss - loss.mean(logits: trainLogits, labels: cleanLabels)) <= 1e-14)
        #expect(abs(m.testLoss - loss.mean(logits: testLogits, labels: Self.test.labels)) <= 1e-14)
        #expect(m.gap == m.testLoss - m.trainLoss)
        #expect(m.trainAccuracy == accuracy(logits: trainLogits, labels: cleanLabels))
        #expect(m.testAccuracy == accuracy(logits: testLogits, labels: Self.test.labels))
        #expect(m.layerNorm == net.weights[2].data.reduce(0) { $0 + $1 * $1 }.squareRoot())
        let total = net.weights.reduce(0.0) { $0 + $1.data.reduce(0) { $0 + $1 * $1 } }.squareRoot()
        #expect(abs(m.totalWeightNorm - total) <= 1e-14 * total)
        if bias { #expect(m.totalWeightNorm < net.globalNorm) } else { #expect(m.totalWeightNorm == net.globalNorm) }
    }

    /// The metrics are the analyzer's numbers, bit for bit, for a Float model (both evaluate in Double).
    @Test func equalTheAnalyzersValues() throws {
        let net = Fixtures.network([20, 10, 8, 4], seed: 81).converted(to: Float.self)
        let train = AnalysisSamples(inputs: Self.train.inputs.converted(to: Float.self), labels: Self.train.labels)
        let test = AnalysisSamples(inputs: Self.test.inputs.converted(to: Float.self), labels: Self.test.labels)
        let m = try NetworkMetrics.evaluate(model: net, train: train, test: test, layer: 1, loss: .crossEntropy)
        let a = try DualityAnalyzer(config: AnalysisConfig(layer: 1)).analyze(model: net, train: train, test: test)
        #expect(m == NetworkMetrics(trainLoss: a.trainLoss, testLoss: a.testLoss, gap: a.measuredGap,
                                    trainAccuracy: a.trainAccuracy, testAccuracy: a.testAccuracy,
                                    layerNorm: a.layerNorm, totalWeightNorm: a.totalWeightNorm))
        // Float evaluation of the same network agrees to Float rounding only.
        let fl = Loss.crossEntropy.mean(logits: net.logits(test.inputs), labels: test.labels)
        #expect(abs(m.testLoss - fl) <= 1e-5 * max(1, fl))
    }

    @Test func rejectsBadInput() {
        let net = Fixtures.network([20, 10, 8, 4], seed: 81)
        #expect(throws: AWError.self) {
            try NetworkMetrics.evaluate(model: net, train: Self.train, test: Self.test, layer: 3, loss: .crossEntropy)
        }
        var allNoisy = Self.train
        allNoisy.clean = [Bool](repeating: false, count: allNoisy.count)
        #expect(throws: AWError.self) {
            try NetworkMetrics.evaluate(model: net, train: allNoisy, test: Self.test, layer: 0, loss: .crossEntropy)
        }
        let narrow = AnalysisSamples(inputs: Matrix<Double>(rows: 2, cols: 5), labels: [0, 1])
        #expect(throws: AWError.self) {
            try NetworkMetrics.evaluate(model: net, train: narrow, test: Self.test, layer: 0, loss: .crossEntropy)
        }
    }
}
