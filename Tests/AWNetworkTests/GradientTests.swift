import AWCore
import AWLinearAlgebra
import AWTestSupport
import Testing
import AWNetwork

@Suite("Gradients against central finite differences (Float64)")
struct GradientTests {
    struct Case: CustomStringConvertible, Sendable {
        var activation: Activation
        var bias: Bool
        var loss: Loss
        var decay: Double = 0
        var form: WeightDecayForm = .norm
        var widths: [Int] = [7, 6, 5, 4]
        var description: String { "\(activation) bias=\(bias) \(loss.rawValue) decay=\(decay) \(form)" }
    }

    static let cases: [Case] = [
        Case(activation: .relu, bias: false, loss: .crossEntropy),
        Case(activation: .relu, bias: true, loss: .crossEntropy),
        Case(activation: .tanh, bias: false, loss: .crossEntropy),
        Case(activation: .tanh, bias: true, loss: .crossEntropy),
        Case(activation: .relu, bias: false, loss: .meanSquaredError),
        Case(activation: .tanh, bias: true, loss: .meanSquaredError),
        Case(activation: .relu, bias: false, loss: .crossEntropy, decay: 0.05, form: .norm),
        Case(activation: .relu, bias: true, loss: .crossEntropy, decay: 0.05, form: .squared),
        Case(activation: .tanh, bias: false, loss: .meanSquaredError, decay: 0.02, form: .norm),
        Case(activation: .relu, bias: false, loss: .crossEntropy, widths: [5, 4]),
        Case(activation: .relu, bias: true, loss: .crossEntropy, widths: [6, 5, 4, 4, 3]),
    ]

    @Test("analytic gradient == central differences (rel. error < 1e-6)", arguments: cases)
    func finiteDifferences(_ c: Case) throws {
        let (x, labels) = Fixture.data(n: 9, features: c.widths[0], classes: c.widths.last!, seed: 11)
        let model = Fixture.model(widths: c.widths, activation: c.activation, bias: c.bias, x: x, seed: 3)
        let ev = try GradientEvaluator(model: model, x: x, labels: labels, loss: c.loss)
        let (value, analytic) = ev.flatGradient(of: model, weightDecay: c.decay, weightDecayForm: c.form)
        let theta = model.flatParameters
        let numeric = Fixture.centralDifferences(theta) {
            ev.loss(of: model.withFlatParameters($0), weightDecay: c.decay, weightDecayForm: c.form)
        }
        #expect(abs(value - ev.loss(of: model, weightDecay: c.decay, weightDecayForm: c.form)) < 1e-14)
        let err = Fixture.maxRelativeError(analytic, numeric)
        #expect(err < 1e-6, "\(c): max relative error \(err)")
        #expect(analytic.count == model.parameterCount)
    }

    @Test("fixed dropout mask: gradient of the training-mode loss == central differences", arguments: [0, 1, 2])
    func dropoutMask(layer: Int) throws {
        let widths = [7, 6, 5, 4]
        let (x, labels) = Fixture.data(n: 9, features: 7, classes: 4, seed: 21)
        var g = SeededGenerator(seed: 5)
        let mask = DropoutMask<Double>.random(layer: layer, rows: 9, width: widths[layer], rate: 0.3, generator: &g)
        #expect(mask.multipliers.data.contains(0) && mask.multipliers.data.contains(1 / 0.7))
        let model = Fixture.model(widths: widths, activation: .relu, bias: true, x: x, mask: mask, seed: 8)
        let ev = try GradientEvaluator(model: model, x: x, labels: labels, dropout: mask)
        let (_, analytic) = ev.flatGradient(of: model)
        let numeric = Fixture.centralDifferences(model.flatParameters) { ev.loss(of: model.withFlatParameters($0)) }
        let err = Fixture.maxRelativeError(analytic, numeric)
        #expect(err < 1e-6, "dropout at layer \(layer): max relative error \(err)")
        // The mask matters: the eval-mode gradient differs.
        let plain = try GradientEvaluator(model: model, x: x, labels: labels).flatGradient(of: model).gradient
        #expect(Fixture.maxRelativeError(plain, analytic) > 1e-3)
        // MLP.gradient(dropout:) is the same computation.
        let direct = try model.gradient(x: x, labels: labels, dropout: mask)
        #expect(direct.weights[0].data == ev.gradient(of: model).weights[0].data)
    }

    @Test("single linear layer + softmax CE: grad = (P - Y)^T X / N; MSE: 2 (F - Y)^T X / (C N)")
    func closedFormLinear() throws {
        let (x, labels) = Fixture.data(n: 6, features: 4, classes: 3, seed: 31)
        let model = MLP<Double>(widths: [4, 3], seed: 2)
        let p = softmaxRows(model.logits(x))
        var expected = Matrix<Double>(rows: 3, cols: 4)
        for k in 0..<6 { for j in 0..<3 { for i in 0..<4 {
            expected[j, i] += (p[k, j] - (labels[k] == j ? 1 : 0)) * x[k, i] / 6
        } } }
        let g = try model.gradient(x: x, labels: labels)
        let cmp = TestSupport.compare(g.weights[0], expected, relative: 1e-13, absolute: 1e-15)
        #expect(cmp.passed, "\(cmp)")
        #expect(abs(g.loss - Loss.crossEntropy.mean(logits: model.logits(x), labels: labels)) < 1e-14)

        let f = model.logits(x)
        var mse = Matrix<Double>(rows: 3, cols: 4)
        for k in 0..<6 { for j in 0..<3 { for i in 0..<4 {
            mse[j, i] += 2 * (f[k, j] - (labels[k] == j ? 1 : 0)) * x[k, i] / (3 * 6)
        } } }
        let gm = try model.gradient(x: x, labels: labels, loss: .meanSquaredError)
        let cmpm = TestSupport.compare(gm.weights[0], mse, relative: 1e-13, absolute: 1e-15)
        #expect(cmpm.passed, "\(cmpm)")
        #expect(abs(gm.loss - Loss.meanSquaredError.mean(logits: f, labels: labels)) < 1e-14)
    }

    @Test("two-layer ReLU net: G2 = D^T A1, G1 = ((D W2) * 1[Z1 > 0])^T X, D = (P - Y) / N")
    func closedFormTwoLayer() throws {
        let (x, labels) = Fixture.data(n: 8, features: 5, classes: 3, seed: 41)
        let model = Fixture.model(widths: [5, 4, 3], activation: .relu, bias: false, x: x, seed: 9)
        let tr = model.trace(x)
        let p = softmaxRows(tr.logits)
        var d = Matrix<Double>(rows: 8, cols: 3)
        for k in 0..<8 { for j in 0..<3 { d[k, j] = (p[k, j] - (labels[k] == j ? 1 : 0)) / 8 } }
        let g2 = Matrix.product(d, transA: true, tr.inputs[1])
        var d1 = Matrix.product(d, model.weights[1])
        for k in 0..<8 { for h in 0..<4 where tr.preactivations[0][k, h] <= 0 { d1[k, h] = 0 } }
        let g1 = Matrix.product(d1, transA: true, x)
        let g = try model.gradient(x: x, labels: labels)
        let c1 = TestSupport.compare(g.weights[0], g1, relative: 1e-12, absolute: 1e-15)
        let c2 = TestSupport.compare(g.weights[1], g2, relative: 1e-12, absolute: 1e-15)
        #expect(c1.passed, "layer 1: \(c1)")
        #expect(c2.passed, "layer 2: \(c2)")
    }

    @Test("sparse first-layer kernel and chunking give the dense full-batch gradient")
    func sparseAndChunks() throws {
        let widths = [12, 6, 5, 3]
        let (x, labels) = Fixture.data(n: 11, features: 12, classes: 3, seed: 51, zeroFraction: 0.7)
        let model = Fixture.model(widths: widths, activation: .relu, bias: true, x: x, seed: 4)
        let dense = try GradientEvaluator(model: model, x: x, labels: labels, inputKernel: .dense).flatGradient(of: model)
        let sparse = try GradientEvaluator(model: model, x: x, labels: labels, inputKernel: .sparse).flatGradient(of: model)
        let chunked = try GradientEvaluator(model: model, x: x, labels: labels, inputKernel: .sparse, chunk: 3).flatGradient(of: model)
        let chunkedDense = try GradientEvaluator(model: model, x: x, labels: labels, chunk: 4).flatGradient(of: model)
        for other in [sparse, chunked, chunkedDense] {
            #expect(abs(other.loss - dense.loss) < 1e-14)
            #expect(TestSupport.compare(other.gradient, dense.gradient, relative: 1e-12, absolute: 1e-15).passed)
        }
        let numeric = Fixture.centralDifferences(model.flatParameters) {
            (try? GradientEvaluator(model: model, x: x, labels: labels, inputKernel: .sparse))!.loss(of: model.withFlatParameters($0))
        }
        #expect(Fixture.maxRelativeError(sparse.gradient, numeric) < 1e-6)
    }

    @Test("gradient evaluator is repeatable bit for bit and rejects bad inputs")
    func repeatableAndValidated() throws {
        let (x, labels) = Fixture.data(n: 5, features: 4, classes: 3, seed: 61)
        let model = MLP<Double>(widths: [4, 3, 3], seed: 1)
        let ev = try GradientEvaluator(model: model, x: x, labels: labels)
        let a = ev.flatGradient(of: model), b = ev.flatGradient(of: model)
        #expect(a.gradient == b.gradient && a.loss == b.loss)
        #expect(throws: AWError.self) { try GradientEvaluator(model: model, x: x, labels: [0, 1, 2, 3, 0]) }
        #expect(throws: AWError.self) { try GradientEvaluator(model: model, x: x, labels: [0, 1]) }
        #expect(throws: AWError.self) { try GradientEvaluator(model: MLP<Double>(widths: [5, 3], seed: 1), x: x, labels: labels) }
        let flat = model.flatParameters
        #expect(model.withFlatParameters(flat) == model)
    }

    @Test("Float32 gradient agrees with Float64 to single precision")
    func floatMatchesDouble() throws {
        let (x, labels) = Fixture.data(n: 20, features: 8, classes: 4, seed: 71, zeroFraction: 0.5)
        let model = Fixture.model(widths: [8, 6, 4], activation: .relu, bias: false, x: x, seed: 6)
        let gd = try model.gradient(x: x, labels: labels)
        let gf = try model.converted(to: Float.self).gradient(x: x.converted(to: Float.self), labels: labels)
        for l in 0..<2 {
            let rel = TestSupport.relativeError(gf.weights[l].data.map { Double($0) }, gd.weights[l].data)
            #expect(rel < 1e-5, "layer \(l): relative error \(rel)")
        }
        #expect(abs(gf.loss - gd.loss) < 1e-5)
    }
}
