import AWLinearAlgebra
import AWNetwork

/// The minimal-norm dual weights of PAPER.md section 2, one per pair k:
///
///     dW_k = (W da_k) a_k^T / |a_k|^2,   a_k = the TRAINING sample's activity, da_k = a_test - a_train,
///
/// kept in factored form (u_k = W da_k, a_k, |a_k|^2): dW_k is rank one, |dW_k|_F = |u_k| / |a_k|.
/// Flattening of dW_k is row-major, (j, i) -> j * N_in + i.
public struct DualWeights: Sendable {
    /// u_k = W da_k, `[K, N_out]`.
    public let directions: Matrix<Double>
    /// a_k, the training activities, `[K, N_in]`.
    public let trainActivities: Matrix<Double>
    /// da_k = a_test - a_train, `[K, N_in]`.
    public let activityChanges: Matrix<Double>
    /// |a_k|^2 (all > 0).
    public let squaredActivityNorms: [Double]

    public var count: Int { directions.rows }
    public var outputWidth: Int { directions.cols }
    public var inputWidth: Int { trainActivities.cols }
    public var dimension: Int { outputWidth * inputWidth }

    /// Dual weights of the layer `weights` for pair-aligned activities (row k of each is pair k).
    /// Every training activity must be non-zero (callers exclude the pairs where it is 0).
    public init(weights: Matrix<Double>, trainActivities: Matrix<Double>, testActivities: Matrix<Double>) {
        precondition(trainActivities.rows == testActivities.rows && trainActivities.cols == testActivities.cols)
        precondition(weights.cols == trainActivities.cols, "DualWeights: layer takes \(weights.cols) inputs, activities have \(trainActivities.cols)")
        var da = testActivities
        for t in 0..<da.data.count { da.data[t] -= trainActivities.data[t] }
        let u = Matrix<Double>.product(da, weights, transB: true)
        var sq = [Double](repeating: 0, count: trainActivities.rows)
        let ni = trainActivities.cols
        for k in 0..<trainActivities.rows {
            var s = 0.0
            for i in 0..<ni { let v = trainActivities.data[k * ni + i]; s += v * v }
            precondition(s > 0, "DualWeights: training activity of pair \(k) is zero; the dual weight is undefined")
            sq[k] = s
        }
        self.directions = u
        self.trainActivities = trainActivities
        self.activityChanges = da
        self.squaredActivityNorms = sq
    }

    /// dW_k as an `[N_out, N_in]` matrix.
    public func matrix(_ k: Int) -> Matrix<Double> {
        var m = Matrix<Double>(rows: outputWidth, cols: inputWidth)
        fill(k, into: &m.data, offset: 0)
        return m
    }

    @inline(__always)
    func fill(_ k: Int, into out: inout [Double], offset: Int) {
        let no = outputWidth, ni = inputWidth
        let inv = 1 / squaredActivityNorms[k]
        directions.data.withUnsafeBufferPointer { pu in
            trainActivities.data.withUnsafeBufferPointer { pa in
                out.withUnsafeMutableBufferPointer { po in
                    let u = pu.baseAddress! + k * no, a = pa.baseAddress! + k * ni
                    for j in 0..<no {
                        let s = u[j] * inv
                        let row = po.baseAddress! + offset + j * ni
                        for i in 0..<ni { row[i] = s * a[i] }
                    }
                }
            }
        }
    }

    /// All dual weights flattened, `[K, N_out * N_in]` (row k = vec(dW_k)).
    public func flattened() -> Matrix<Double> {
        var m = Matrix<Double>(rows: count, cols: dimension)
        for k in 0..<count { fill(k, into: &m.data, offset: k * dimension) }
        return m
    }

    /// |dW_k|^2_F = |u_k|^2 / |a_k|^2.
    public var squaredNorms: [Double] {
        let no = outputWidth
        return (0..<count).map { k in
            var s = 0.0
            for j in 0..<no { let v = directions.data[k * no + j]; s += v * v }
            return s / squaredActivityNorms[k]
        }
    }

    /// |dW_k|_F.
    public var norms: [Double] { squaredNorms.map { $0.squareRoot() } }

    /// Logits of every pair's TRAINING sample through the network with the analysed layer's weights
    /// replaced by W + dW_k (each pair its own explicitly formed matrix): the right-hand side of the
    /// duality l(test; W) = l(train; W + dW).
    public func dualLogits(model: MLP<Double>, layer: Int) -> Matrix<Double> {
        let w = model.weights[layer]
        let no = outputWidth, ni = inputWidth, p = dimension
        var z = Matrix<Double>(rows: count, cols: no)
        var wk = [Double](repeating: 0, count: p)
        for k in 0..<count {
            fill(k, into: &wk, offset: 0)
            wk.withUnsafeMutableBufferPointer { pw in
                w.data.withUnsafeBufferPointer { pw0 in Double.axpy(n: p, alpha: 1, x: pw0.baseAddress!, y: pw.baseAddress!) }
                trainActivities.data.withUnsafeBufferPointer { pa in
                    z.data.withUnsafeMutableBufferPointer { pz in
                        Double.gemv(trans: false, m: no, n: ni, alpha: 1, a: pw.baseAddress!, lda: ni,
                                    x: pa.baseAddress! + k * ni, incx: 1, beta: 0, y: pz.baseAddress! + k * no, incy: 1)
                    }
                }
            }
        }
        if model.hasBias { z.addRowVector(model.biases[layer]) }
        if layer == model.layerCount - 1 { return z }
        model.activation.apply(&z.data)
        return model.forward(from: layer + 1, input: z)
    }

    /// Tr(W C W^T) with C = mean_k da_k da_k^T / |a_k|^2 (PAPER.md section 4), through C itself.
    /// Equals mean_k |dW_k|_F^2.
    public func activityWeightedNorm(weights w: Matrix<Double>) -> Double {
        guard count > 0 else { return 0 }
        var dn = activityChanges
        let ni = inputWidth
        for k in 0..<count {
            let s = 1 / squaredActivityNorms[k].squareRoot()
            for i in 0..<ni { dn.data[k * ni + i] *= s }
        }
        var c = Matrix<Double>(rows: ni, cols: ni)
        Matrix.gemm(dn, transA: true, dn, into: &c, alpha: 1 / Double(count))
        let wc = Matrix<Double>.product(w, c)
        var t = 0.0
        for i in 0..<wc.data.count { t += wc.data[i] * w.data[i] }
        return t
    }
}
