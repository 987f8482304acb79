import AWCore
import AWLinearAlgebra

/// Minibatch SGD for an `MLP`, with the paper's weight decay, dropout and stopping rule.
///
/// Random streams, all derived from the run seed by label: `derive("order")` (the minibatch order,
/// a fresh Fisher-Yates permutation every epoch), `derive("dropout")` (dropout masks); the caller
/// initializes the model from `derive("init")` (see `MLP.init(widths:activation:bias:initScale:seed:)`).
/// Same configuration, data, model and seed on the same machine and BLAS thread count: bitwise
/// identical result.
///
/// Per step: gather the minibatch (or use CSR rows for the sparse first-layer kernel), forward,
/// mean loss over the minibatch (its actual size), backward, add the weight-decay gradient during
/// epochs 1...weightDecayEpochs, SGD update. Plain SGD (no momentum, no active decay) adds
/// -lr * gradient inside the weight-gradient GEMMs instead of storing the gradient (same
/// mathematics, one pass over the parameters less). After each epoch the train loss / accuracy are measured
/// (`EpochMetric`), the progress callback runs, the stopping rule and then the cancellation check
/// are applied. All buffers are allocated once per run.
public struct Trainer<T: BLASScalar>: Sendable {
    public var config: TrainingConfig
    /// OpenBLAS threads to set at the start of `train` (nil: leave the process setting alone).
    public var blasThreads: Int?

    /// Rows per chunk of the evaluation pass.
    public static var evaluationChunk: Int { 1024 }

    public init(config: TrainingConfig = .paper, blasThreads: Int? = 1) {
        self.config = config
        self.blasThreads = blasThreads
    }

    /// Train `model` on `x` (`[N, N_0]`) with `labels` (N values in 0..<N_L). `clean` marks the
    /// correctly labelled samples (nil: all); training uses all samples, the recorded train loss
    /// and accuracy (and so the stopping rule) use the clean ones only.
    ///
    /// - Parameters:
    ///   - progress: called after every completed epoch with (epoch, trainLoss, trainAccuracy).
    ///   - shouldCancel: checked after every epoch and every 1,024 steps; true stops training
    ///     (`StopReason.cancelled`), returning the parameters as they are.
    /// - Throws: `AWError(.invalidInput)` for an invalid configuration or inconsistent inputs.
    ///   A diverging run does not throw: it returns with `StopReason.diverged(epoch:)`.
    public func train(model: MLP<T>, x: Matrix<T>, labels: [Int], clean: [Bool]? = nil, seed: UInt64,
                      progress: ((_ epoch: Int, _ trainLoss: Double, _ trainAccuracy: Double) -> Void)? = nil,
                      shouldCancel: (() -> Bool)? = nil) throws -> TrainingResult<T> {
        try config.validate(layerCount: model.layerCount)
        let n = x.rows
        guard n >= 1 else { throw AWError(.invalidInput, "training: no training samples") }
        guard config.learners * config.batchSize <= n else {
            throw AWError(.invalidInput, "training: \(config.learners) learners x batch \(config.batchSize) exceed the \(n) training samples")
        }
        guard x.cols == model.inputSize else {
            throw AWError(.invalidInput, "training: inputs have \(x.cols) features, the network expects \(model.inputSize)")
        }
        guard labels.count == n else {
            throw AWError(.invalidInput, "training: \(labels.count) labels for \(n) samples")
        }
        if let bad = labels.first(where: { $0 < 0 || $0 >= model.outputSize }) {
            throw AWError(.invalidInput, "training: label \(bad) outside 0..<\(model.outputSize)")
        }
        let cleanMask = clean ?? [Bool](repeating: true, count: n)
        guard cleanMask.count == n else {
            throw AWError(.invalidInput, "training: clean mask has \(cleanMask.count) entries for \(n) samples")
        }
        let cleanRows = cleanMask.indices.filter { cleanMask[$0] }
        guard !cleanRows.isEmpty else { throw AWError(.invalidInput, "training: no clean training samples") }
        if let t = blasThreads { BLASConfiguration.setThreads(t) }

        let useDropout = config.dropout > 0
        let density = x.data.withUnsafeBufferPointer { SparseRows<T>.density($0.baseAddress!, count: $0.count) }
        let kernel = Trainer.resolveKernel(config.inputKernel, density: density, firstWidth: model.widths[1],
                                           inputDropout: useDropout && config.dropoutLayer == 0)
        let useSparse = kernel == .sparse
        let run = SeededGenerator(seed: seed)
        let capacity = Swift.max(config.batchSize, Swift.min(Trainer.evaluationChunk, cleanRows.count))
        let engine = TrainingEngine<T>(widths: model.widths, activation: model.activation, hasBias: model.hasBias,
                                       capacity: capacity, momentum: config.momentum != 0,
                                       dropoutLayer: useDropout ? config.dropoutLayer : -1,
                                       dropoutRate: config.dropout, dropoutGenerator: run.derive("dropout"))
        engine.load(model)

        // The clean rows as one contiguous block for the evaluation pass.
        let allClean = cleanRows.count == n
        let evalX = allClean ? x : x.gatherRows(cleanRows)
        let evalLabels = allClean ? labels : cleanRows.map { labels[$0] }
        let trainCSR = useSparse ? x.data.withUnsafeBufferPointer { SparseRows<T>(
            $0.baseAddress!, rows: n, cols: x.cols) } : nil
        let evalCSR = (useSparse && !allClean) ? evalX.data.withUnsafeBufferPointer { SparseRows<T>(
            $0.baseAddress!, rows: evalX.rows, cols: evalX.cols) } : trainCSR

        var orderGenerator = run.derive("order")
        let start = ContinuousClock.now
        let cpuStart = threadCPUSeconds()
        var outcome = LoopOutcome()
        x.data.withUnsafeBufferPointer { xp in
            evalX.data.withUnsafeBufferPointer { ep in
                labels.withUnsafeBufferPointer { lp in
                    evalLabels.withUnsafeBufferPointer { elp in
                        cleanMask.withUnsafeBufferPointer { cp in
                            let trainSource = InputSource(x: xp.baseAddress!, rows: n, sparse: trainCSR)
                            let evalSource = InputSource(x: ep.baseAddress!, rows: evalX.rows, sparse: evalCSR)
                            if config.algorithm == .sgd {
                                outcome = loop(engine: engine, train: trainSource, labels: lp.baseAddress!,
                                               clean: cp.baseAddress!, eval: evalSource, evalLabels: elp.baseAddress!,
                                               useSparse: useSparse, orderGenerator: &orderGenerator,
                                               progress: progress, shouldCancel: shouldCancel)
                            } else {
                                outcome = learnerLoop(engine: engine, train: trainSource, labels: lp.baseAddress!,
                                                      eval: evalSource, evalLabels: elp.baseAddress!, useSparse: useSparse,
                                                      orderGenerator: &orderGenerator, run: run,
                                                      progress: progress, shouldCancel: shouldCancel)
                            }
                        }
                    }
                }
            }
        }
        withExtendedLifetime(trainCSR) {}
        withExtendedLifetime(evalCSR) {}
        let cpu = threadCPUSeconds() - cpuStart
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return TrainingResult(model: engine.exportModel(), trainLoss: outcome.loss, trainAccuracy: outcome.accuracy,
                              minibatchLoss: outcome.minibatchLoss, weightNorm: outcome.norm,
                              epochs: outcome.loss.count, steps: outcome.steps, stopReason: outcome.reason,
                              inputKernel: kernel, seconds: seconds, cpuSeconds: cpu, consensusDistance: outcome.consensus)
    }

    /// The first-layer kernel `.auto` resolves to, given the input density (fraction of nonzeros).
    /// `.auto`: sparse when at most 35% of the inputs are nonzero and the first hidden layer has at
    /// most `sparseMaxWidth` units. Measured on MNIST-like inputs (19% nonzero), Float, 1 thread,
    /// CPU us per step dense/sparse: H=30 B=25 47/24; H=64 B=25 63/44; H=128 B=25 134/101;
    /// H=256 B=25 320/279; H=128 B=128 555/444; H=256 B=128 1248/1223; H=512 B=128 3673/4196.
    /// Fashion-MNIST (49.5% nonzero), 784-30-30-10, whole runs dense/sparse: B=400 to 1,000 epochs
    /// 13.9/20.3 s, B=25 to the stop rule 4.9/5.7 s, so the bound is below its density.
    public static func resolveKernel(_ requested: InputKernel, density: Double, firstWidth: Int,
                                     inputDropout: Bool) -> InputKernel {
        if inputDropout { return .dense }
        switch requested {
        case .dense: return .dense
        case .sparse: return .sparse
        case .auto: return density <= sparseMaxDensity && firstWidth <= sparseMaxWidth ? .sparse : .dense
        }
    }

    /// The largest fraction of nonzero inputs for which `.auto` picks the sparse kernel.
    public static var sparseMaxDensity: Double { 0.35 }

    /// The widest first hidden layer for which `.auto` picks the sparse kernel.
    public static var sparseMaxWidth: Int { 256 }

    struct LoopOutcome {
        var loss: [Double] = []
        var accuracy: [Double] = []
        var minibatchLoss: [Double] = []
        var norm: [Double] = []
        var consensus: [Double] = []
        var steps = 0
        var reason = StopReason.maxEpochs
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func loop(engine: TrainingEngine<T>, train: InputSource<T>, labels: UnsafePointer<Int>, clean: UnsafePointer<Bool>,
              eval: InputSource<T>, evalLabels: UnsafePointer<Int>, useSparse: Bool,
              orderGenerator: inout SeededGenerator,
              progress: ((Int, Double, Double) -> Void)?, shouldCancel: (() -> Bool)?) -> LoopOutcome {
        let cfg = config
        let n = train.rows
        let batch = cfg.batchSize
        let rule = cfg.stoppingRule
        var out = LoopOutcome()
        out.loss.reserveCapacity(cfg.maxEpochs)
        out.accuracy.reserveCapacity(cfg.maxEpochs)
        out.minibatchLoss.reserveCapacity(cfg.maxEpochs)
        out.norm.reserveCapacity(cfg.maxEpochs)
        let order = UnsafeMutablePointer<Int>.allocate(capacity: n)
        defer { order.deallocate() }
        let dropout: DropoutMode<T> = cfg.dropout > 0 ? .random : .off
        let batchLabels = engine.batchLabels
        let perSample = engine.perSampleLoss
        let correct = engine.correct
        let fused = cfg.momentum == 0
        let minusRate = T(-cfg.learningRate)
        let warm = cfg.warmupEpochs > 0
        let stepsPerEpoch = (n + batch - 1) / batch
        var steps = 0

        for epoch in 1...cfg.maxEpochs {
            // A fresh permutation each epoch (Fisher-Yates, as SeededGenerator.shuffle).
            for i in 0..<n { order[i] = i }
            var i = n - 1
            while i > 0 {
                let j = orderGenerator.nextInt(below: i + 1)
                if i != j { let t = order[i]; order[i] = order[j]; order[j] = t }
                i -= 1
            }
            let decay = (cfg.weightDecay > 0 && epoch <= cfg.weightDecayEpochs) ? cfg.weightDecay : 0
            var minibatchSum = 0.0
            var epochSteps = 0
            var cleanLoss = 0.0, cleanHits = 0, cleanCount = 0
            var s = 0
            while s < n {
                let count = Swift.min(batch, n - s)
                let minusRate = warm ? T(-cfg.learningRate(step: steps + 1, stepsPerEpoch: stepsPerEpoch)) : minusRate
                let sel = RowSelection(indices: UnsafePointer(order + s), start: 0, count: count)
                for b in 0..<count { batchLabels[b] = labels[order[s + b]] }
                engine.forward(train, sel, useSparse: useSparse, dropout: dropout)
                let total = engine.lossAndDelta(labels: batchLabels, count: count, loss: cfg.loss,
                                                scale: 1 / Double(count))
                steps += 1
                guard total.isFinite else {
                    out.steps = steps
                    out.reason = .diverged(epoch: epoch)
                    return out
                }
                if cfg.epochMetric == .minibatch {
                    for b in 0..<count where clean[order[s + b]] {
                        cleanLoss += perSample[b]
                        cleanCount += 1
                        if correct[b] { cleanHits += 1 }
                    }
                }
                if fused && decay == 0 {
                    // plain SGD: the update goes straight into the weight-gradient GEMMs
                    engine.backward(train, sel, useSparse: useSparse, accumulate: false, update: minusRate)
                } else {
                    engine.backward(train, sel, useSparse: useSparse, accumulate: false)
                    if decay > 0 { _ = engine.addWeightDecay(beta: decay, form: cfg.weightDecayForm) }
                    engine.sgdStep(learningRate: warm ? cfg.learningRate(step: steps, stepsPerEpoch: stepsPerEpoch) : cfg.learningRate,
                                   momentum: cfg.momentum)
                }
                minibatchSum += total / Double(count)
                epochSteps += 1
                s += count
                if steps & 1023 == 0, let cancel = shouldCancel, cancel() {
                    out.steps = steps
                    out.reason = .cancelled(epoch: epoch - 1)
                    return out
                }
            }
            out.steps = steps
            let loss: Double, accuracy: Double
            switch cfg.epochMetric {
            case .evaluation:
                (loss, accuracy) = engine.evaluate(eval, labels: evalLabels, start: 0, count: eval.rows,
                                                   loss: cfg.loss, useSparse: useSparse)
            case .minibatch:
                loss = cleanLoss / Double(Swift.max(cleanCount, 1))
                accuracy = Double(cleanHits) / Double(Swift.max(cleanCount, 1))
            }
            guard loss.isFinite else {
                out.reason = .diverged(epoch: epoch)
                return out
            }
            out.loss.append(loss)
            out.accuracy.append(accuracy)
            out.minibatchLoss.append(minibatchSum / Double(epochSteps))
            out.norm.append(engine.parameterNorm())
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

extension MLP {
    /// The paper's initialization from a run seed: the stream `SeededGenerator(seed: seed).derive("init")`.
    public init(widths: [Int], activation: Activation = .relu, bias: Bool = false, initScale: Double = 1, seed: UInt64) {
        var g = SeededGenerator(seed: seed).derive("init")
        self.init(widths: widths, activation: activation, bias: bias, initScale: initScale, generator: &g)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU time of the calling thread in seconds (with one BLAS thread the whole computation runs on it).
public func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
