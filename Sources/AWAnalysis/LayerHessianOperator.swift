import AWLinearAlgebra
import AWNetwork

/// Matrix-free products y = H v with the layer Hessian (`LayerHessian`), for Lanczos and the
/// spectral density. v and y are flattened `[N_out, N_in]` row-major. Exact for ReLU and tanh
/// networks with or without biases (`.kronecker`, `.rOperator`); `.finiteDifference` is a check.
/// A final class: it owns scratch memory and is not meant to be shared between threads.
public final class LayerHessianOperator: SymmetricOperator {
    public let hessian: LayerHessian
    /// The method actually used (never `.automatic`).
    public let method: HessianVectorMethod
    /// Perturbation norm |eps v| of the finite-difference method.
    public let finiteDifferenceStep: Double
    /// Operator applications so far.
    public private(set) var applications = 0

    /// Stored M_k, `[N, N_out^2]` (Kronecker method only).
    private var curvatures: [Double] = []
    private var u: [Double]
    private var r: [Double]

    /// Largest N * N_out^2 (Doubles) the automatic choice stores for the Kronecker method.
    public static let kroneckerMemoryLimit = 1 << 24

    public init(_ hessian: LayerHessian, method: HessianVectorMethod = .automatic, finiteDifferenceStep: Double = 1e-4) {
        self.hessian = hessian
        let n = hessian.sampleCount, no = hessian.outputWidth
        var chosen = method
        if method == .automatic {
            chosen = n * no * no <= LayerHessianOperator.kroneckerMemoryLimit ? .kronecker : .rOperator
        }
        self.method = chosen
        self.finiteDifferenceStep = finiteDifferenceStep
        self.u = [Double](repeating: 0, count: n * no)
        self.r = [Double](repeating: 0, count: n * no)
        if chosen == .kronecker {
            var store = [Double](repeating: 0, count: n * no * no)
            let scratch = hessian.makeCurvatureScratch()
            store.withUnsafeMutableBufferPointer { ps in
                for k in 0..<n { hessian.fillCurvature(sample: k, into: ps.baseAddress! + k * no * no, scratch: scratch) }
            }
            curvatures = store
        }
    }

    public var dimension: Int { hessian.dimension }

    public func apply(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        applications += 1
        switch method {
        case .kronecker, .automatic: applyKronecker(x, y)
        case .rOperator: applyROperator(x, y)
        case .finiteDifference: applyFiniteDifference(x, y)
        }
    }

    /// U = A V^T: the change of every sample's pre-activation along V, `[N, N_out]`.
    private func directionalPreactivations(_ x: UnsafePointer<Double>) {
        let n = hessian.sampleCount, no = hessian.outputWidth, ni = hessian.inputWidth
        hessian.activities.data.withUnsafeBufferPointer { pa in
            u.withUnsafeMutableBufferPointer { pu in
                Double.gemm(transA: false, transB: true, m: n, n: no, k: ni, alpha: 1, a: pa.baseAddress!, lda: ni,
                            b: x, ldb: ni, beta: 0, c: pu.baseAddress!, ldc: no)
            }
        }
    }

    /// y = (1/N) R^T A for R `[N, N_out]`.
    private func accumulate(_ rr: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        let n = hessian.sampleCount, no = hessian.outputWidth, ni = hessian.inputWidth
        hessian.activities.data.withUnsafeBufferPointer { pa in
            Double.gemm(transA: true, transB: false, m: no, n: ni, k: n, alpha: 1 / Double(n), a: rr, lda: no,
                        b: pa.baseAddress!, ldb: ni, beta: 0, c: y, ldc: ni)
        }
    }

    private func applyKronecker(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        let n = hessian.sampleCount, no = hessian.outputWidth
        directionalPreactivations(x)
        curvatures.withUnsafeBufferPointer { pm in
            u.withUnsafeBufferPointer { pu in
                r.withUnsafeMutableBufferPointer { pr in
                    for k in 0..<n {
                        let m = pm.baseAddress! + k * no * no
                        let uk = pu.baseAddress! + k * no
                        let rk = pr.baseAddress! + k * no
                        for j in 0..<no {
                            var s = 0.0
                            let row = m + j * no
                            for j2 in 0..<no { s += row[j2] * uk[j2] }
                            rk[j] = s
                        }
                    }
                }
            }
        }
        r.withUnsafeBufferPointer { accumulate($0.baseAddress!, y) }
    }

    /// Pearlmutter's R-operator: forward the pre-activation change through the layers above,
    /// apply the loss Hessian in the logits, and back-propagate it (with the phi'' terms when exact).
    private func applyROperator(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        let h = hessian
        let model = h.model, lc = model.layerCount, layer = h.layer, n = h.sampleCount
        directionalPreactivations(x)
        var rz: [Matrix<Double>] = [Matrix(rows: n, cols: h.outputWidth, data: u)]   // R z_m, m = layer ..< lc
        for m in (layer + 1)..<max(layer + 1, lc) {
            var rh = rz[rz.count - 1]
            let d = h.slopes[m - layer - 1]
            for t in 0..<rh.data.count { rh.data[t] *= d.data[t] }
            rz.append(Matrix<Double>.product(rh, model.weights[m], transB: true))
        }
        let rf = rz[rz.count - 1]
        let c = rf.cols
        var rd = rf
        switch h.loss {
        case .crossEntropy:
            let p = h.probabilities
            for k in 0..<n {
                var dot = 0.0
                for j in 0..<c { dot += p.data[k * c + j] * rf.data[k * c + j] }
                for j in 0..<c { rd.data[k * c + j] = p.data[k * c + j] * (rf.data[k * c + j] - dot) }
            }
        case .meanSquaredError:
            let s = 2 / Double(c)
            for t in 0..<rd.data.count { rd.data[t] *= s }
        }
        for m in stride(from: lc - 1, through: layer + 1, by: -1) {
            let q = m - layer - 1
            var t = Matrix<Double>.product(rd, model.weights[m])
            let d = h.slopes[q]
            for i in 0..<t.data.count { t.data[i] *= d.data[i] }
            if let term = h.curvatureTerms[q] {
                let zPrev = rz[q]
                for i in 0..<t.data.count { t.data[i] += term.data[i] * zPrev.data[i] }
            }
            rd = t
        }
        rd.data.withUnsafeBufferPointer { accumulate($0.baseAddress!, y) }
    }

    /// (grad(W + eps V) - grad(W - eps V)) / (2 eps), eps = step / |v|.
    private func applyFiniteDifference(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        let p = dimension
        var norm = 0.0
        for i in 0..<p { norm += x[i] * x[i] }
        norm = norm.squareRoot()
        if norm == 0 { for i in 0..<p { y[i] = 0 }; return }
        let eps = finiteDifferenceStep / norm
        var wp = hessian.weights, wm = hessian.weights
        for i in 0..<p { wp.data[i] += eps * x[i]; wm.data[i] -= eps * x[i] }
        let gp = hessian.gradient(weights: wp), gm = hessian.gradient(weights: wm)
        for i in 0..<p { y[i] = (gp.data[i] - gm.data[i]) / (2 * eps) }
    }
}
