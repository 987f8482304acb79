import AWCore
import AWLinearAlgebra
@testable import AWNetwork
import AWTestSupport
import Testing

@Suite("Several learners: SSGD = large-batch SGD, complete DPSGD = SSGD, ring mixing, per-learner gradients, warm-up")
struct LearnerTests {
    static func config(_ algorithm: TrainingAlgorithm, learners: Int, batch: Int, lr: Double = 0.3, epochs: Int = 3,
                       topology: LearnerTopology = .ring, dropout: Double = 0, kernel: InputKernel = .dense,
                       warmup: Int = 0, noise: Double = 0) -> TrainingConfig {
        TrainingConfig(learningRate: lr, batchSize: batch, dropout: dropout, maxEpochs: epochs, stopLoss: -.infinity,
                       inputKernel: kernel, algorithm: algorithm, learners: learners, topology: topology,
                       warmupEpochs: warmup, learnerNoise: noise)
    }

    @Test("SSGD with n learners of batch b equals SGD with batch n b to rounding (Double 1e-12, Float 1e-5 relative)")
    func ssgdIsLargeBatchSGD() throws {
        let (x, labels) = Fixture.clusters(n: 96, features: 20, classes: 4, spread: 0.5, seed: 21)
        let model = MLP<Double>(widths: [20, 12, 8, 4], seed: 3)
        let sgd = try Trainer<Double>(config: TrainingConfig(learningRate: 0.3, batchSize: 32, maxEpochs: 3, stopLoss: -.infinity))
            .train(model: model, x: x, labels: labels, seed: 9)
        let ssgd = try Trainer<Double>(config: Self.config(.ssgd, learners: 4, batch: 8))
            .train(model: model, x: x, labels: labels, seed: 9)
        #expect(sgd.steps == 9 && ssgd.steps == 9)
        let cmp = TestSupport.compare(ssgd.model.flatParameters, sgd.model.flatParameters, relative: 1e-12, absolute: 1e-14)
        #expect(cmp.passed, "\(cmp)")
        #expect(TestSupport.compare(ssgd.trainLoss, sgd.trainLoss, relative: 1e-12).passed)
        #expect(ssgd.consensusDistance == [0, 0, 0] && sgd.consensusDistance.isEmpty)
        // not bit for bit: the n partial gradients are summed in another order than one GEMM over n b rows
        let f = MLP<Float>(widths: [20, 12, 8, 4], seed: 3)
        let xf = x.converted(to: Float.self)
        let sgdF = try Trainer<Float>(config: TrainingConfig(learningRate: 0.3, batchSize: 32, maxEpochs: 3, stopLoss: -.infinity))
            .train(model: f, x: xf, labels: labels, seed: 9)
        let ssgdF = try Trainer<Float>(config: Self.config(.ssgd, learners: 4, batch: 8)).train(model: f, x: xf, labels: labels, seed: 9)
        let cmpF = TestSupport.compare(ssgdF.model.flatParameters, sgdF.model.flatParameters, relative: 1e-5, absolute: 1e-6)
        #expect(cmpF.passed, "\(cmpF)")
    }

    @Test("DPSGD on the complete graph equals SSGD in every value (Float, Double; dense and sparse kernel; dropout)",
          arguments: [(InputKernel.dense, 0.0), (.sparse, 0.0), (.dense, 0.25)])
    func completeGraphIsSSGD(kernel: InputKernel, dropout: Double) throws {
        let (x, labels) = Fixture.data(n: 90, features: 16, classes: 3, seed: 44, zeroFraction: 0.7)
        func check<T: BLASScalar>(_: T.Type) throws {
            let model = MLP<T>(widths: [16, 10, 10, 3], seed: 8)
            let xt = x.converted(to: T.self)
            let ssgd = try Trainer<T>(config: Self.config(.ssgd, learners: 5, batch: 6, dropout: dropout, kernel: kernel))
                .train(model: model, x: xt, labels: labels, seed: 2)
            let dpsgd = try Trainer<T>(config: Self.config(.dpsgd, learners: 5, batch: 6, topology: .complete,
                                                             dropout: dropout, kernel: kernel))
                .train(model: model, x: xt, labels: labels, seed: 2)
            #expect(dpsgd.inputKernel == kernel && ssgd.inputKernel == kernel)
            #expect(dpsgd.model.flatParameters == ssgd.model.flatParameters, "\(T.self) \(kernel) dropout \(dropout)")
            #expect(dpsgd.trainLoss == ssgd.trainLoss && dpsgd.weightNorm == ssgd.weightNorm)
            #expect(dpsgd.consensusDistance == [0, 0, 0], "the learners stay equal: \(dpsgd.consensusDistance)")
            // and the ring differs: its learners drift apart
            let ring = try Trainer<T>(config: Self.config(.dpsgd, learners: 5, batch: 6, dropout: dropout, kernel: kernel))
                .train(model: model, x: xt, labels: labels, seed: 2)
            #expect(ring.consensusDistance.allSatisfy { $0 > 0 } && ring.model.flatParameters != ssgd.model.flatParameters)
        }
        try check(Float.self)
        try check(Double.self)
    }

    @Test("mixing matrices are symmetric and doubly stochastic; n = 2 ring folds its neighbours")
    func mixingMatrices() {
        for n in 1...9 {
            for topology in LearnerTopology.allCases {
                let m = MixingMatrix(topology: topology, learners: n)
                for j in 0..<n {
                    let row = (0..<n).map { m.weight(row: j, column: $0) }
                    let column = (0..<n).map { m.weight(row: $0, column: j) }
                    #expect(abs(row.reduce(0, +) - 1) < 1e-15 && abs(column.reduce(0, +) - 1) < 1e-15, "\(topology) n \(n)")
                    #expect(row == column, "symmetric")
                    #expect(m.rows[j].map(\.learner) == m.rows[j].map(\.learner).sorted())
                }
            }
        }
        let two = MixingMatrix(topology: .ring, learners: 2)
        #expect(abs(two.weight(row: 0, column: 1) - 2.0 / 3) < 1e-16 && abs(two.weight(row: 0, column: 0) - 1.0 / 3) < 1e-16)
        let ring = MixingMatrix(topology: .ring, learners: 6)
        #expect(ring.rows[0].map(\.learner) == [0, 1, 5] && ring.weight(row: 0, column: 3) == 0)
    }

    @Test("a ring mixing step preserves the learners' average to rounding (|change| <= 4 ulp of the largest weight)")
    func ringPreservesAverage() {
        var g = SeededGenerator(seed: 12)
        for n in [3, 4, 7, 16] {
            let count = 53
            let w: [[Double]] = (0..<n).map { _ in (0..<count).map { _ in g.nextGaussian() * 3 } }
            let matrix = MixingMatrix(topology: .ring, learners: n)
            var mixed = Array(repeating: [Double](repeating: 0, count: count), count: n)
            w.withUnsafeBufferPointers { old in
                for j in 0..<n {
                    let others = matrix.rows[j].filter { $0.learner != j }
                    mixed[j].withUnsafeMutableBufferPointer { out in
                        LearnerKernels.mix(into: out.baseAddress!, own: old[j], weights: others.map(\.weight),
                                           others: others.map { old[$0.learner] }, count: count)
                    }
                }
            }
            for k in 0..<count {
                let before = (0..<n).map { w[$0][k] }.reduce(0, +) / Double(n)
                let after = (0..<n).map { mixed[$0][k] }.reduce(0, +) / Double(n)
                let scale = (0..<n).map { abs(w[$0][k]) }.max()!
                #expect(abs(after - before) <= 4 * scale.ulp, "n \(n) k \(k): \(before) -> \(after)")
            }
            // the weights really moved: mixing is not the identity
            #expect(mixed != w)
        }
    }

    @Test("one step from one initialisation, checked against each learner's own full-batch gradient: mean and consensus distance",
          arguments: [(TrainingAlgorithm.dpsgd, LearnerTopology.ring), (.dpsgd, .complete), (.ssgd, .ring)])
    func oneStepAgainstGradients(algorithm: TrainingAlgorithm, topology: LearnerTopology) throws {
        let n = 4, b = 6, lr = 0.4
        let (x, labels) = Fixture.data(n: n * b, features: 9, classes: 3, seed: 5)
        let model = MLP<Double>(widths: [9, 7, 3], bias: true, seed: 4)
        let result = try Trainer<Double>(config: Self.config(algorithm, learners: n, batch: b, lr: lr, epochs: 1, topology: topology))
            .train(model: model, x: x, labels: labels, seed: 31)
        #expect(result.steps == 1)
        var orderStream = SeededGenerator(seed: 31).derive("order")
        let order = orderStream.permutation(n * b)
        let grads: [[Double]] = try (0..<n).map { i in
            let rows = Array(order[(i * b)..<((i + 1) * b)])
            return try GradientEvaluator(model: model, x: x.gatherRows(rows), labels: rows.map { labels[$0] })
                .flatGradient(of: model).gradient
        }
        let p = grads[0].count
        let meanGrad = (0..<p).map { k in grads.map { $0[k] }.reduce(0, +) / Double(n) }
        let expected = zip(model.flatParameters, meanGrad).map { $0 - lr * $1 }
        let cmp = TestSupport.compare(result.model.flatParameters, expected, relative: 1e-12, absolute: 1e-14)
        #expect(cmp.passed, "\(algorithm) \(topology): \(cmp)")
        // each learner j moved by -lr (T g)_j: its distance to the mean is lr |(T g)_j - mean g|
        var consensus = 0.0
        if algorithm == .dpsgd {
            let m = MixingMatrix(topology: topology, learners: n)
            for j in 0..<n {
                for k in 0..<p {
                    let tg = m.rows[j].reduce(0.0) { $0 + $1.weight * grads[$1.learner][k] }
                    consensus += pow2(lr * (tg - meanGrad[k]))
                }
            }
            consensus /= Double(n)
        }
        #expect(TestSupport.isClose(result.consensusDistance[0], consensus, relative: 1e-10, absolute: 1e-300),
                "\(result.consensusDistance[0]) vs \(consensus)")
        if algorithm == .dpsgd && topology == .ring { #expect(consensus > 1e-6) }
    }

    @Test("the noise control perturbs every real parameter with E|xi|^2 = learner_noise and leaves the padding at 0")
    func noisePerturbation() {
        let engine = TrainingEngine<Float>(widths: [50, 30, 10], activation: .relu, hasBias: true, capacity: 4, momentum: false,
                                           dropoutLayer: -1, dropoutRate: 0, dropoutGenerator: SeededGenerator(seed: 1))
        let base = UnsafeMutablePointer<Float>.allocate(capacity: engine.storageCount)
        defer { base.deallocate() }
        base.initialize(repeating: 0, count: engine.storageCount)
        let target = 2.5
        var g = SeededGenerator(seed: 3)
        engine.perturb(from: base, scale: (target / Double(engine.parameterCount)).squareRoot(), generator: &g)
        var squared = 0.0, nonzero = 0
        for k in 0..<engine.storageCount where engine.theta[k] != 0 {
            squared += Double(engine.theta[k]) * Double(engine.theta[k]); nonzero += 1
        }
        #expect(nonzero == engine.parameterCount, "\(nonzero) of \(engine.parameterCount) real parameters perturbed")
        // |xi|^2 / (P sigma^2) ~ chi^2_P / P: mean 1, sd sqrt(2/P) = 0.025 here
        #expect(abs(squared / target - 1) < 0.1, "\(squared) vs \(target)")
        #expect(engine.storageCount > engine.parameterCount, "the first layer is padded, so the padding check is real")
    }

    @Test("SSGD's noise control trains, is seeded (same seed: same result) and differs from plain SSGD")
    func noiseControlRuns() throws {
        let (x, labels) = Fixture.clusters(n: 96, features: 20, classes: 4, spread: 0.5, seed: 21)
        let model = MLP<Float>(widths: [20, 12, 8, 4], seed: 3)
        let xf = x.converted(to: Float.self)
        let c = Self.config(.ssgd, learners: 4, batch: 8, noise: 0.05)
        let a = try Trainer<Float>(config: c).train(model: model, x: xf, labels: labels, seed: 9)
        let b = try Trainer<Float>(config: c).train(model: model, x: xf, labels: labels, seed: 9)
        let plain = try Trainer<Float>(config: Self.config(.ssgd, learners: 4, batch: 8)).train(model: model, x: xf, labels: labels, seed: 9)
        #expect(a.model.flatParameters == b.model.flatParameters)
        #expect(a.model.flatParameters != plain.model.flatParameters)
        #expect(a.trainLoss.last! < a.trainLoss.first! * 2 && a.trainLoss.allSatisfy(\.isFinite))
    }

    @Test("linear warm-up: the rate of step t is eta min(1, t / (E S)); one full-batch SGD step uses eta / (E S)")
    func warmUp() throws {
        let c = TrainingConfig(learningRate: 0.8, warmupEpochs: 2)
        #expect(c.learningRate(step: 1, stepsPerEpoch: 4) == 0.8 / 8)
        #expect(c.learningRate(step: 4, stepsPerEpoch: 4) == 0.8 * 0.5)
        #expect(c.learningRate(step: 8, stepsPerEpoch: 4) == 0.8 && c.learningRate(step: 100, stepsPerEpoch: 4) == 0.8)
        #expect(TrainingConfig(learningRate: 0.8).learningRate(step: 1, stepsPerEpoch: 4) == 0.8)
        let (x, labels) = Fixture.data(n: 10, features: 6, classes: 3, seed: 81)
        let model = MLP<Double>(widths: [6, 5, 3], seed: 5)
        let g = try GradientEvaluator(model: model, x: x, labels: labels).flatGradient(of: model).gradient
        for algorithm in [TrainingAlgorithm.sgd, .ssgd] {
            let config = algorithm == .sgd
                ? TrainingConfig(learningRate: 0.8, batchSize: 10, maxEpochs: 1, stopLoss: -.infinity, warmupEpochs: 4)
                : Self.config(.ssgd, learners: 2, batch: 5, lr: 0.8, epochs: 1, warmup: 4)
            let r = try Trainer<Double>(config: config).train(model: model, x: x, labels: labels, seed: 1)
            let expected = zip(model.flatParameters, g).map { $0 - 0.2 * $1 }
            let cmp = TestSupport.compare(r.model.flatParameters, expected, relative: 1e-12, absolute: 1e-14)
            #expect(cmp.passed, "\(algorithm): \(cmp)")
        }
    }

    @Test("a diverging DPSGD run stops as diverged; invalid learner settings are refused with the key named")
    func divergenceAndValidation() throws {
        let (x, labels) = Fixture.clusters(n: 64, features: 10, classes: 4, seed: 2)
        let model = MLP<Float>(widths: [10, 8, 4], initScale: 30, seed: 1)
        let r = try Trainer<Float>(config: Self.config(.dpsgd, learners: 4, batch: 8, lr: 1e6, epochs: 5))
            .train(model: model, x: x.converted(to: Float.self), labels: labels, seed: 1)
        #expect(r.diverged, "\(r.stopReason)")
        func refused(_ c: TrainingConfig, _ key: String) {
            do { try c.validate(); Issue.record("accepted \(key)") } catch { #expect("\(error)".contains(key), "\(error)") }
        }
        refused(Self.config(.ssgd, learners: 1, batch: 8), "learners")
        refused(Self.config(.sgd, learners: 3, batch: 8), "learners")
        refused(Self.config(.dpsgd, learners: 3, batch: 8, noise: 0.1), "learnerNoise")
        var momentum = Self.config(.ssgd, learners: 3, batch: 8); momentum.momentum = 0.9
        refused(momentum, "momentum")
        var decay = Self.config(.dpsgd, learners: 3, batch: 8); decay.weightDecay = 0.01
        refused(decay, "weightDecay")
        #expect(throws: AWError.self) {
            try Trainer<Float>(config: Self.config(.ssgd, learners: 9, batch: 8)).train(
                model: model, x: x.converted(to: Float.self), labels: labels, seed: 1)
        }
    }
}

private func pow2(_ x: Double) -> Double { x * x }

extension Array where Element == [Double] {
    /// Pointers to every inner array for the duration of `body`.
    fileprivate func withUnsafeBufferPointers<R>(_ body: ([UnsafePointer<Double>]) -> R) -> R {
        var copies = self.map { inner -> UnsafeMutablePointer<Double> in
            let p = UnsafeMutablePointer<Double>.allocate(capacity: inner.count)
            p.initialize(from: inner, count: inner.count)
            return p
        }
        defer { copies.forEach { $0.deallocate() }; copies = [] }
        return body(copies.map { UnsafePointer($0) })
    }
}
