import AWCore
import AWLinearAlgebra

/// The decomposition of PAPER.md section 4 in a given orthonormal set of directions (rows of
/// `basis`, e.g. Hessian eigenvectors):
///
///     w_kn = v_n . dw_k,  g_kn = v_n . g_k,  g_k = Dl_k dw_k / |dw_k|^2  (g_k = 0 when dw_k = 0),
///
/// population moments over the pairs k (ddof 0) per direction, and
///
///     mean_k Dl_k = sum_n [ mu_g,n mu_w,n + cov(g_n, w_n) ],   cov = c sigma_g sigma_w,
///
/// exactly over a complete basis. With an incomplete basis (top-k eigenvectors) the rest of the
/// space enters as ONE residual term per sum, computed in the identity basis (total minus the sum
/// over the given directions), so the totals stay exact.
public struct GapDecomposition: Sendable, Codable, Equatable {
    /// Per direction, in basis order.
    public var meanW: [Double]
    public var sigmaW: [Double]
    public var meanG: [Double]
    public var sigmaG: [Double]
    /// cov(g_n, w_n) (population).
    public var covariance: [Double]
    /// cov / (sigma_g sigma_w), 0 where a sigma is 0.
    public var correlation: [Double]
    /// Eigenvalue of each direction (basis order), when given.
    public var eigenvalues: [Double]?
    /// Basis indices ranked by sigma_g, descending (ties: lower index first).
    public var ranking: [Int]

    /// Whether the basis spans the whole weight space.
    public var complete: Bool
    /// sum_n cov_n and sum_n mu_g,n mu_w,n over the given directions.
    public var directionCovariance: Double
    public var directionMean: Double
    /// The same sums over the identity basis (basis-independent totals).
    public var identityCovariance: Double
    public var identityMean: Double
    /// identity - direction sums when the basis is incomplete; exactly 0 when it is complete.
    public var residualCovariance: Double
    public var residualMean: Double
    /// sum c sigma_g sigma_w and sum mu_g mu_w over all directions (given + residual).
    public var covarianceTotal: Double
    public var meanTotal: Double
    /// covarianceTotal + meanTotal: the estimated gap.
    public var estimatedGap: Double
    /// mean_k Dl_k.
    public var meanDeltaLoss: Double
    /// Top `sharpCount` ranks (by sigma_g) of sum c sigma_g sigma_w, and the rest (incl. the residual).
    public var sharpCount: Int
    public var sharpPart: Double
    public var flatPart: Double
    /// sum_n lambda_n (sigma_w,n^2 + mu_w,n^2) / 2 over the given directions (nil without eigenvalues).
    public var secondOrderGap: Double?

    /// - Parameters:
    ///   - dualWeights: the pairs' dual weights.
    ///   - deltaLoss: Dl_k per pair.
    ///   - basis: `[n, P]`, orthonormal rows.
    ///   - eigenvalues: one per basis row (optional).
    ///   - complete: the rows span the whole space (n == P); default: n == P.
    ///   - sharpCount: ranks in the sharp part.
    ///   - memoryLimit: largest K * P (Doubles) for which the flattened dual weights are formed;
    ///     above it projections use the rank-one structure, K x (n N_out) at a time.
    public init(dualWeights: DualWeights, deltaLoss: [Double], basis: Matrix<Double>, eigenvalues: [Double]? = nil,
                complete: Bool? = nil, sharpCount: Int = 10, memoryLimit: Int = 1 << 25) {
        let kCount = dualWeights.count, p = dualWeights.dimension, nDir = basis.rows
        precondition(deltaLoss.count == kCount, "GapDecomposition: \(deltaLoss.count) loss changes for \(kCount) pairs")
        precondition(basis.cols == p, "GapDecomposition: basis vectors have \(basis.cols) entries, the layer \(p)")
        precondition(eigenvalues == nil || eigenvalues!.count == nDir)
        let isComplete = complete ?? (nDir == p)
        let no = dualWeights.outputWidth, ni = dualWeights.inputWidth
        let sq = dualWeights.squaredNorms
        // g_k = s_k dw_k.
        let scale = (0..<kCount).map { k in sq[k] > 0 ? deltaLoss[k] / sq[k] : 0 }
        let invK = kCount > 0 ? 1 / Double(kCount) : 0

        // Projections w_kn, [K, nDir].
        var proj = Matrix<Double>(rows: kCount, cols: nDir)
        var identityCov = 0.0, identityMean = 0.0
        if kCount * p <= memoryLimit {
            let dw = dualWeights.flattened()
            if nDir > 0 && kCount > 0 { Matrix.gemm(dw, basis, transB: true, into: &proj) }
            // Identity-basis moments, column by column.
            let (mw, _, mg, _, cov) = GapDecomposition.moments(dw, scale: scale)
            for i in 0..<p { identityMean += mg[i] * mw[i]; identityCov += cov[i] }
        } else {
            let block = max(1, min(nDir, (memoryLimit / 2) / max(1, kCount * no)))
            var z = Matrix<Double>(rows: kCount, cols: block * no)
            var start = 0
            while start < nDir {
                let nb = min(block, nDir - start)
                if z.cols != nb * no { z = Matrix(rows: kCount, cols: nb * no) }
                // The basis rows start..<start+nb, viewed as an [nb * N_out, N_in] matrix.
                basis.data.withUnsafeBufferPointer { pb in
                    dualWeights.trainActivities.data.withUnsafeBufferPointer { pa in
                        z.data.withUnsafeMutableBufferPointer { pz in
                            Double.gemm(transA: false, transB: true, m: kCount, n: nb * no, k: ni, alpha: 1,
                                        a: pa.baseAddress!, lda: ni, b: pb.baseAddress! + start * p, ldb: ni,
                                        beta: 0, c: pz.baseAddress!, ldc: nb * no)
                        }
                    }
                }
                for k in 0..<kCount {
                    let inv = 1 / dualWeights.squaredActivityNorms[k]
                    for n in 0..<nb {
                        var s = 0.0
                        for j in 0..<no { s += dualWeights.directions.data[k * no + j] * z.data[k * nb * no + n * no + j] }
                        proj.data[k * nDir + start + n] = s * inv
                    }
                }
                start += nb
            }
            // Identity basis through the rank-one structure: mean vectors by GEMM, E[g.w] directly.
            var uw = dualWeights.directions, ug = dualWeights.directions
            for k in 0..<kCount {
                let iw = invK / dualWeights.squaredActivityNorms[k]
                for j in 0..<no { uw.data[k * no + j] *= iw; ug.data[k * no + j] *= iw * scale[k] }
            }
            let wBar = Matrix<Double>.product(uw, transA: true, dualWeights.trainActivities)
            let gBar = Matrix<Double>.product(ug, transA: true, dualWeights.trainActivities)
            for i in 0..<p { identityMean += wBar.data[i] * gBar.data[i] }
            var egw = 0.0
            for k in 0..<kCount { egw += scale[k] * sq[k] }
            identityCov = egw * invK - identityMean
        }

        let (mw, sw, mg, sg, cov) = GapDecomposition.moments(proj, scale: scale)
        var corr = [Double](repeating: 0, count: nDir)
        for n in 0..<nDir where sw[n] > 0 && sg[n] > 0 { corr[n] = cov[n] / (sg[n] * sw[n]) }
        let ranking = (0..<nDir).sorted { sg[$0] != sg[$1] ? sg[$0] > sg[$1] : $0 < $1 }

        var dirCov = 0.0, dirMean = 0.0
        for n in 0..<nDir { dirCov += cov[n]; dirMean += mg[n] * mw[n] }
        let resCov = isComplete ? 0 : identityCov - dirCov
        let resMean = isComplete ? 0 : identityMean - dirMean
        var sharp = 0.0, flat = 0.0
        for (r, n) in ranking.enumerated() {
            let term = corr[n] * sg[n] * sw[n]
            if r < sharpCount { sharp += term } else { flat += term }
        }
        flat += resCov

        var second: Double? = nil
        if let ev = eigenvalues {
            var s = 0.0
            for n in 0..<nDir { s += ev[n] * (sw[n] * sw[n] + mw[n] * mw[n]) / 2 }
            second = s
        }

        self.meanW = mw; self.sigmaW = sw; self.meanG = mg; self.sigmaG = sg
        self.covariance = cov; self.correlation = corr; self.eigenvalues = eigenvalues; self.ranking = ranking
        self.complete = isComplete
        self.directionCovariance = dirCov; self.directionMean = dirMean
        self.identityCovariance = identityCov; self.identityMean = identityMean
        self.residualCovariance = resCov; self.residualMean = resMean
        self.covarianceTotal = dirCov + resCov
        self.meanTotal = dirMean + resMean
        self.estimatedGap = covarianceTotal + meanTotal
        self.meanDeltaLoss = deltaLoss.reduce(0, +) * invK
        self.sharpCount = sharpCount
        self.sharpPart = sharp
        self.flatPart = flat
        self.secondOrderGap = second
    }

    /// Column moments of w (`[K, n]`) and of g = scale_k * w (ddof 0): means, sigmas, covariances.
    static func moments(_ w: Matrix<Double>, scale: [Double]) -> ([Double], [Double], [Double], [Double], [Double]) {
        let kCount = w.rows, n = w.cols
        var mw = [Double](repeating: 0, count: n), mg = mw, vw = mw, vg = mw, cv = mw
        guard kCount > 0 else { return (mw, vw, mg, vg, cv) }
        let invK = 1 / Double(kCount)
        w.data.withUnsafeBufferPointer { pw in
            mw.withUnsafeMutableBufferPointer { pmw in
                mg.withUnsafeMutableBufferPointer { pmg in
                    for k in 0..<kCount {
                        let row = pw.baseAddress! + k * n, s = scale[k]
                        for j in 0..<n { let x = row[j]; pmw[j] += x; pmg[j] += s * x }
                    }
                    for j in 0..<n { pmw[j] *= invK; pmg[j] *= invK }
                }
            }
            vw.withUnsafeMutableBufferPointer { pvw in
                vg.withUnsafeMutableBufferPointer { pvg in
                    cv.withUnsafeMutableBufferPointer { pcv in
                        for k in 0..<kCount {
                            let row = pw.baseAddress! + k * n, s = scale[k]
                            for j in 0..<n {
                                let dx = row[j] - mw[j], dg = s * row[j] - mg[j]
                                pvw[j] += dx * dx; pvg[j] += dg * dg; pcv[j] += dg * dx
                            }
                        }
                    }
                }
            }
        }
        let sw = vw.map { ($0 * invK).squareRoot() }
        let sg = vg.map { ($0 * invK).squareRoot() }
        return (mw, sw, mg, sg, cv.map { $0 * invK })
    }
}
