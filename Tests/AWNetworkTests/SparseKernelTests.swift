import AWCore
import AWLinearAlgebra
import AWNetwork
import AWTestSupport
import Testing

@Suite("Sparse first-layer kernel against the dense one")
struct SparseKernelTests {
    @Test("gradients agree for first-layer widths across SIMD-block boundaries (Float and Double)",
          arguments: [1, 7, 16, 17, 32, 37, 70])
    func gradientWidths(width: Int) throws {
        let (x, labels) = Fixture.data(n: 13, features: 50, classes: 3, seed: 91, zeroFraction: 0.8)
        let model = MLP<Double>(widths: [50, width, 5, 3], bias: true, seed: 12)
        let dense = try GradientEvaluator(model: model, x: x, labels: labels, inputKernel: .dense).flatGradient(of: model)
        let sparse = try GradientEvaluator(model: model, x: x, labels: labels, inputKernel: .sparse, chunk: 5).flatGradient(of: model)
        #expect(abs(sparse.loss - dense.loss) < 1e-13)
        let cmp = TestSupport.compare(sparse.gradient, dense.gradient, relative: 1e-11, absolute: 1e-14)
        #expect(cmp.passed, "width \(width): \(cmp)")

        let mf = model.converted(to: Float.self), xf = x.converted(to: Float.self)
        let df = try GradientEvaluator(model: mf, x: xf, labels: labels, inputKernel: .dense).flatGradient(of: mf)
        let sf = try GradientEvaluator(model: mf, x: xf, labels: labels, inputKernel: .sparse).flatGradient(of: mf)
        let rel = TestSupport.relativeError(sf.gradient.map { Double($0) }, df.gradient.map { Double($0) })
        #expect(rel < 1e-5, "Float width \(width): \(rel)")
    }

    @Test("training with either kernel follows the same trajectory (decay, momentum, dropout, biases)")
    func trainingAgrees() throws {
        var (x, labels) = Fixture.clusters(n: 90, features: 40, classes: 3, seed: 92)
        for i in 0..<x.data.count where i % 4 != 0 { x.data[i] = 0 }
        let model = MLP<Double>(widths: [40, 37, 6, 3], bias: true, seed: 13)
        func run(_ k: InputKernel) throws -> TrainingResult<Double> {
            let c = TrainingConfig(learningRate: 0.05, batchSize: 8, momentum: 0.5, weightDecay: 0.01, weightDecayForm: .norm,
                                   dropout: 0.2, maxEpochs: 5, stopLoss: -.infinity, inputKernel: k)
            return try Trainer<Double>(config: c).train(model: model, x: x, labels: labels, seed: 4)
        }
        let d = try run(.dense), s = try run(.sparse)
        #expect(d.inputKernel == .dense && s.inputKernel == .sparse)
        let rel = TestSupport.relativeError(s.model.flatParameters, d.model.flatParameters)
        #expect(rel < 1e-10, "relative difference after 5 epochs: \(rel)")
        #expect(zip(s.weightNorm, d.weightNorm).allSatisfy { abs($0 - $1) < 1e-10 * $1 })
        #expect(abs(s.model.globalNorm - s.weightNorm.last!) < 1e-10)
    }

    @Test("auto kernel choice: sparse for sparse inputs and narrow first layers only")
    func autoChoice() {
        #expect(Trainer<Float>.resolveKernel(.auto, density: 0.19, firstWidth: 30, inputDropout: false) == .sparse)
        #expect(Trainer<Float>.resolveKernel(.auto, density: 0.19, firstWidth: 512, inputDropout: false) == .dense)
        #expect(Trainer<Float>.resolveKernel(.auto, density: 0.9, firstWidth: 30, inputDropout: false) == .dense)
        #expect(Trainer<Float>.resolveKernel(.sparse, density: 0.9, firstWidth: 30, inputDropout: true) == .dense)
        #expect(Trainer<Float>.resolveKernel(.sparse, density: 0.9, firstWidth: 512, inputDropout: false) == .sparse)
    }
}
