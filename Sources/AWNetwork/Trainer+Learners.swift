import AWCore
import AWLinearAlgebra

/// Several learners (`TrainingConfig.algorithm` `.ssgd` / `.dpsgd`), simulated in one process.
///
/// Every epoch draws ONE permutation of the training rows from `derive("order")` (the same stream
/// as `.sgd`, so the same seed gives the same data order in every arm) and cuts it into
/// `floor(N / (n b))` steps of n x b rows; learner i takes rows `[i b, (i+1) b)` of each step (the
/// remainder of the permutation, fewer than n x b rows, is not used that epoch). Learner i's
/// dropout masks come from `derive("dropout-learner-i")`, its noise (SSGD's control) from
/// `derive("noise-learner-i")`; every learner starts from the model passed in (one initialisation).
///
/// One step, learning rate eta_t (with the warm-up):
/// - SSGD: each learner's gradient g_i (mean over its b rows) at the shared weights w (with the
///   noise control, at w + xi_i); G = sum_i (1/n) g_i in learner order; w = w - eta_t G.
///   Equals SGD with batch n b up to rounding (the n partial sums are added in another order).
/// - DPSGD, adapt-then-combine: g_i at the learner's own w_i; then for each learner j
///   G_j = sum_i T_ji g_i (entries in learner order), w_j = w_j + sum_{i != j} T_ji (w_i - w_j),
///   w_j = w_j - eta_t G_j. This is w_j = sum_i T_ji (w_i - eta_t g_i) (T's rows sum to 1). On the
///   complete graph the learners stay equal and every operation is SSGD's: bit-for-bit equal.
/// After each epoch the mean model (`LearnerKernels.meanAndConsensus`) is evaluated for the stop
/// rule and recorded (weight norm, consensus distance); the returned model is that mean.
extension Trainer {
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func learnerLoop(engine: TrainingEngine<T>, train: InputSource<T>, labels: UnsafePointer<Int>,
                     eval: InputSource<T>, evalLabels: UnsafePointer<Int>, useSparse: Bool,
                     orderGenerator: inout SeededGenerator, run: SeededGenerator,
                     progress: ((Int, Double, Double) -> Void)?, shouldCancel: (() -> Bool)?) -> LoopOutcome {
        let cfg = config
        let n = train.rows
        let learners = cfg.learners
        let batch = cfg.batchSize
        let stepsPerEpoch = n / (learners * batch)
        precondition(stepsPerEpoch >= 1, "validated: learners x batch size <= training samples")
        let rule = cfg.stoppingRule
        let dropout: DropoutMode<T> = cfg.dropout > 0 ? .random : .off
        let size = engine.storageCount
        let decentralized = cfg.algorithm == .dpsgd
        let mixing = MixingMatrix(topology: cfg.topology, learners: learners)
        let inverse = T(1 / Double(learners))

        // DPSGD: one engine per learner (own weights); SSGD: the model engine computes every
        // learner's gradient, a probe engine holds w + xi for the noise control.
        let noiseScale = cfg.learnerNoise > 0 ? (cfg.learnerNoise / Double(engine.parameterCount)).squareRoot() : 0
        let model = engine.exportModel()
        let workers: [TrainingEngine<T>]
        if decentralized || noiseScale > 0 {
            let count = decentralized ? learners : 1
            workers = (0..<count).map { i in
                let e = TrainingEngine<T>(widths: engine.widths, activation: engine.activation, hasBias: engine.hasBias,
                                          capacity: batch, momentum: false, dropoutLayer: engine.dropoutLayer,
                                          dropoutRate: engine.dropoutRate, dropoutGenerator: run.derive("dropout-learner-\(i)"))
                e.load(model)
                return e
            }
        } else {
            workers = []
        }
        var dropoutStreams = (0..<learners).map { run.derive("dropout-learner-\($0)") }
        var noiseStreams = (0..<learners).map { run.derive("noise-learner-\($0)") }

        let combined = UnsafeMutablePointer<T>.allocate(capacity: size)
        combined.initialize(repeating: 0, count: size)
        let previous = UnsafeMutablePointer<T>.allocate(capacity: decentralized ? learners * size : 1)
        let gradients = UnsafeMutablePointer<T>.allocate(capacity: decentralized ? 1 : learners * size)
        let order = UnsafeMutablePointer<Int>.allocate(capacity: n)
        defer { combined.deallocate(); previous.deallocate(); gradients.deallocate(); order.deallocate() }

        var out = LoopOutcome()
        out.loss.reserveCapacity(cfg.maxEpochs)
        var steps = 0

        /// Loads the learners' mean into `engine` and returns the consensus distance.
        func average() -> Double {
            guard decentralized else { return 0 }
            return LearnerKernels.meanAndConsensus(workers.map { UnsafePointer($0.theta) }, into: engine.theta, count: size)
        }

        /// One learner's minibatch gradient into `e.grad`; returns the summed loss (non-finite: diverged).
        func gradient(_ e: TrainingEngine<T>, rows: UnsafePointer<Int>) -> Double {
            let sel = RowSelection(indices: rows, start: 0, count: batch)
            for b in 0..<batch { e.batchLabels[b] = labels[rows[b]] }
            e.forward(train, sel, useSparse: useSparse, dropout: dropout)
            let total = e.lossAndDelta(labels: e.batchLabels, count: batch, loss: cfg.loss, scale: 1 / Double(batch))
            e.backward(train, sel, useSparse: useSparse, accumulate: false)
            return total
        }

        for epoch in 1...cfg.maxEpochs {
            for i in 0..<n { order[i] = i }
            var i = n - 1
            while i > 0 {
                let j = orderGenerator.nextInt(below: i + 1)
                if i != j { let t = order[i]; order[i] = order[j]; order[j] = t }
                i -= 1
            }
            var minibatchSum = 0.0
            for s in 0..<stepsPerEpoch {
                steps += 1
                let rate = T(cfg.learningRate(step: steps, stepsPerEpoch: stepsPerEpoch))
                var stepLoss = 0.0
                if decentralized {
                    for (l, e) in workers.enumerated() {
                        stepLoss += gradient(e, rows: order + (s * learners + l) * batch)
                    }
                    if stepLoss.isFinite {
                        for (l, e) in workers.enumerated() { (previous + l * size).update(from: e.theta, count: size) }
                        for (j, e) in workers.enumerated() {
                            let row = mixing.rows[j]
                            if j == 0 || !mixing.rowsAreEqual {
                                LearnerKernels.combine(into: combined, weights: row.map { T($0.weight) },
                                                       vectors: row.map { UnsafePointer(workers[$0.learner].grad) }, count: size)
                            }
                            let others = row.filter { $0.learner != j }
                            LearnerKernels.mix(into: e.theta, own: previous + j * size, weights: others.map { T($0.weight) },
                                               others: others.map { UnsafePointer(previous + $0.learner * size) }, count: size)
                            LearnerKernels.step(e.theta, direction: combined, rate: rate, count: size)
                        }
                    }
                } else {
                    for l in 0..<learners {
                        let rows = order + (s * learners + l) * batch
                        let e: TrainingEngine<T>
                        if noiseScale > 0 {
                            e = workers[0]
                            e.perturb(from: engine.theta, scale: noiseScale, generator: &noiseStreams[l])
                        } else {
                            e = engine
                        }
                        e.dropoutGenerator = dropoutStreams[l]
                        stepLoss += gradient(e, rows: rows)
                        dropoutStreams[l] = e.dropoutGenerator
                        (gradients + l * size).update(from: e.grad, count: size)
                    }
                    if stepLoss.isFinite {
                        LearnerKernels.combine(into: combined, weights: Array(repeating: inverse, count: learners),
                                               vectors: (0..<learners).map { UnsafePointer(gradients + $0 * size) }, count: size)
                        LearnerKernels.step(engine.theta, direction: combined, rate: rate, count: size)
                    }
                }
                guard stepLoss.isFinite else {
                    _ = average()
                    out.steps = steps
                    out.reason = .diverged(epoch: epoch)
                    return out
                }
                minibatchSum += stepLoss / Double(learners * batch)
                if steps & 1023 == 0, let cancel = shouldCancel, cancel() {
                    _ = average()
                    out.steps = steps
                    out.reason = .cancelled(epoch: epoch - 1)
                    return out
                }
            }
            out.steps = steps
            let consensus = average()
            let (loss, accuracy) = engine.evaluate(eval, labels: evalLabels, start: 0, count: eval.rows,
                                                   loss: cfg.loss, useSparse: useSparse)
            guard loss.isFinite else {
                out.reason = .diverged(epoch: epoch)
                return out
            }
            out.loss.append(loss)
            out.accuracy.append(accuracy)
            out.minibatchLoss.append(minibatchSum / Double(stepsPerEpoch))
            out.norm.append(engine.parameterNorm())
            out.consensus.append(consensus)
            progress?(epoch, loss, accuracy)
            if rule.isSatisfied(losses: out.loss, accuracies: out.accuracy) {
                out.reason = .converged
                return out
            }
            if let cancel = shouldCancel, cancel() {
                out.reason = epoch == cfg.maxEpochs ? .maxEpochs : .cancelled(epoch: epoch)
                return out
            }
        }
        out.reason = .maxEpochs
        return out
    }
}

extension TrainingEngine {
    /// theta = base + xi over the real parameters (padding stays 0), xi_k ~ N(0, scale^2) i.i.d.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func perturb(from base: UnsafePointer<T>, scale: Double, generator: inout SeededGenerator) {
        theta.update(from: base, count: storageCount)
        var spare: Double? = nil
        func next() -> Double {
            if let s = spare { spare = nil; return s }
            let (a, b) = generator.nextGaussianPair()
            spare = b
            return a
        }
        for l in 0..<layerCount {
            let nIn = widths[l], nOut = widths[l + 1], ld = weightStride[l]
            let w = theta + weightOffset[l]
            for i in 0..<nIn { for j in 0..<nOut { w[i * ld + j] += T(scale * next()) } }
        }
        if hasBias {
            for l in 0..<layerCount { let b = theta + biasOffset[l]; for j in 0..<widths[l + 1] { b[j] += T(scale * next()) } }
        }
    }
}
