import AWCore
import AWLinearAlgebra

/// Where the rows of a pass come from: a dense row-major block `[rows, N_0]` and, when the sparse
/// first-layer kernel is used, the same rows in CSR form. Non-owning (pointers only); the owner
/// keeps the memory alive for the duration of the pass.
struct InputSource<T: BLASScalar> {
    let x: UnsafePointer<T>
    let rows: Int
    let sparse: SparseRows<T>?
}

/// Which rows of the source a pass covers: `indices[0..<count]` when given, else `start..<start+count`.
struct RowSelection {
    let indices: UnsafePointer<Int>?
    let start: Int
    let count: Int
    @inline(__always) func row(_ b: Int) -> Int { indices.map { $0[b] } ?? (start + b) }
}

/// How dropout acts in a forward pass.
enum DropoutMode<T: BLASScalar> {
    /// No dropout (evaluation mode).
    case off
    /// A fresh mask from the engine's dropout generator (training).
    case random
    /// Fixed multipliers `[rows of the source, N_layer]`, row-aligned with the source (tests).
    case fixed(UnsafePointer<T>)
}

/// Preallocated buffers and the kernels of forward pass, loss, backward pass and SGD step for one
/// network shape and a maximum number of rows per pass. Nothing in `forward`, `lossAndDelta`,
/// `backward` or `sgdStep` allocates.
///
/// Parameters live in one flat vector `theta`: layer `l`'s weights TRANSPOSED, `W_l^T` of shape
/// `[N_l, N_{l+1}]` row-major, at `weightOffset[l]`, then the biases at `biasOffset[l]`. The
/// transposed layout makes the sparse first-layer kernel a sequence of contiguous row updates and
/// keeps every dense product a plain CBLAS call. `load(_:)` / `exportModel()` convert.
final class TrainingEngine<T: BLASScalar> {
    let widths: [Int]
    let layerCount: Int
    let activation: Activation
    let hasBias: Bool
    let capacity: Int
    /// Number of real parameters (weights and biases).
    let parameterCount: Int
    /// Length of `theta` / `grad`: layer 0's block has row stride `weightStride[0] >= N_1` (a
    /// multiple of the SIMD block, padding columns held at exactly 0).
    let storageCount: Int
    let weightOffset: [Int]
    let weightStride: [Int]
    let biasOffset: [Int]

    let theta: UnsafeMutablePointer<T>
    let grad: UnsafeMutablePointer<T>
    let velocity: UnsafeMutablePointer<T>?
    /// outputs[l]: layer l's pre-activation, made the activation in place for hidden layers;
    /// outputs[L-1] are the logits. `[capacity, N_{l+1}]`.
    let outputs: [UnsafeMutablePointer<T>]
    /// deltas[l]: d(objective)/d(pre-activation of layer l), `[capacity, N_{l+1}]`.
    let deltas: [UnsafeMutablePointer<T>]
    /// Dense first-layer input when it must be gathered, `[capacity, N_0]`.
    let gathered: UnsafeMutablePointer<T>
    /// The dense layer whose INPUT is dropped out (-1: none), its mask and dropped activity.
    let dropoutLayer: Int
    let dropoutRate: Double
    let dropMask: UnsafeMutablePointer<T>?
    let dropped: UnsafeMutablePointer<T>?
    let perSampleLoss: UnsafeMutablePointer<Double>
    let correct: UnsafeMutablePointer<Bool>
    let batchLabels: UnsafeMutablePointer<Int>
    let rowScratch: UnsafeMutablePointer<Double>
    let blockScratch: UnsafeMutablePointer<T>
    /// Column sums of a delta block (bias gradients), `max N_l` values.
    let rowScratchT: UnsafeMutablePointer<T>

    /// Dropout generator (training mode only).
    var dropoutGenerator: SeededGenerator
    /// Set by `forward`, read by `backward`: the dense input of layer 0 and whether a mask was applied.
    private(set) var denseInput0: UnsafePointer<T>?
    private(set) var maskApplied = false

    init(widths: [Int], activation: Activation, hasBias: Bool, capacity: Int, momentum: Bool,
         dropoutLayer: Int, dropoutRate: Double, dropoutGenerator: SeededGenerator) {
        precondition(widths.count >= 2 && capacity >= 1)
        self.widths = widths
        self.layerCount = widths.count - 1
        self.activation = activation
        self.hasBias = hasBias
        self.capacity = capacity
        var wo: [Int] = [], ws: [Int] = [], off = 0, real = 0
        for l in 0..<layerCount {
            let stride = l == 0 ? SparseKernels.paddedWidth(widths[1], for: T.self) : widths[l + 1]
            wo.append(off); ws.append(stride)
            off += widths[l] * stride
            real += widths[l] * widths[l + 1]
        }
        var bo: [Int] = []
        if hasBias { for l in 0..<layerCount { bo.append(off); off += widths[l + 1]; real += widths[l + 1] } }
        weightOffset = wo
        weightStride = ws
        biasOffset = bo
        parameterCount = real
        storageCount = off
        theta = .allocate(capacity: off); theta.initialize(repeating: 0, count: off)
        grad = .allocate(capacity: off); grad.initialize(repeating: 0, count: off)
        if momentum {
            let v = UnsafeMutablePointer<T>.allocate(capacity: off)
            v.initialize(repeating: 0, count: off)
            velocity = v
        } else {
            velocity = nil
        }
        // layer 0's output gets one padded row of slack: the sparse kernel stores whole SIMD blocks
        outputs = (0..<layerCount).map { l in
            let n = capacity * widths[l + 1] + (l == 0 ? ws[0] : 0)
            let p = UnsafeMutablePointer<T>.allocate(capacity: n)
            p.initialize(repeating: 0, count: n)
            return p
        }
        deltas = (0..<layerCount).map { l in
            let p = UnsafeMutablePointer<T>.allocate(capacity: capacity * widths[l + 1])
            p.initialize(repeating: 0, count: capacity * widths[l + 1])
            return p
        }
        gathered = .allocate(capacity: capacity * widths[0])
        gathered.initialize(repeating: 0, count: capacity * widths[0])
        precondition(dropoutLayer < layerCount)
        self.dropoutLayer = dropoutLayer
        self.dropoutRate = dropoutRate
        if dropoutLayer >= 0 {
            let n = capacity * widths[dropoutLayer]
            let m = UnsafeMutablePointer<T>.allocate(capacity: n); m.initialize(repeating: 0, count: n)
            let d = UnsafeMutablePointer<T>.allocate(capacity: n); d.initialize(repeating: 0, count: n)
            dropMask = m
            dropped = d
        } else {
            dropMask = nil
            dropped = nil
        }
        perSampleLoss = .allocate(capacity: capacity); perSampleLoss.initialize(repeating: 0, count: capacity)
        correct = .allocate(capacity: capacity); correct.initialize(repeating: false, count: capacity)
        batchLabels = .allocate(capacity: capacity); batchLabels.initialize(repeating: 0, count: capacity)
        let c = widths[layerCount]
        rowScratch = .allocate(capacity: c); rowScratch.initialize(repeating: 0, count: c)
        blockScratch = .allocate(capacity: SparseKernels.scratchCount)
        blockScratch.initialize(repeating: 0, count: SparseKernels.scratchCount)
        let widest = widths.max()!
        rowScratchT = .allocate(capacity: widest); rowScratchT.initialize(repeating: 0, count: widest)
        self.dropoutGenerator = dropoutGenerator
    }

    deinit {
        theta.deallocate(); grad.deallocate(); velocity?.deallocate()
        for p in outputs { p.deallocate() }
        for p in deltas { p.deallocate() }
        gathered.deallocate(); dropMask?.deallocate(); dropped?.deallocate()
        perSampleLoss.deallocate(); correct.deallocate(); batchLabels.deallocate(); rowScratch.deallocate()
        blockScratch.deallocate(); rowScratchT.deallocate()
    }

    // MARK: - parameters

    /// Copy a model's parameters into `theta` (weights transposed).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func load(_ model: MLP<T>) {
        precondition(model.widths == widths && model.hasBias == hasBias && model.activation == activation)
        for l in 0..<layerCount {
            let nIn = widths[l], nOut = widths[l + 1]
            let dst = theta + weightOffset[l]
            let ld = weightStride[l]
            model.weights[l].data.withUnsafeBufferPointer { w in
                for j in 0..<nOut { for i in 0..<nIn { dst[i * ld + j] = w[j * nIn + i] } }
            }
            if hasBias {
                model.biases[l].withUnsafeBufferPointer { b in
                    (theta + biasOffset[l]).update(from: b.baseAddress!, count: nOut)
                }
            }
        }
    }

    /// The current parameters as a model.
    func exportModel() -> MLP<T> {
        let (w, b) = unflatten(theta)
        return MLP(widths: widths, activation: activation, weights: w, biases: b)
    }

    /// A flat parameter-shaped vector (`theta` or `grad` layout) as per-layer matrices in the
    /// model's layout `[N_out, N_in]` and bias vectors.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func unflatten(_ v: UnsafePointer<T>) -> (weights: [Matrix<T>], biases: [[T]]) {
        var ws: [Matrix<T>] = []
        var bs: [[T]] = []
        for l in 0..<layerCount {
            let nIn = widths[l], nOut = widths[l + 1]
            var m = Matrix<T>(rows: nOut, cols: nIn)
            let src = v + weightOffset[l]
            let ld = weightStride[l]
            m.data.withUnsafeMutableBufferPointer { w in
                for i in 0..<nIn { for j in 0..<nOut { w[j * nIn + i] = src[i * ld + j] } }
            }
            ws.append(m)
            if hasBias { bs.append(Array(UnsafeBufferPointer(start: v + biasOffset[l], count: nOut))) }
        }
        return (ws, bs)
    }

    // MARK: - forward

    /// Forward pass over `sel` rows of `source` (at most `capacity`), leaving logits in
    /// `outputs[L-1]`. `useSparse` selects the CSR first-layer kernel (requires `source.sparse`).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func forward(_ source: InputSource<T>, _ sel: RowSelection, useSparse: Bool, dropout: DropoutMode<T>) {
        let count = sel.count
        precondition(count <= capacity)
        let n0 = widths[0], n1 = widths[1]
        let dropActive: Bool
        switch dropout { case .off: dropActive = false; default: dropActive = dropoutLayer >= 0 }
        maskApplied = dropActive

        // Layer 0.
        let z0 = outputs[0]
        if useSparse && !(dropActive && dropoutLayer == 0), let csr = source.sparse {
            denseInput0 = nil
            SparseKernels.forward(csr, sel, into: z0, n1: n1, weights: theta + weightOffset[0], stride: weightStride[0])
        } else {
            var input: UnsafePointer<T>
            if let idx = sel.indices {
                for b in 0..<count {
                    (gathered + b * n0).update(from: source.x + idx[b] * n0, count: n0)
                }
                input = UnsafePointer(gathered)
            } else {
                input = source.x + sel.start * n0
            }
            if dropActive && dropoutLayer == 0 {
                applyDropout(input: input, count: count, width: n0, sel: sel, dropout: dropout)
                input = UnsafePointer(dropped!)
            }
            denseInput0 = input
            T.gemm(transA: false, transB: false, m: count, n: n1, k: n0, alpha: 1, a: input, lda: n0,
                   b: theta + weightOffset[0], ldb: weightStride[0], beta: 0, c: z0, ldc: n1)
        }
        for l in 0..<layerCount {
            let nIn = widths[l], nOut = widths[l + 1]
            let z = outputs[l]
            if l > 0 {
                let input = inputOf(layer: l)
                T.gemm(transA: false, transB: false, m: count, n: nOut, k: nIn, alpha: 1, a: input, lda: nIn,
                       b: theta + weightOffset[l], ldb: weightStride[l], beta: 0, c: z, ldc: nOut)
            }
            if hasBias { addBias(z, theta + biasOffset[l], rows: count, cols: nOut) }
            if l < layerCount - 1 {
                applyActivation(z, count: count * nOut)
                if dropActive && dropoutLayer == l + 1 {
                    applyDropout(input: UnsafePointer(z), count: count, width: nOut, sel: sel, dropout: dropout)
                }
            }
        }
    }

    /// The dense input of layer l >= 1 in the last forward pass.
    @inline(__always)
    func inputOf(layer l: Int) -> UnsafePointer<T> {
        (maskApplied && l == dropoutLayer) ? UnsafePointer(dropped!) : UnsafePointer(outputs[l - 1])
    }

    @inline(__always)
    private func applyDropout(input: UnsafePointer<T>, count: Int, width: Int, sel: RowSelection, dropout: DropoutMode<T>) {
        let mask = dropMask!, out = dropped!
        let n = count * width
        switch dropout {
        case .off:
            return
        case .random:
            // keep with probability 1 - d, kept units scaled by 1/(1-d) (inverted dropout)
            let d = dropoutRate
            let scale = T(1 / (1 - d))
            let threshold = dropoutThreshold(d)
            var g = dropoutGenerator
            for i in 0..<n { mask[i] = g.next() >= threshold ? scale : 0 }
            dropoutGenerator = g
        case .fixed(let m):
            for b in 0..<count { (mask + b * width).update(from: m + sel.row(b) * width, count: width) }
        }
        for i in 0..<n { out[i] = input[i] * mask[i] }
    }

    @inline(__always)
    private func addBias(_ z: UnsafeMutablePointer<T>, _ bias: UnsafePointer<T>, rows: Int, cols: Int) {
        for r in 0..<rows {
            let zr = z + r * cols
            for j in 0..<cols { zr[j] += bias[j] }
        }
    }

    @inline(__always)
    private func applyActivation(_ z: UnsafeMutablePointer<T>, count: Int) {
        switch activation {
        case .relu:
            // NaN stays NaN (divergence must stay visible)
            VectorKernels.relu(z, count: count)
        case .tanh:
            for i in 0..<count { z[i] = z[i].tanh }
        }
    }

    // MARK: - loss

    /// Per-sample losses (Double) into `perSampleLoss`, arg-max hits into `correct`, and
    /// `deltas[L-1] = scale * d(loss_k)/d(logits)`. `labels[b]` is the label of selected row b.
    /// Returns the sum of the per-sample losses.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func lossAndDelta(labels: UnsafePointer<Int>, count: Int, loss: Loss, scale: Double, computeDelta: Bool = true) -> Double {
        let c = widths[layerCount]
        let f = outputs[layerCount - 1], d = deltas[layerCount - 1]
        let e = rowScratch
        var total = 0.0
        for b in 0..<count {
            let row = f + b * c, drow = d + b * c
            let y = labels[b]
            var best = 0
            var bestValue = row[0]
            for j in 1..<c where row[j] > bestValue { best = j; bestValue = row[j] }
            correct[b] = best == y
            let l: Double
            switch loss {
            case .crossEntropy:
                var m = -Double.infinity
                for j in 0..<c { m = Swift.max(m, row[j].doubleValue) }
                var s = 0.0
                for j in 0..<c { let v = Libm.exp(row[j].doubleValue - m); e[j] = v; s += v }
                l = m + Libm.log(s) - row[y].doubleValue
                if computeDelta {
                    let inv = 1 / s
                    for j in 0..<c { drow[j] = T((e[j] * inv - (j == y ? 1 : 0)) * scale) }
                }
            case .meanSquaredError:
                var s = 0.0
                let g = 2 / Double(c) * scale
                for j in 0..<c {
                    let r = row[j].doubleValue - (j == y ? 1 : 0)
                    s += r * r
                    if computeDelta { drow[j] = T(r * g) }
                }
                l = s / Double(c)
            }
            perSampleLoss[b] = l
            total += l
        }
        return total
    }

    // MARK: - backward

    /// Gradients of the objective whose output deltas are in `deltas[L-1]` (set by `lossAndDelta`)
    /// with respect to all parameters, into `grad` (`accumulate`: added to it). Uses the last
    /// forward pass's activations. The input gradient of layer 0 is never formed.
    ///
    /// With `update` (= -learning rate) the gradient is not stored: each layer's products add
    /// `update * gradient` straight into `theta` (plain SGD fused into the GEMMs, after the layer's
    /// input gradient has been formed with the old weights), saving a pass over all parameters.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func backward(_ source: InputSource<T>, _ sel: RowSelection, useSparse: Bool, accumulate: Bool, update: T? = nil) {
        let count = sel.count
        let target = update == nil ? grad : theta
        let alpha = update ?? 1
        let add = accumulate || update != nil
        var l = layerCount - 1
        while l >= 0 {
            let nIn = widths[l], nOut = widths[l + 1]
            let d = deltas[l]
            if l > 0 {
                let dp = deltas[l - 1]
                // d(input) [B, nIn] = delta [B, nOut] . W_l [nOut, nIn]  (W_l^T stored [nIn, nOut])
                T.gemm(transA: false, transB: true, m: count, n: nIn, k: nOut, alpha: 1, a: d, lda: nOut,
                       b: theta + weightOffset[l], ldb: weightStride[l], beta: 0, c: dp, ldc: nIn)
                let n = count * nIn
                if maskApplied && l == dropoutLayer {
                    let mask = dropMask!
                    for i in 0..<n { dp[i] *= mask[i] }
                }
                let a = outputs[l - 1]
                switch activation {
                case .relu:
                    VectorKernels.reluBackward(dp, activation: a, count: n)
                case .tanh:
                    for i in 0..<n { dp[i] *= 1 - a[i] * a[i] }
                }
            }
            let gw = target + weightOffset[l]
            if l == 0 && denseInput0 == nil {
                precondition(useSparse)
                SparseKernels.weightGradient(source.sparse!, sel, delta: d, n1: nOut, into: gw, stride: weightStride[0],
                                             rows: widths[0], accumulate: add, alpha: alpha, scratch: blockScratch)
            } else {
                let input = l == 0 ? denseInput0! : inputOf(layer: l)
                // W_l^T gradient [nIn, nOut] = input^T [nIn, B] . delta [B, nOut]
                T.gemm(transA: true, transB: false, m: nIn, n: nOut, k: count, alpha: alpha, a: input, lda: nIn,
                       b: d, ldb: nOut, beta: add ? 1 : 0, c: gw, ldc: weightStride[l])
            }
            if hasBias {
                let gb = target + biasOffset[l]
                if !add { gb.update(repeating: 0, count: nOut) }
                let column = rowScratchT
                column.update(repeating: 0, count: nOut)
                for b in 0..<count {
                    let dr = d + b * nOut
                    for j in 0..<nOut { column[j] += dr[j] }
                }
                for j in 0..<nOut { gb[j] += alpha * column[j] }
            }
            l -= 1
        }
    }

    // MARK: - regularization and update

    /// Add the weight-decay gradient to `grad` and return the penalty value:
    /// `.norm`: beta |theta| (gradient beta theta / |theta|, 0 at theta = 0);
    /// `.squared`: beta/2 |theta|^2 (gradient beta theta, PyTorch's weight_decay = beta).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func addWeightDecay(beta: Double, form: WeightDecayForm) -> Double {
        guard beta != 0 else { return 0 }
        let n = storageCount
        let sq = T.dot(n: n, x: theta, y: theta).doubleValue
        switch form {
        case .norm:
            let norm = sq.squareRoot()
            guard norm > 0 else { return 0 }
            T.axpy(n: n, alpha: T(beta / norm), x: theta, y: grad)
            return beta * norm
        case .squared:
            T.axpy(n: n, alpha: T(beta), x: theta, y: grad)
            return beta / 2 * sq
        }
    }

    /// theta -= lr * grad, or with momentum mu (PyTorch's SGD, dampening 0):
    /// v = mu v + grad; theta -= lr v.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func sgdStep(learningRate: Double, momentum: Double) {
        let n = storageCount
        if let v = velocity, momentum != 0 {
            T.scal(n: n, alpha: T(momentum), x: v)
            T.axpy(n: n, alpha: 1, x: grad, y: v)
            T.axpy(n: n, alpha: T(-learningRate), x: v, y: theta)
        } else {
            T.axpy(n: n, alpha: T(-learningRate), x: grad, y: theta)
        }
    }

    /// Un-squared global L2 norm of theta, accumulated in Double.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func parameterNorm() -> Double {
        var s = 0.0
        for i in 0..<storageCount { let v = theta[i].doubleValue; s += v * v }
        return s.squareRoot()
    }

    // MARK: - whole-set passes

    /// Mean loss and accuracy over `count` contiguous rows of `source` from `start`, in
    /// evaluation mode, in chunks of `capacity`. Per-sample losses are summed in order in Double.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func evaluate(_ source: InputSource<T>, labels: UnsafePointer<Int>, start: Int, count: Int,
                  loss: Loss, useSparse: Bool) -> (loss: Double, accuracy: Double) {
        var total = 0.0
        var hits = 0
        var done = 0
        while done < count {
            let n = Swift.min(capacity, count - done)
            let sel = RowSelection(indices: nil, start: start + done, count: n)
            forward(source, sel, useSparse: useSparse, dropout: .off)
            total += lossAndDelta(labels: labels + start + done, count: n, loss: loss, scale: 0, computeDelta: false)
            for b in 0..<n where correct[b] { hits += 1 }
            done += n
        }
        return count == 0 ? (0, 0) : (total / Double(count), Double(hits) / Double(count))
    }

    /// Gradient of the mean loss over `count` contiguous rows from `start` into `grad`, in chunks
    /// of `capacity`; returns the mean loss. `dropout` is `.off` or `.fixed`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func accumulateGradient(_ source: InputSource<T>, labels: UnsafePointer<Int>, start: Int, count: Int,
                            loss: Loss, useSparse: Bool, dropout: DropoutMode<T>) -> Double {
        precondition(count > 0)
        var total = 0.0
        var done = 0
        let scale = 1 / Double(count)
        while done < count {
            let n = Swift.min(capacity, count - done)
            let sel = RowSelection(indices: nil, start: start + done, count: n)
            forward(source, sel, useSparse: useSparse, dropout: dropout)
            total += lossAndDelta(labels: labels + start + done, count: n, loss: loss, scale: scale)
            backward(source, sel, useSparse: useSparse, accumulate: done > 0)
            done += n
        }
        return total / Double(count)
    }
}
