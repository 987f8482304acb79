import AWCore
import AWLinearAlgebra
import AWNetwork

extension DualityAnalyzer {
    /// Step 5: eigen-directions of `hessian`: a full dense symmetric eigen-decomposition (LAPACK
    /// dsyevd), or the top `min(lanczosK, P)` pairs by Lanczos (largest algebraic, seeded by
    /// `lanczosSeed`) on the operator.
    public func eigenbasis(of hessian: AnalysisHessian) throws -> AnalysisEigenbasis {
        let p = hessian.dimension
        let k = min(config.lanczosK, p)
        if let h = hessian.matrix {
            let eig = try SymmetricEigen(h, symmetrize: false)
            return AnalysisEigenbasis(method: .dense, eigenvalues: eig.eigenvalues, vectors: eig.eigenvectors, lanczos: nil,
                                      residualMax: DualityAnalyzer.residualMax(h, eig, count: k), converged: true)
        }
        let op = hessian.hessianOperator!
        let r = try Lanczos.eigenpairs(of: op, count: k, target: .largestAlgebraic, tolerance: config.lanczosTolerance,
                                       maxIterations: config.lanczosMaxIterations,
                                       generator: SeededGenerator(seed: config.lanczosSeed))
        let summary = LanczosSummary(r, requested: k, seed: config.lanczosSeed)
        return AnalysisEigenbasis(method: .lanczos, eigenvalues: r.eigenvalues, vectors: r.eigenvectors, lanczos: summary,
                                  residualMax: summary.maxResidual, converged: r.converged)
    }

    /// max_i ||H v_i - lambda_i v_i|| over the first `count` eigenpairs.
    static func residualMax(_ h: Matrix<Double>, _ eig: SymmetricEigen, count: Int) -> Double {
        let n = h.rows
        var worst = 0.0
        var y = [Double](repeating: 0, count: n)
        h.data.withUnsafeBufferPointer { ph in
            eig.eigenvectors.data.withUnsafeBufferPointer { pv in
                y.withUnsafeMutableBufferPointer { py in
                    for i in 0..<min(count, n) {
                        let v = pv.baseAddress! + i * n
                        Double.gemv(trans: false, m: n, n: n, alpha: 1, a: ph.baseAddress!, lda: n, x: v, incx: 1,
                                    beta: 0, y: py.baseAddress!, incy: 1)
                        var s = 0.0
                        for t in 0..<n { let d = py[t] - eig.eigenvalues[i] * v[t]; s += d * d }
                        worst = max(worst, s.squareRoot())
                    }
                }
            }
        }
        return worst
    }
}
