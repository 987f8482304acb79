import AWAnalysis
import AWCore
import AWLinearAlgebra
import AWNetwork
import Testing

@Suite("Layer Hessian")
struct LayerHessianTests {
    static func hessian(_ net: MLP<Double>, layer: Int, data: AnalysisSamples<Double>, loss: Loss = .crossEntropy,
                        curvature: HessianCurvature = .exact) throws -> LayerHessian {
        try LayerHessian(model: net, layer: layer, inputs: data.inputs, labels: data.labels, loss: loss, curvature: curvature)
    }

    /// The layer gradient (back-propagation) against central differences of the loss (forward only).
    @Test(arguments: [(Activation.relu, false), (.tanh, true)])
    func gradientMatchesLossDifferences(activation: Activation, bias: Bool) throws {
        let net = Fixtures.network([5, 4, 3, 3], activation: activation, bias: bias, seed: 3)
        let data = Fixtures.samples(count: 25, features: 5, classes: 3, seed: 7)
        for layer in 0..<net.layerCount {
            let h = try Self.hessian(net, layer: layer, data: data)
            let g = h.gradient(weights: h.weights)
            let eps = 1e-6
            for p in 0..<h.dimension {
                var wp = h.weights, wm = h.weights
                wp.data[p] += eps; wm.data[p] -= eps
                let fd = (h.loss(weights: wp) - h.loss(weights: wm)) / (2 * eps)
                #expect(abs(fd - g.data[p]) <= 1e-8, "layer \(layer) weight \(p): \(fd) vs \(g.data[p])")
            }
        }
    }

    /// Every entry of the dense (Kronecker-form, GEMM-built) Hessian against central differences of
    /// the gradient, on tiny networks: ReLU without biases, ReLU with biases, tanh (exact curvature),
    /// and MSE.
    @Test(arguments: [(Activation.relu, false, Loss.crossEntropy), (.relu, true, .crossEntropy),
                      (.tanh, true, .crossEntropy), (.tanh, false, .meanSquaredError), (.relu, false, .meanSquaredError)])
    func denseMatchesFiniteDifferences(activation: Activation, bias: Bool, loss: Loss) throws {
        let net = Fixtures.network([5, 4, 3, 3], activation: activation, bias: bias, seed: 9)
        let data = Fixtures.samples(count: 30, features: 5, classes: 3, seed: 8)
        for layer in 0..<net.layerCount {
            let h = try Self.hessian(net, layer: layer, data: data, loss: loss)
            let dense = h.dense()
            let p = h.dimension
            let eps = 1e-5
            var worst = 0.0, scale = 0.0
            for col in 0..<p {
                var wp = h.weights, wm = h.weights
                wp.data[col] += eps; wm.data[col] -= eps
                let gp = h.gradient(weights: wp), gm = h.gradient(weights: wm)
                for row in 0..<p {
                    let fd = (gp.data[row] - gm.data[row]) / (2 * eps)
                    worst = max(worst, abs(fd - dense[row, col]))
                    scale = max(scale, abs(dense[row, col]))
                }
            }
            #expect(scale > 1e-3, "layer \(layer): Hessian unexpectedly tiny (\(scale))")
            #expect(worst <= 1e-7 * max(1, scale), "layer \(layer) \(activation) \(loss): max |FD - dense| = \(worst), max |H| = \(scale)")
            for r in 0..<p { for c in 0..<p { #expect(dense[r, c] == dense[c, r]) } }
        }
    }

    /// Single bias-free softmax layer: H = (1/N) sum_k A_k (x) x_k x_k^T, A_k = diag(p) - p p^T,
    /// built here entry by entry.
    @Test func singleSoftmaxLayerClosedForm() throws {
        let net = Fixtures.network([6, 4], seed: 13)
        let data = Fixtures.samples(count: 50, features: 6, classes: 4, seed: 14)
        let h = try Self.hessian(net, layer: 0, data: data)
        let dense = h.dense()
        let probs = softmaxRows(net.logits(data.inputs))
        let c = 4, d = 6, p = c * d
        var ref = [Double](repeating: 0, count: p * p)
        for k in 0..<data.count {
            for j in 0..<c {
                for j2 in 0..<c {
                    let a = (j == j2 ? probs[k, j] : 0) - probs[k, j] * probs[k, j2]
                    for i in 0..<d {
                        for i2 in 0..<d {
                            ref[(j * d + i) * p + j2 * d + i2] += a * data.inputs[k, i] * data.inputs[k, i2] / Double(data.count)
                        }
                    }
                }
            }
        }
        #expect(Fixtures.maxAbsDiff(dense.data, ref) <= 1e-14)
        // M_k is A_k itself for the last layer.
        let m0 = h.curvatureInPreactivation(sample: 0)
        #expect(abs(m0[1, 2] + probs[0, 1] * probs[0, 2]) <= 1e-16)
    }

    /// Matrix-free products (Kronecker and R-operator) reproduce the dense Hessian column by column
    /// on larger layers, with and without biases, ReLU and tanh.
    @Test(arguments: [(Activation.relu, false), (.relu, true), (.tanh, true)])
    func operatorsMatchDense(activation: Activation, bias: Bool) throws {
        let net = Fixtures.network([20, 12, 10, 5], activation: activation, bias: bias, seed: 17)
        let data = Fixtures.samples(count: 120, features: 20, classes: 5, seed: 18)
        for layer in 0..<net.layerCount {
            let h = try Self.hessian(net, layer: layer, data: data)
            let dense = h.dense()
            let scale = Fixtures.maxAbs(dense.data)
            for method in [HessianVectorMethod.kronecker, .rOperator] {
                let op = LayerHessianOperator(h, method: method)
                #expect(op.method == method)
                let m = op.denseMatrix()
                let diff = Fixtures.maxAbsDiff(m.data, dense.data)
                #expect(diff <= 1e-13 * scale, "layer \(layer) \(method): \(diff) (scale \(scale))")
            }
        }
    }

    /// tanh network with biases: R-operator and Kronecker products against central differences of
    /// the gradient along random directions (the Gauss-Newton form alone would be off).
    @Test func tanhOperatorMatchesFiniteDifferences() throws {
        let net = Fixtures.network([15, 10, 8, 4], activation: .tanh, bias: true, scale: 2.5, seed: 23)
        let data = Fixtures.samples(count: 80, features: 15, classes: 4, seed: 24)
        var g = SeededGeneratorBox(seed: 99)
        for layer in 0..<net.layerCount {
            let h = try Self.hessian(net, layer: layer, data: data)
            let exactR = LayerHessianOperator(h, method: .rOperator)
            let exactK = LayerHessianOperator(h, method: .kronecker)
            let fd = LayerHessianOperator(h, method: .finiteDifference, finiteDifferenceStep: 1e-5)
            let gn = LayerHessianOperator(try Self.hessian(net, layer: layer, data: data, curvature: .gaussNewton), method: .rOperator)
            for _ in 0..<3 {
                let v = g.gaussianVector(h.dimension)
                let yr = exactR.apply(v), yk = exactK.apply(v), yf = fd.apply(v), yg = gn.apply(v)
                let scale = Fixtures.maxAbs(yr)
                #expect(Fixtures.maxAbsDiff(yr, yf) <= 1e-7 * scale, "layer \(layer): R-op vs FD \(Fixtures.maxAbsDiff(yr, yf))")
                #expect(Fixtures.maxAbsDiff(yr, yk) <= 1e-13 * scale)
                if layer < net.layerCount - 1 {
                    // The activation-curvature terms matter for tanh below the last layer.
                    #expect(Fixtures.maxAbsDiff(yr, yg) >= 1e-4 * scale)
                } else {
                    #expect(Fixtures.maxAbsDiff(yr, yg) <= 1e-14 * scale)
                }
            }
        }
    }

    /// For ReLU the exact Hessian equals its Gauss-Newton form.
    @Test func reluExactEqualsGaussNewton() throws {
        let net = Fixtures.network([10, 8, 6, 3], seed: 31)
        let data = Fixtures.samples(count: 40, features: 10, classes: 3, seed: 32)
        for layer in 0..<2 {
            let a = try Self.hessian(net, layer: layer, data: data).dense()
            let b = try Self.hessian(net, layer: layer, data: data, curvature: .gaussNewton).dense()
            #expect(a == b)
        }
    }

    @Test func rejectsBadInput() {
        let net = Fixtures.network([4, 3, 2], seed: 1)
        let data = Fixtures.samples(count: 6, features: 4, classes: 2, seed: 1)
        #expect(throws: (any Error).self) { try LayerHessian(model: net, layer: 2, inputs: data.inputs, labels: data.labels) }
        #expect(throws: (any Error).self) { try LayerHessian(model: net, layer: 0, inputs: data.inputs, labels: [Int](repeating: 5, count: 6)) }
    }
}

/// A seeded source of Gaussian vectors for tests.
struct SeededGeneratorBox {
    var g: SeededGenerator
    init(seed: UInt64) { g = SeededGenerator(seed: seed) }
    mutating func gaussianVector(_ n: Int) -> [Double] { (0..<n).map { _ in g.nextGaussian() } }
}

@Suite("Layer gradient vs AWNetwork")
struct LayerGradientCrossCheck {
    /// The analysis' own layer gradient against the trainer's full-network gradient (independent code).
    @Test(arguments: [(Activation.relu, false), (.tanh, true)])
    func matchesNetworkGradient(activation: Activation, bias: Bool) throws {
        let net = Fixtures.network([9, 7, 5, 3], activation: activation, bias: bias, seed: 91)
        let data = Fixtures.samples(count: 50, features: 9, classes: 3, seed: 92)
        let full = try net.gradient(x: data.inputs, labels: data.labels)
        for layer in 0..<net.layerCount {
            let h = try LayerHessian(model: net, layer: layer, inputs: data.inputs, labels: data.labels)
            #expect(Fixtures.maxAbsDiff(h.gradient(weights: h.weights).data, full.weights[layer].data) <= 1e-14)
            #expect(abs(h.meanLoss - full.loss) <= 1e-14)
        }
    }
}
