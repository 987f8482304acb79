import AWCore
import AWLinearAlgebra
import AWNetwork

/// The Hessian of the mean training loss L = (1/N) sum_k l_k with respect to ONE dense layer's
/// weights W (`[N_out, N_in]`, flattened row-major: (j, i) -> j * N_in + i), at fixed weights
/// elsewhere. Biases of the analysed layer are not part of the analysed weights; biases of every
/// layer enter the forward pass.
///
/// Because l_k depends on W only through z_k = W a_k (+ b), the Hessian is exactly
///
///     H = (1/N) sum_k M_k (x) (a_k a_k^T),   M_k = d^2 l_k / dz_k^2  (N_out x N_out),
///
/// with M_k = B_k^T A_k B_k (the Gauss-Newton term of PAPER.md section 5, A_k the loss Hessian in
/// the logits, B_k = d logits / d z_k) plus, for activations with curvature (tanh), the terms
/// J^T diag(phi''(z_m) * (W_{m+1}^T delta_{m+1})) J of every layer above. M_k is obtained by a
/// backward recursion of small matrices; `HessianCurvature.gaussNewton` drops the phi'' terms.
///
/// Everything is in Double. The per-sample data (activities, activation derivatives, back-propagated
/// gradients) are computed once at construction.
public struct LayerHessian: Sendable {
    public let model: MLP<Double>
    public let layer: Int
    public let loss: Loss
    public let curvature: HessianCurvature
    /// Activity entering the layer for every sample, `[N, N_in]`.
    public let activities: Matrix<Double>
    public let labels: [Int]
    /// Per-sample losses at the current weights.
    public let sampleLosses: [Double]

    /// Downstream level q (dense layer m = layer + 1 + q): phi'(z_{m-1}) `[N, N_m]`.
    let slopes: [Matrix<Double>]
    /// phi''(z_{m-1}) * (W_m^T delta_m) per sample `[N, N_m]`; nil when zero (ReLU) or Gauss-Newton.
    let curvatureTerms: [Matrix<Double>?]
    /// Softmax probabilities of the logits `[N, C]` (cross-entropy only).
    let probabilities: Matrix<Double>

    public var sampleCount: Int { activities.rows }
    public var outputWidth: Int { model.weights[layer].rows }
    public var inputWidth: Int { model.weights[layer].cols }
    /// Number of analysed weights, N_out * N_in.
    public var dimension: Int { outputWidth * inputWidth }
    public var weights: Matrix<Double> { model.weights[layer] }
    public var meanLoss: Double { sampleLosses.isEmpty ? 0 : sampleLosses.reduce(0, +) / Double(sampleLosses.count) }

    /// Hessian of the mean loss over the samples `inputs` (`[N, N_0]`) with labels `labels`.
    public init(model: MLP<Double>, layer: Int, inputs: Matrix<Double>, labels: [Int],
                loss: Loss = .crossEntropy, curvature: HessianCurvature = .exact) throws {
        try LayerHessian.validate(model: model, layer: layer, rows: inputs.rows, labels: labels)
        self.init(model: model, layer: layer, trace: model.trace(inputs), labels: labels, loss: loss, curvature: curvature)
    }

    /// From a forward trace of the samples (no second forward pass).
    init(model: MLP<Double>, layer: Int, trace: MLP<Double>.Trace, labels: [Int], loss: Loss, curvature: HessianCurvature) {
        self.model = model
        self.layer = layer
        self.loss = loss
        self.curvature = curvature
        self.activities = trace.inputs[layer]
        self.labels = labels
        let logits = trace.logits
        self.sampleLosses = loss.perSample(logits: logits, labels: labels)
        self.probabilities = loss == .crossEntropy ? softmaxRows(logits) : Matrix(rows: 0, cols: 0)

        let lc = model.layerCount
        var slopes: [Matrix<Double>] = []
        for m in (layer + 1)..<max(layer + 1, lc) {
            let z = trace.preactivations[m - 1], a = trace.inputs[m]
            var d = Matrix<Double>(rows: z.rows, cols: z.cols)
            for t in 0..<z.data.count { d.data[t] = model.activation.derivative(z: z.data[t], a: a.data[t]) }
            slopes.append(d)
        }
        var terms = [Matrix<Double>?](repeating: nil, count: slopes.count)
        if curvature == .exact && model.activation != .relu && !slopes.isEmpty {
            var delta = LayerHessian.outputGradient(loss: loss, logits: logits, probabilities: probabilities, labels: labels)
            for m in stride(from: lc - 1, through: layer + 1, by: -1) {
                let q = m - layer - 1
                let gz = Matrix<Double>.product(delta, model.weights[m])       // [N, N_m] = (W_m^T delta_m)^T
                let z = trace.preactivations[m - 1], a = trace.inputs[m]
                var c = Matrix<Double>(rows: gz.rows, cols: gz.cols)
                for t in 0..<c.data.count {
                    c.data[t] = model.activation.secondDerivative(z: z.data[t], a: a.data[t]) * gz.data[t]
                }
                terms[q] = c
                delta = gz
                for t in 0..<delta.data.count { delta.data[t] *= slopes[q].data[t] }
            }
        }
        self.slopes = slopes
        self.curvatureTerms = terms
    }

    static func validate(model: MLP<Double>, layer: Int, rows: Int, labels: [Int]) throws {
        guard layer >= 0 && layer < model.layerCount else {
            throw AWError(.invalidInput, "analysis: layer index \(layer) (0-based) is out of range 0...\(model.layerCount - 1) for widths \(model.widths)")
        }
        guard labels.count == rows else {
            throw AWError(.invalidInput, "analysis: \(labels.count) labels for \(rows) samples")
        }
        guard rows > 0 else { throw AWError(.invalidInput, "analysis: the Hessian needs at least one training sample") }
        if let bad = labels.first(where: { $0 < 0 || $0 >= model.outputSize }) {
            throw AWError(.invalidInput, "analysis: label \(bad) is outside 0..<\(model.outputSize) (the network's outputs)")
        }
    }

    /// dl/dlogits per sample `[N, C]` (not divided by N).
    static func outputGradient(loss: Loss, logits: Matrix<Double>, probabilities: Matrix<Double>, labels: [Int]) -> Matrix<Double> {
        let c = logits.cols
        switch loss {
        case .crossEntropy:
            var g = probabilities
            for k in 0..<g.rows { g.data[k * c + labels[k]] -= 1 }
            return g
        case .meanSquaredError:
            var g = logits
            let s = 2 / Double(c)
            for k in 0..<g.rows {
                for j in 0..<c { g.data[k * c + j] = s * (g.data[k * c + j] - (j == labels[k] ? 1 : 0)) }
            }
            return g
        }
    }
}

// MARK: - Per-sample curvature M_k = d^2 l_k / dz_k^2

extension LayerHessian {
    /// Scratch memory for `fillCurvature`.
    final class CurvatureScratch {
        var s: [Double]
        var t: [Double]
        init(maxWidth: Int) {
            s = [Double](repeating: 0, count: maxWidth * maxWidth)
            t = [Double](repeating: 0, count: maxWidth * maxWidth)
        }
    }

    func makeCurvatureScratch() -> CurvatureScratch {
        CurvatureScratch(maxWidth: model.widths[(layer + 1)...].max() ?? 1)
    }

    /// Writes M_k (N_out x N_out, row-major) to `out`.
    func fillCurvature(sample k: Int, into out: UnsafeMutablePointer<Double>, scratch: CurvatureScratch) {
        let lc = model.layerCount
        let c = model.outputSize
        scratch.s.withUnsafeMutableBufferPointer { sBuf in
            scratch.t.withUnsafeMutableBufferPointer { tBuf in
                let s = sBuf.baseAddress!, t = tBuf.baseAddress!
                // A_k, the loss Hessian in the logits.
                switch loss {
                case .crossEntropy:
                    probabilities.data.withUnsafeBufferPointer { pp in
                        let p = pp.baseAddress! + k * c
                        for i in 0..<c {
                            for j in 0..<c { s[i * c + j] = -p[i] * p[j] }
                            s[i * c + i] += p[i]
                        }
                    }
                case .meanSquaredError:
                    for i in 0..<(c * c) { s[i] = 0 }
                    for i in 0..<c { s[i * c + i] = 2 / Double(c) }
                }
                var n1 = c
                for m in stride(from: lc - 1, through: layer + 1, by: -1) {
                    let q = m - layer - 1
                    let w = model.weights[m]          // [n1, n0]
                    let n0 = w.cols
                    w.data.withUnsafeBufferPointer { pw in
                        // T = S W  [n1, n0]; S' = W^T T  [n0, n0]
                        Double.gemm(transA: false, transB: false, m: n1, n: n0, k: n1, alpha: 1, a: s, lda: n1,
                                    b: pw.baseAddress!, ldb: n0, beta: 0, c: t, ldc: n0)
                        Double.gemm(transA: true, transB: false, m: n0, n: n0, k: n1, alpha: 1, a: pw.baseAddress!, lda: n0,
                                    b: t, ldb: n0, beta: 0, c: s, ldc: n0)
                    }
                    slopes[q].data.withUnsafeBufferPointer { pd in
                        let d = pd.baseAddress! + k * n0
                        for i in 0..<n0 {
                            let di = d[i]
                            for j in 0..<n0 { s[i * n0 + j] *= di * d[j] }
                        }
                    }
                    if let term = curvatureTerms[q] {
                        term.data.withUnsafeBufferPointer { pc in
                            let ct = pc.baseAddress! + k * n0
                            for i in 0..<n0 { s[i * n0 + i] += ct[i] }
                        }
                    }
                    n1 = n0
                }
                out.update(from: s, count: n1 * n1)
            }
        }
    }

    /// M_k = d^2 l_k / dz_k^2 for one sample (N_out x N_out).
    public func curvatureInPreactivation(sample k: Int) -> Matrix<Double> {
        var m = Matrix<Double>(rows: outputWidth, cols: outputWidth)
        let scratch = makeCurvatureScratch()
        m.data.withUnsafeMutableBufferPointer { fillCurvature(sample: k, into: $0.baseAddress!, scratch: scratch) }
        return m
    }
}

// MARK: - Dense Hessian through GEMMs

extension LayerHessian {
    /// The dense P x P Hessian (P = N_out * N_in), exactly symmetric, built as
    /// G = Pm^T Qa with Pm[k, (j<=j')] = M_k[j, j'] and Qa[k, (i<=i')] = a_k[i] a_k[i'] (one GEMM
    /// over the samples, in blocks), then H[(j,i),(j',i')] = G[(j,j'),(i,i')] / N.
    /// Cost: N * N_out^2 * N_in^2 / 2 flops; memory P^2 + blocks of about 4M Doubles.
    public func dense(blockBudget: Int = 1 << 22) -> Matrix<Double> {
        let no = outputWidth, ni = inputWidth, n = sampleCount
        let p = no * ni
        let tOut = no * (no + 1) / 2, tIn = ni * (ni + 1) / 2
        let chunk = max(1, min(n, blockBudget / max(1, tOut + tIn)))
        var g = [Double](repeating: 0, count: tOut * tIn)
        var pm = [Double](repeating: 0, count: chunk * tOut)
        var qa = [Double](repeating: 0, count: chunk * tIn)
        var mk = [Double](repeating: 0, count: no * no)
        let scratch = makeCurvatureScratch()
        activities.data.withUnsafeBufferPointer { pa in
            var k0 = 0
            while k0 < n {
                let rows = min(chunk, n - k0)
                for r in 0..<rows {
                    let k = k0 + r
                    mk.withUnsafeMutableBufferPointer { fillCurvature(sample: k, into: $0.baseAddress!, scratch: scratch) }
                    pm.withUnsafeMutableBufferPointer { pp in
                        var t = r * tOut
                        for j in 0..<no { for j2 in j..<no { pp[t] = mk[j * no + j2]; t += 1 } }
                    }
                    qa.withUnsafeMutableBufferPointer { pq in
                        let a = pa.baseAddress! + k * ni
                        var t = r * tIn
                        for i in 0..<ni {
                            let ai = a[i]
                            for i2 in i..<ni { pq[t] = ai * a[i2]; t += 1 }
                        }
                    }
                }
                pm.withUnsafeBufferPointer { pp in
                    qa.withUnsafeBufferPointer { pq in
                        g.withUnsafeMutableBufferPointer { pg in
                            Double.gemm(transA: true, transB: false, m: tOut, n: tIn, k: rows, alpha: 1,
                                        a: pp.baseAddress!, lda: tOut, b: pq.baseAddress!, ldb: tIn,
                                        beta: 1, c: pg.baseAddress!, ldc: tIn)
                        }
                    }
                }
                k0 += rows
            }
        }
        let mapOut = LayerHessian.packedIndex(no), mapIn = LayerHessian.packedIndex(ni)
        var h = Matrix<Double>(rows: p, cols: p)
        let inv = 1 / Double(n)
        h.data.withUnsafeMutableBufferPointer { ph in
            g.withUnsafeBufferPointer { pg in
                mapIn.withUnsafeBufferPointer { mi in
                    for j in 0..<no {
                        for j2 in 0..<no {
                            let gRow = pg.baseAddress! + mapOut[j * no + j2] * tIn
                            for i in 0..<ni {
                                let dst = ph.baseAddress! + (j * ni + i) * p + j2 * ni
                                let mrow = mi.baseAddress! + i * ni
                                for i2 in 0..<ni { dst[i2] = gRow[mrow[i2]] * inv }
                            }
                        }
                    }
                }
            }
        }
        return h
    }

    /// Packed upper-triangle position of (i, j) in an n x n symmetric matrix, for all i, j.
    static func packedIndex(_ n: Int) -> [Int] {
        var map = [Int](repeating: 0, count: n * n)
        var t = 0
        for i in 0..<n { for j in i..<n { map[i * n + j] = t; map[j * n + i] = t; t += 1 } }
        return map
    }
}

// MARK: - Loss and gradient at other weights of the layer (finite differences, checks)

extension LayerHessian {
    /// Logits of all samples with the analysed layer's weights replaced by `w`.
    public func logits(weights w: Matrix<Double>) -> Matrix<Double> {
        model.forward(from: layer, input: activities, replacing: w)
    }

    /// Mean loss with the analysed layer's weights replaced by `w`.
    public func loss(weights w: Matrix<Double>) -> Double {
        loss.mean(logits: logits(weights: w), labels: labels)
    }

    /// dL/dW (`[N_out, N_in]`) of the mean loss with the analysed layer's weights replaced by `w`
    /// (plain back-propagation through the layers above, batched).
    public func gradient(weights w: Matrix<Double>) -> Matrix<Double> {
        precondition(w.rows == outputWidth && w.cols == inputWidth)
        let lc = model.layerCount
        var hs: [Matrix<Double>] = []     // inputs of layers layer+1 ..< lc
        var zs: [Matrix<Double>] = []     // pre-activations of layers layer ..< lc
        var a = activities
        for m in layer..<lc {
            var z = Matrix<Double>.product(a, m == layer ? w : model.weights[m], transB: true)
            if model.hasBias { z.addRowVector(model.biases[m]) }
            zs.append(z)
            if m < lc - 1 {
                a = z
                model.activation.apply(&a.data)
                hs.append(a)
            }
        }
        let logits = zs[zs.count - 1]
        var delta = LayerHessian.outputGradient(loss: loss, logits: logits,
                                                probabilities: loss == .crossEntropy ? softmaxRows(logits) : logits,
                                                labels: labels)
        for m in stride(from: lc - 1, through: layer + 1, by: -1) {
            var gz = Matrix<Double>.product(delta, model.weights[m])
            let z = zs[m - 1 - layer], h = hs[m - 1 - layer]
            for t in 0..<gz.data.count { gz.data[t] *= model.activation.derivative(z: z.data[t], a: h.data[t]) }
            delta = gz
        }
        var g = Matrix<Double>.product(delta, transA: true, activities)
        let inv = 1 / Double(sampleCount)
        for t in 0..<g.data.count { g.data[t] *= inv }
        return g
    }
}
