import AWCore
import AWLinearAlgebra
import AWNetwork
import AWTestSupport
import Foundation
import Testing

@Suite("Trainer: SGD, weight decay, dropout, stopping, determinism, divergence")
struct TrainerTests {
    /// 4 classes in 20 dimensions, 120 samples: separable, trains in a few epochs.
    static func easyData() -> (x: Matrix<Double>, labels: [Int]) {
        Fixture.clusters(n: 120, features: 20, classes: 4, spread: 0.3, seed: 17)
    }

    @Test("one full-batch step == theta - lr * (gradient + weight-decay gradient), both decay forms, momentum's first step")
    func singleStepMatchesGradient() throws {
        let (x, labels) = Fixture.data(n: 10, features: 6, classes: 3, seed: 81)
        let model = MLP<Double>(widths: [6, 5, 4, 3], bias: true, seed: 5)
        for (decay, form, momentum) in [(0.0, WeightDecayForm.norm, 0.0), (0.03, .norm, 0.0), (0.03, .squared, 0.0), (0.03, .norm, 0.9)] {
            let config = TrainingConfig(learningRate: 0.2, batchSize: 10, momentum: momentum, weightDecay: decay,
                                        weightDecayForm: form, maxEpochs: 1, stopLoss: -.infinity)
            let result = try Trainer<Double>(config: config).train(model: model, x: x, labels: labels, seed: 1)
            #expect(result.steps == 1 && result.epochs == 1 && result.stopReason == .maxEpochs)
            let g = try GradientEvaluator(model: model, x: x, labels: labels).flatGradient(of: model, weightDecay: decay, weightDecayForm: form)
            let expected = zip(model.flatParameters, g.gradient).map { $0 - 0.2 * $1 }
            let cmp = TestSupport.compare(result.model.flatParameters, expected, relative: 1e-12, absolute: 1e-14)
            #expect(cmp.passed, "decay \(decay) \(form) momentum \(momentum): \(cmp)")
            // The minibatch loss of that step is the full-batch loss before the update (no penalty).
            #expect(abs(result.minibatchLoss[0] - (try GradientEvaluator(model: model, x: x, labels: labels)).loss(of: model)) < 1e-13)
        }
    }

    @Test("momentum over two full-batch steps: v1 = g0, v2 = mu v1 + g1, theta2 = theta1 - lr v2")
    func momentumTwoSteps() throws {
        let (x, labels) = Fixture.data(n: 8, features: 5, classes: 3, seed: 82)
        let model = MLP<Double>(widths: [5, 4, 3], seed: 6)
        let lr = 0.1, mu = 0.5
        let config = TrainingConfig(learningRate: lr, batchSize: 8, momentum: mu, maxEpochs: 2, stopLoss: -.infinity)
        let result = try Trainer<Double>(config: config).train(model: model, x: x, labels: labels, seed: 3)
        let ev = try GradientEvaluator(model: model, x: x, labels: labels)
        let g0 = ev.flatGradient(of: model).gradient
        let theta1 = zip(model.flatParameters, g0).map { $0 - lr * $1 }
        let g1 = ev.flatGradient(of: model.withFlatParameters(theta1)).gradient
        let v2 = zip(g0, g1).map { mu * $0 + $1 }
        let theta2 = zip(theta1, v2).map { $0 - lr * $1 }
        let cmp = TestSupport.compare(result.model.flatParameters, theta2, relative: 1e-11, absolute: 1e-13)
        #expect(cmp.passed, "\(cmp)")
    }

    @Test("weight decay acts during epochs 1...K only")
    func weightDecayWindow() throws {
        let (x, labels) = Self.easyData()
        let model = MLP<Double>(widths: [20, 8, 4], seed: 2)
        func run(_ decay: Double, epochs k: Int) throws -> TrainingResult<Double> {
            let config = TrainingConfig(learningRate: 0.05, batchSize: 16, weightDecay: decay, weightDecayEpochs: k,
                                        maxEpochs: 6, stopLoss: -.infinity)
            return try Trainer<Double>(config: config).train(model: model, x: x, labels: labels, seed: 9)
        }
        let none = try run(0, epochs: 200)
        let off = try run(0.05, epochs: 0)
        #expect(off.model == none.model, "K = 0 must be the same run as no decay")
        let on = try run(0.05, epochs: 200)
        #expect(on.weightNorm.last! < none.weightNorm.last!)
        let firstThree = try run(0.05, epochs: 3)
        // Identical through epoch 3, then different updates.
        #expect(Array(firstThree.weightNorm.prefix(3)) == Array(on.weightNorm.prefix(3)))
        #expect(firstThree.weightNorm[3] != on.weightNorm[3])
    }

    @Test("the last partial batch is kept: ceil(N / B) steps per epoch")
    func partialBatch() throws {
        let (x, labels) = Fixture.data(n: 10, features: 4, classes: 2, seed: 83)
        let model = MLP<Double>(widths: [4, 3, 2], seed: 1)
        let config = TrainingConfig(learningRate: 0.01, batchSize: 4, maxEpochs: 3, stopLoss: -.infinity)
        let r = try Trainer<Double>(config: config).train(model: model, x: x, labels: labels, seed: 1)
        #expect(r.steps == 9 && r.epochs == 3)
        #expect(r.trainLoss.count == 3 && r.trainAccuracy.count == 3 && r.minibatchLoss.count == 3 && r.weightNorm.count == 3)
    }

    @Test("reaches train CE < 1e-3 on separable data and stops by the rule", arguments: [InputKernel.dense, .sparse])
    func converges(kernel: InputKernel) throws {
        var (x, labels) = Self.easyData()
        if kernel == .sparse { for i in 0..<x.data.count where i % 3 == 0 { x.data[i] = 0 } }
        let model = MLP<Double>(widths: [20, 16, 16, 4], seed: 4)
        var config = TrainingConfig.paper
        config.batchSize = 10
        config.inputKernel = kernel
        var seen: [(Int, Double, Double)] = []
        let r = try Trainer<Double>(config: config).train(model: model, x: x, labels: labels, seed: 7,
                                                          progress: { seen.append(($0, $1, $2)) })
        #expect(r.stopReason == .converged)
        #expect(r.inputKernel == kernel)
        #expect(r.trainLoss.last! < 1e-3)
        #expect(r.epochs < 1000 && r.epochs == r.trainLoss.count)
        #expect(config.stoppingRule.firstStoppingEpoch(losses: r.trainLoss, accuracies: r.trainAccuracy) == r.epochs)
        #expect(seen.map { $0.0 } == Array(1...r.epochs))
        #expect(seen.map { $0.1 } == r.trainLoss && seen.map { $0.2 } == r.trainAccuracy)
        // The recorded loss is the evaluation-mode loss of the returned model.
        let exact = Loss.crossEntropy.mean(logits: r.model.logits(x), labels: labels)
        #expect(abs(exact - r.trainLoss.last!) <= 1e-12 * max(1, exact))
        #expect(abs(accuracy(logits: r.model.logits(x), labels: labels) - r.trainAccuracy.last!) < 1e-15)
        #expect(abs(r.model.globalNorm - r.weightNorm.last!) < 1e-10)
    }

    @Test("train loss and accuracy use the clean samples only")
    func cleanMask() throws {
        var (x, labels) = Self.easyData()
        let clean = (0..<x.rows).map { $0 % 5 != 0 }
        for k in 0..<x.rows where !clean[k] { labels[k] = (labels[k] + 1) % 4 }
        let model = MLP<Double>(widths: [20, 8, 4], seed: 3)
        let config = TrainingConfig(learningRate: 0.05, batchSize: 12, maxEpochs: 3, stopLoss: -.infinity)
        let r = try Trainer<Double>(config: config).train(model: model, x: x, labels: labels, clean: clean, seed: 2)
        let rows = clean.indices.filter { clean[$0] }
        let cx = x.gatherRows(rows), cl = rows.map { labels[$0] }
        let exact = Loss.crossEntropy.mean(logits: r.model.logits(cx), labels: cl)
        #expect(abs(exact - r.trainLoss.last!) <= 1e-12 * max(1, exact))
        #expect(abs(accuracy(logits: r.model.logits(cx), labels: cl) - r.trainAccuracy.last!) < 1e-15)
        let all = Loss.crossEntropy.mean(logits: r.model.logits(x), labels: labels)
        #expect(abs(all - r.trainLoss.last!) > 1e-6)
    }

    @Test("same seed: bitwise identical weights and histories (Float and Double, all random streams)")
    func reproducible() throws {
        let (x, labels) = Self.easyData()
        for kernel in [InputKernel.dense, .sparse] {
            let config = TrainingConfig(learningRate: 0.05, batchSize: 7, momentum: 0.5, weightDecay: 0.01, dropout: 0.2,
                                        maxEpochs: 4, stopLoss: -.infinity, inputKernel: kernel)
            let md = MLP<Double>(widths: [20, 9, 7, 4], bias: true, seed: 11)
            let a = try Trainer<Double>(config: config).train(model: md, x: x, labels: labels, seed: 21)
            let b = try Trainer<Double>(config: config).train(model: md, x: x, labels: labels, seed: 21)
            #expect(a.model == b.model && a.trainLoss == b.trainLoss && a.minibatchLoss == b.minibatchLoss)
            let mf = md.converted(to: Float.self), xf = x.converted(to: Float.self)
            let c = try Trainer<Float>(config: config).train(model: mf, x: xf, labels: labels, seed: 21)
            let d = try Trainer<Float>(config: config).train(model: mf, x: xf, labels: labels, seed: 21)
            #expect(c.model == d.model && c.trainAccuracy == d.trainAccuracy)
            // Float and Double follow the same trajectory to single precision.
            let rel = TestSupport.relativeError(c.model.flatParameters.map { Double($0) }, a.model.flatParameters)
            #expect(rel < 1e-3, "Float vs Double after 4 epochs: \(rel)")
        }
    }

    @Test("seed sensitivity: order and dropout streams change the result; init from derive(\"init\")")
    func seedSensitivity() throws {
        let (x, labels) = Self.easyData()
        let model = MLP<Double>(widths: [20, 8, 4], seed: 1)
        let base = TrainingConfig(learningRate: 0.05, batchSize: 10, maxEpochs: 2, stopLoss: -.infinity)
        let a = try Trainer<Double>(config: base).train(model: model, x: x, labels: labels, seed: 1)
        let b = try Trainer<Double>(config: base).train(model: model, x: x, labels: labels, seed: 2)
        #expect(a.model != b.model, "a different order stream must change the weights")
        // Full batch: the order does not matter beyond rounding, so only dropout can differ.
        var drop = base
        drop.batchSize = 120
        drop.dropout = 0.3
        let c = try Trainer<Double>(config: drop).train(model: model, x: x, labels: labels, seed: 1)
        let d = try Trainer<Double>(config: drop).train(model: model, x: x, labels: labels, seed: 2)
        #expect(TestSupport.relativeError(c.model.flatParameters, d.model.flatParameters) > 1e-6)
        // Dropout 0 is no dropout at all.
        var zero = base
        zero.dropout = 0
        zero.dropoutLayer = 0
        #expect(try Trainer<Double>(config: zero).train(model: model, x: x, labels: labels, seed: 1).model == a.model)
        // Init stream.
        var g = SeededGenerator(seed: 77).derive("init")
        #expect(MLP<Double>(widths: [20, 8, 4], seed: 77) == MLP<Double>(widths: [20, 8, 4], generator: &g))
        #expect(MLP<Double>(widths: [20, 8, 4], seed: 77) != MLP<Double>(widths: [20, 8, 4], seed: 78))
    }

    @Test("dropout at every allowed layer trains and differs from no dropout; tanh and MSE train too")
    func dropoutLayersAndVariants() throws {
        let (x, labels) = Self.easyData()
        let model = MLP<Double>(widths: [20, 8, 8, 4], seed: 5)
        let plain = try Trainer<Double>(config: TrainingConfig(learningRate: 0.05, batchSize: 10, maxEpochs: 3, stopLoss: -.infinity))
            .train(model: model, x: x, labels: labels, seed: 1)
        for layer in 0...2 {
            let config = TrainingConfig(learningRate: 0.05, batchSize: 10, dropout: 0.25, dropoutLayer: layer, maxEpochs: 3, stopLoss: -.infinity)
            let r = try Trainer<Double>(config: config).train(model: model, x: x, labels: labels, seed: 1)
            #expect(r.model != plain.model)
            #expect(r.trainLoss.allSatisfy { $0.isFinite })
            #expect(r.trainLoss.last! < r.trainLoss.first! || r.trainLoss.last! < 0.5)
        }
        let tanhModel = MLP<Double>(widths: [20, 8, 4], activation: .tanh, bias: true, seed: 5)
        let mse = TrainingConfig(learningRate: 0.1, batchSize: 10, loss: .meanSquaredError, maxEpochs: 30, stopLoss: -.infinity)
        let r = try Trainer<Double>(config: mse).train(model: tanhModel, x: x, labels: labels, seed: 1)
        #expect(r.trainLoss.last! < r.trainLoss.first!)
        let exact = Loss.meanSquaredError.mean(logits: r.model.logits(x), labels: labels)
        #expect(abs(exact - r.trainLoss.last!) < 1e-12)
    }

    @Test("minibatch metric: running means over the epoch's clean samples")
    func minibatchMetric() throws {
        let (x, labels) = Self.easyData()
        let model = MLP<Double>(widths: [20, 8, 4], seed: 5)
        // Full batch, one step per epoch: the running mean of epoch e is the loss before its step.
        let config = TrainingConfig(learningRate: 0.05, batchSize: 120, maxEpochs: 3, stopLoss: -.infinity, epochMetric: .minibatch)
        let r = try Trainer<Double>(config: config).train(model: model, x: x, labels: labels, seed: 1)
        #expect(abs(r.trainLoss[0] - Loss.crossEntropy.mean(logits: model.logits(x), labels: labels)) < 1e-12)
        #expect(abs(r.trainAccuracy[0] - accuracy(logits: model.logits(x), labels: labels)) < 1e-15)
        #expect(r.trainLoss == r.minibatchLoss.map { $0 } || zip(r.trainLoss, r.minibatchLoss).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test("divergence is reported, not a crash", arguments: [false, true])
    func divergence(hugeInit: Bool) throws {
        let (x, labels) = Self.easyData()
        for kernel in [InputKernel.dense, .sparse] {
            let model = MLP<Float>(widths: [20, 16, 4], initScale: hugeInit ? 1e25 : 1, seed: 3)
            let config = TrainingConfig(learningRate: hugeInit ? 0.1 : 1e6, batchSize: 10, maxEpochs: 50, inputKernel: kernel)
            let r = try Trainer<Float>(config: config).train(model: model, x: x.converted(to: Float.self), labels: labels, seed: 1)
            guard case .diverged(let epoch) = r.stopReason else {
                Issue.record("expected divergence, got \(r.stopReason)")
                continue
            }
            #expect(epoch >= 1 && epoch <= 50)
            #expect(r.epochs == epoch - 1 && r.trainLoss.count == epoch - 1)
            #expect(r.diverged && !r.converged)
        }
    }

    @Test("cancellation stops after the epoch and reports it")
    func cancellation() throws {
        let (x, labels) = Self.easyData()
        let model = MLP<Double>(widths: [20, 8, 4], seed: 5)
        var calls = 0
        let config = TrainingConfig(learningRate: 0.01, batchSize: 10, maxEpochs: 100, stopLoss: -.infinity)
        let r = try Trainer<Double>(config: config).train(model: model, x: x, labels: labels, seed: 1,
                                                          shouldCancel: { calls += 1; return calls >= 2 })
        #expect(r.stopReason == .cancelled(epoch: 2))
        #expect(r.epochs == 2)
    }

    @Test("max epochs without convergence")
    func maxEpochs() throws {
        let (x, labels) = Self.easyData()
        let config = TrainingConfig(learningRate: 0.001, batchSize: 10, maxEpochs: 2)
        let r = try Trainer<Double>(config: config).train(model: MLP<Double>(widths: [20, 8, 4], seed: 5), x: x, labels: labels, seed: 1)
        #expect(r.stopReason == .maxEpochs && r.epochs == 2)
    }

    @Test("invalid configuration and inputs throw AWError naming the key")
    func validation() throws {
        let (x, labels) = Fixture.data(n: 6, features: 4, classes: 3, seed: 84)
        let model = MLP<Double>(widths: [4, 3, 3], seed: 1)
        let bad: [(TrainingConfig, String)] = [
            (TrainingConfig(learningRate: 0), "learningRate"), (TrainingConfig(learningRate: .nan), "learningRate"),
            (TrainingConfig(batchSize: 0), "batchSize"), (TrainingConfig(momentum: 1), "momentum"),
            (TrainingConfig(weightDecay: -1), "weightDecay"), (TrainingConfig(weightDecayEpochs: -1), "weightDecayEpochs"),
            (TrainingConfig(dropout: 1), "dropout"), (TrainingConfig(dropoutLayer: 2), "dropoutLayer"),
            (TrainingConfig(maxEpochs: 0), "maxEpochs"), (TrainingConfig(stopWindow: 0), "stopWindow"),
        ]
        for (config, key) in bad {
            do {
                _ = try Trainer<Double>(config: config).train(model: model, x: x, labels: labels, seed: 1)
                Issue.record("\(key): no error")
            } catch let e as AWError {
                #expect(e.kind == .invalidInput && e.message.contains(key), "\(e.message)")
            }
        }
        let t = Trainer<Double>(config: .paper)
        #expect(throws: AWError.self) { try t.train(model: model, x: x, labels: [0, 1, 2, 3, 0, 1], seed: 1) }
        #expect(throws: AWError.self) { try t.train(model: model, x: x, labels: [0, 1], seed: 1) }
        #expect(throws: AWError.self) { try t.train(model: model, x: x, labels: labels, clean: [false, false, false, false, false, false], seed: 1) }
        #expect(throws: AWError.self) { try t.train(model: model, x: x, labels: labels, clean: [true], seed: 1) }
        #expect(throws: AWError.self) { try t.train(model: MLP<Double>(widths: [5, 3], seed: 1), x: x, labels: labels, seed: 1) }
    }

    @Test("TrainingConfig: Codable round trip; the paper defaults")
    func configCoding() throws {
        let c = TrainingConfig(learningRate: 0.02, batchSize: 100, momentum: 0.9, weightDecay: 0.01, weightDecayForm: .squared,
                               weightDecayEpochs: 50, dropout: 0.1, dropoutLayer: 2, loss: .meanSquaredError, maxEpochs: 10,
                               stopLoss: 1e-4, stopAccuracy: 0.95, stopWindow: 3, epochMetric: .minibatch, inputKernel: .dense)
        let data = try JSONEncoder().encode(c)
        #expect(try JSONDecoder().decode(TrainingConfig.self, from: data) == c)
        #expect(TrainingConfig.paper.learningRate == 0.1 && TrainingConfig.paper.batchSize == 25 && TrainingConfig.paper.maxEpochs == 1000)
        #expect(TrainingConfig.paper.weightDecayEpochs == 200 && TrainingConfig.paper.dropoutLayer == 1)
        let reasons: [StopReason] = [.converged, .maxEpochs, .diverged(epoch: 3), .cancelled(epoch: 2)]
        #expect(try JSONDecoder().decode([StopReason].self, from: JSONEncoder().encode(reasons)) == reasons)
    }
}
