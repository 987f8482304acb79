import AWCore
import AWLinearAlgebra

/// Full-batch gradients of the mean loss over a fixed dataset, reusable across many parameter
/// settings (e.g. Hessian-vector products by finite differences). Buffers are allocated once;
/// the dataset is processed in chunks of `chunk` rows, so the gradient of every call on the same
/// evaluator is computed in the same order (bitwise repeatable).
///
/// Not thread-safe: one evaluator per thread.
public final class GradientEvaluator<T: BLASScalar> {
    public let widths: [Int]
    public let activation: Activation
    public let hasBias: Bool
    public let loss: Loss
    public let rows: Int
    let engine: TrainingEngine<T>
    let x: Matrix<T>
    let labels: [Int]
    let sparse: SparseRows<T>?
    let mask: DropoutMask<T>?

    /// - Parameters:
    ///   - widths, activation, hasBias: the network shape (any `MLP` passed later must match).
    ///   - x: `[N, N_0]` inputs; labels: N labels.
    ///   - dropout: an optional FIXED mask (the gradient of the training-mode loss for that mask).
    ///   - inputKernel: `.dense` (default) or `.sparse` first-layer products (`.auto` as in training).
    ///   - chunk: rows per pass.
    public init(widths: [Int], activation: Activation, hasBias: Bool, x: Matrix<T>, labels: [Int],
                loss: Loss = .crossEntropy, dropout: DropoutMask<T>? = nil, inputKernel: InputKernel = .dense,
                chunk: Int = 1024) throws {
        guard widths.count >= 2 else { throw AWError(.invalidInput, "gradient: a network needs at least 2 widths") }
        guard x.rows >= 1 else { throw AWError(.invalidInput, "gradient: no samples") }
        guard x.cols == widths[0] else {
            throw AWError(.invalidInput, "gradient: inputs have \(x.cols) features, the network expects \(widths[0])")
        }
        guard labels.count == x.rows else { throw AWError(.invalidInput, "gradient: \(labels.count) labels for \(x.rows) samples") }
        if let bad = labels.first(where: { $0 < 0 || $0 >= widths[widths.count - 1] }) {
            throw AWError(.invalidInput, "gradient: label \(bad) outside 0..<\(widths[widths.count - 1])")
        }
        if let m = dropout {
            guard m.layer >= 0 && m.layer < widths.count - 1 else {
                throw AWError(.invalidInput, "gradient: dropout layer \(m.layer) outside 0...\(widths.count - 2)")
            }
            guard m.multipliers.rows == x.rows && m.multipliers.cols == widths[m.layer] else {
                throw AWError(.invalidInput, "gradient: dropout mask is \(m.multipliers.rows)x\(m.multipliers.cols), expected \(x.rows)x\(widths[m.layer])")
            }
        }
        guard chunk >= 1 else { throw AWError(.invalidInput, "gradient: chunk = \(chunk), allowed: >= 1") }
        self.widths = widths
        self.activation = activation
        self.hasBias = hasBias
        self.loss = loss
        self.rows = x.rows
        self.x = x
        self.labels = labels
        self.mask = dropout
        let density = x.data.withUnsafeBufferPointer { SparseRows<T>.density($0.baseAddress!, count: $0.count) }
        let kernel = Trainer<T>.resolveKernel(inputKernel, density: density, firstWidth: widths[1],
                                              inputDropout: dropout?.layer == 0)
        sparse = kernel == .sparse ? x.data.withUnsafeBufferPointer {
            SparseRows<T>($0.baseAddress!, rows: x.rows, cols: x.cols)
        } : nil
        engine = TrainingEngine<T>(widths: widths, activation: activation, hasBias: hasBias,
                                   capacity: Swift.min(chunk, x.rows), momentum: false,
                                   dropoutLayer: dropout?.layer ?? -1, dropoutRate: 0,
                                   dropoutGenerator: SeededGenerator(seed: 0))
    }

    /// Convenience: the evaluator for `model`'s shape.
    public convenience init(model: MLP<T>, x: Matrix<T>, labels: [Int], loss: Loss = .crossEntropy,
                            dropout: DropoutMask<T>? = nil, inputKernel: InputKernel = .dense, chunk: Int = 1024) throws {
        try self.init(widths: model.widths, activation: model.activation, hasBias: model.hasBias, x: x,
                      labels: labels, loss: loss, dropout: dropout, inputKernel: inputKernel, chunk: chunk)
    }

    /// Number of parameters (weights, then biases) in the flat layout of `flatGradient`.
    public var parameterCount: Int { engine.parameterCount }

    /// The mean loss over the dataset (plus the weight-decay penalty when `weightDecay > 0`) and its
    /// gradient with respect to every weight matrix (model layout `[N_out, N_in]`) and bias vector.
    public func gradient(of model: MLP<T>, weightDecay: Double = 0, weightDecayForm: WeightDecayForm = .norm)
        -> (loss: Double, weights: [Matrix<T>], biases: [[T]]) {
        let value = compute(model, weightDecay: weightDecay, form: weightDecayForm)
        let (w, b) = engine.unflatten(engine.grad)
        return (value, w, b)
    }

    /// The mean loss (plus penalty) alone, without a backward pass.
    public func loss(of model: MLP<T>, weightDecay: Double = 0, weightDecayForm: WeightDecayForm = .norm) -> Double {
        check(model)
        engine.load(model)
        var total = 0.0
        x.data.withUnsafeBufferPointer { xp in
            labels.withUnsafeBufferPointer { lp in
                withMask { mode in
                    let source = InputSource(x: xp.baseAddress!, rows: rows, sparse: sparse)
                    var done = 0
                    while done < rows {
                        let n = Swift.min(engine.capacity, rows - done)
                        engine.forward(source, RowSelection(indices: nil, start: done, count: n),
                                       useSparse: sparse != nil, dropout: mode)
                        total += engine.lossAndDelta(labels: lp.baseAddress! + done, count: n, loss: loss,
                                                     scale: 0, computeDelta: false)
                        done += n
                    }
                }
            }
        }
        return total / Double(rows) + engine.addWeightDecay(beta: weightDecay, form: weightDecayForm)
    }

    /// The gradient as one flat vector in `MLP.flatParameters` order (each weight matrix
    /// row-major in the model layout, layer by layer, then the biases).
    public func flatGradient(of model: MLP<T>, weightDecay: Double = 0, weightDecayForm: WeightDecayForm = .norm)
        -> (loss: Double, gradient: [T]) {
        let g = gradient(of: model, weightDecay: weightDecay, weightDecayForm: weightDecayForm)
        var flat: [T] = []
        flat.reserveCapacity(engine.parameterCount)
        for w in g.weights { flat.append(contentsOf: w.data) }
        for b in g.biases { flat.append(contentsOf: b) }
        return (g.loss, flat)
    }

    private func check(_ model: MLP<T>) {
        precondition(model.widths == widths && model.activation == activation && model.hasBias == hasBias,
                     "GradientEvaluator: the model's shape differs from the evaluator's")
    }

    private func withMask(_ body: (DropoutMode<T>) -> Void) {
        if let m = mask {
            m.multipliers.data.withUnsafeBufferPointer { body(.fixed($0.baseAddress!)) }
        } else {
            body(.off)
        }
    }

    private func compute(_ model: MLP<T>, weightDecay: Double, form: WeightDecayForm) -> Double {
        check(model)
        engine.load(model)
        var value = 0.0
        x.data.withUnsafeBufferPointer { xp in
            labels.withUnsafeBufferPointer { lp in
                withMask { mode in
                    let source = InputSource(x: xp.baseAddress!, rows: rows, sparse: sparse)
                    value = engine.accumulateGradient(source, labels: lp.baseAddress!, start: 0, count: rows,
                                                      loss: loss, useSparse: sparse != nil, dropout: mode)
                }
            }
        }
        return value + engine.addWeightDecay(beta: weightDecay, form: form)
    }
}

extension MLP {
    /// Mean loss over `(x, labels)` in evaluation mode and its gradient with respect to all
    /// parameters (weights in the model layout `[N_out, N_in]`, biases). With `weightDecay > 0`
    /// the penalty (`weightDecayForm`) is included in both. For many calls on the same data use a
    /// `GradientEvaluator`.
    public func gradient(x: Matrix<T>, labels: [Int], loss: Loss = .crossEntropy, weightDecay: Double = 0,
                         weightDecayForm: WeightDecayForm = .norm) throws -> (loss: Double, weights: [Matrix<T>], biases: [[T]]) {
        try GradientEvaluator(model: self, x: x, labels: labels, loss: loss)
            .gradient(of: self, weightDecay: weightDecay, weightDecayForm: weightDecayForm)
    }

    /// The same for the training-mode loss with a FIXED dropout mask (for tests and analysis).
    public func gradient(x: Matrix<T>, labels: [Int], loss: Loss = .crossEntropy, dropout: DropoutMask<T>,
                         weightDecay: Double = 0, weightDecayForm: WeightDecayForm = .norm) throws
        -> (loss: Double, weights: [Matrix<T>], biases: [[T]]) {
        try GradientEvaluator(model: self, x: x, labels: labels, loss: loss, dropout: dropout)
            .gradient(of: self, weightDecay: weightDecay, weightDecayForm: weightDecayForm)
    }

    /// All parameters as one flat vector: each weight matrix row-major (`(j, i) -> j * N_in + i`),
    /// layer by layer, then the bias vectors.
    public var flatParameters: [T] {
        var flat: [T] = []
        flat.reserveCapacity(parameterCount)
        for w in weights { flat.append(contentsOf: w.data) }
        for b in biases { flat.append(contentsOf: b) }
        return flat
    }

    /// A copy with parameters from a flat vector in `flatParameters` order.
    public func withFlatParameters(_ flat: [T]) -> MLP {
        precondition(flat.count == parameterCount, "withFlatParameters: \(flat.count) values for \(parameterCount) parameters")
        var m = self
        var o = 0
        for l in 0..<layerCount {
            let c = m.weights[l].count
            m.weights[l].data = Array(flat[o..<(o + c)])
            o += c
        }
        for l in 0..<m.biases.count {
            let c = m.biases[l].count
            m.biases[l] = Array(flat[o..<(o + c)])
            o += c
        }
        return m
    }
}
