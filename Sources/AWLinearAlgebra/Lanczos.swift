import AWCore
import COpenBLAS

/// Thick-restart Lanczos (Wu & Simon 2000) with FULL reorthogonalisation for a few extreme
/// eigenpairs of a symmetric operator given only through products (`SymmetricOperator`).
///
/// - Start vector: standard normal entries from the given `SeededGenerator` (the caller's
///   generator is not advanced; the same generator gives a bitwise identical result for a fixed
///   BLAS thread count).
/// - Every new Lanczos vector is orthogonalised against the whole stored basis with classical
///   Gram-Schmidt applied twice, each pass two `dgemv` calls (BLAS-2, no Swift loops over n).
/// - After each step with at least k basis vectors, the projected matrix is diagonalised
///   (`dsyevd`) and the run stops when every wanted Ritz pair has |beta_m s_{m,i}| <=
///   tolerance * max|theta| (max over all current Ritz values, an estimate of ||A||).
/// - When the basis reaches `maxSubspace` vectors it is restarted with the best
///   p = k + (maxSubspace - k) / 2 Ritz vectors (thick restart); the run ends after
///   `maxIterations` steps at the latest (`converged == false` then). With maxSubspace == n no
///   restart happens and the run is exact after n steps.
/// - On an exact breakdown (beta ~ 0: an invariant subspace was found) the process continues
///   from a fresh random vector orthogonal to the basis, so operators with few distinct
///   eigenvalues (e.g. the identity) are handled.
/// - Memory: (maxSubspace + 1) * n Doubles for the basis plus k * n for the result.
/// Limitation (single-vector Lanczos): the multiplicity of an exactly repeated eigenvalue may be
/// under-resolved — a repeated wanted eigenvalue can be returned once and the next one in its place.
public enum Lanczos {
    /// Default basis size before a thick restart: min(n, max(3k + 20, 2k + 60)).
    public static func defaultMaxSubspace(k: Int, n: Int) -> Int { min(n, max(3 * k + 20, 2 * k + 60)) }

    /// Default step budget: n if the whole space fits in the basis, else 10 * maxSubspace.
    public static func defaultMaxIterations(maxSubspace: Int, n: Int) -> Int {
        maxSubspace >= n ? n : 10 * maxSubspace
    }

    /// The k wanted eigenpairs of `op` (top-k largest algebraic by default).
    /// - Parameters:
    ///   - k: number of pairs, 1...n.
    ///   - target: which end of the spectrum (and the order of the result).
    ///   - tolerance: relative Ritz-residual tolerance (see above); > 0.
    ///   - maxIterations: Lanczos step budget (>= k); default `defaultMaxIterations`.
    ///   - maxSubspace: basis size before restart; raised to min(n, k + 2); default `defaultMaxSubspace`.
    ///   - generator: source of the random start vector (and of fresh vectors after a breakdown).
    /// - Throws: `AWError(.invalidInput)` for bad arguments, `AWError(.numerical)` if the operator
    ///   returns a non-finite vector, LAPACK failures as `AWError` naming the routine and info.
    public static func eigenpairs<Op: SymmetricOperator>(
        of op: Op, count k: Int, target: EigenTarget = .largestAlgebraic, tolerance: Double = 1e-10,
        maxIterations: Int? = nil, maxSubspace: Int? = nil, generator: SeededGenerator
    ) throws -> LanczosResult {
        let n = op.dimension
        guard n >= 1 else { throw AWError(.invalidInput, "Lanczos: operator dimension is \(n), expected at least 1") }
        guard k >= 1 && k <= n else { throw AWError(.invalidInput, "Lanczos: k = \(k) eigenpairs requested, allowed 1...\(n) (the dimension)") }
        guard tolerance > 0 && tolerance.isFinite else { throw AWError(.invalidInput, "Lanczos: tolerance = \(tolerance), expected a finite value > 0") }
        if let s = maxSubspace, s < 1 { throw AWError(.invalidInput, "Lanczos: maxSubspace = \(s), expected >= 1") }
        let m = min(n, max(maxSubspace ?? defaultMaxSubspace(k: k, n: n), k + 2))
        let maxIter = maxIterations ?? defaultMaxIterations(maxSubspace: m, n: n)
        guard maxIter >= k else { throw AWError(.invalidInput, "Lanczos: maxIterations = \(maxIter), expected at least k = \(k)") }

        var gen = generator
        let basis = KrylovBasis(n: n, capacity: m + 1)
        basis.fillGaussian(basis.row(0), &gen)
        basis.scale(basis.row(0), by: 1 / basis.norm(basis.row(0)))

        var t = [Double](repeating: 0, count: m * m)  // projected matrix, leading dimension m
        var j = 0                                       // index of the vector being expanded
        var iterations = 0, restarts = 0
        var anorm = 0.0
        let breakdownFactor = Double(max(n, 100)).squareRoot() * Double.ulpOfOne

        while true {
            let v = basis.row(j), w = basis.row(j + 1)
            op.apply(v, w)
            iterations += 1
            let aNormV = basis.norm(w)
            guard aNormV.isFinite else {
                throw AWError(.numerical, "Lanczos: the operator returned a non-finite vector at step \(iterations) (n = \(n))")
            }
            anorm = max(anorm, aNormV)
            let alpha = basis.orthogonalize(w, against: j + 1)
            t[j * m + j] = alpha
            var beta = basis.norm(w)
            let size = j + 1
            if beta <= breakdownFactor * anorm {
                // Invariant subspace: continue from a fresh random direction (coupling 0).
                beta = 0
                if size < n { try freshDirection(w, basis: basis, count: size, generator: &gen) }
            } else {
                basis.scale(w, by: 1 / beta)
            }
            if size < m {
                t[j * m + j + 1] = beta
                t[(j + 1) * m + j] = beta
            }

            if size >= k {
                let (theta, s) = try projectedEigen(t, m: m, size: size)
                let sel = target.select(theta, count: k)
                let normEst = theta.reduce(0) { max($0, abs($1)) }
                let est = sel.map { abs(beta * s[$0 * size + size - 1]) }
                let converged = est.allSatisfy { $0 <= tolerance * normEst }
                if converged || size == n || iterations >= maxIter {
                    return finish(op, basis: basis, size: size, theta: theta, s: s, sel: sel, estimates: est,
                                  converged: converged, iterations: iterations, restarts: restarts, m: m,
                                  tolerance: tolerance, target: target)
                }
                if size == m {
                    // Thick restart with the p best Ritz vectors; the residual vector becomes row p.
                    let p = max(k, min(m - 1, k + (m - k) / 2))
                    let keep = target.select(theta, count: p)
                    var c = [Double](repeating: 0, count: p * size)
                    for (r, i) in keep.enumerated() {
                        for col in 0..<size { c[r * size + col] = s[i * size + col] }
                    }
                    basis.combineRows(c, p: p, count: size)
                    basis.row(p).update(from: basis.row(size), count: n)
                    for idx in 0..<(m * m) { t[idx] = 0 }
                    for (r, i) in keep.enumerated() {
                        t[r * m + r] = theta[i]
                        let coupling = beta * s[i * size + size - 1]
                        t[r * m + p] = coupling
                        t[p * m + r] = coupling
                    }
                    j = p
                    restarts += 1
                    continue
                }
            }
            j += 1
        }
    }

    /// Eigen-decomposition of the leading size x size block of the projected matrix:
    /// values ascending, vectors as rows (row i, length size).
    static func projectedEigen(_ t: [Double], m: Int, size: Int) throws -> ([Double], [Double]) {
        var a = [Double](repeating: 0, count: size * size)
        for r in 0..<size { for c in 0..<size { a[r * size + c] = t[r * m + c] } }
        let values = try a.withUnsafeMutableBufferPointer { p in
            try LAPACK.dsyevd(n: size, a: p.baseAddress!, vectors: true)
        }
        return (values, a)
    }

    /// A unit random vector orthogonal to rows 0..<count, written to `w`.
    static func freshDirection(_ w: UnsafeMutablePointer<Double>, basis: KrylovBasis, count: Int,
                               generator: inout SeededGenerator) throws {
        for _ in 0..<10 {
            basis.fillGaussian(w, &generator)
            let before = basis.norm(w)
            basis.orthogonalize(w, against: count)
            let after = basis.norm(w)
            if after > 1e-8 * before {
                basis.scale(w, by: 1 / after)
                return
            }
        }
        throw AWError(.numerical, "Lanczos: could not find a direction orthogonal to \(count) basis vectors in dimension \(basis.n)")
    }

    static func finish<Op: SymmetricOperator>(
        _ op: Op, basis: KrylovBasis, size: Int, theta: [Double], s: [Double], sel: [Int], estimates: [Double],
        converged: Bool, iterations: Int, restarts: Int, m: Int, tolerance: Double, target: EigenTarget
    ) -> LanczosResult {
        let n = basis.n, k = sel.count
        var c = [Double](repeating: 0, count: k * size)
        for (r, i) in sel.enumerated() { for col in 0..<size { c[r * size + col] = s[i * size + col] } }
        var vectors = Matrix<Double>(rows: k, cols: n)
        var residuals = [Double](repeating: 0, count: k)
        let values = sel.map { theta[$0] }
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: n)
        defer { scratch.deallocate() }
        c.withUnsafeBufferPointer { pc in
            vectors.data.withUnsafeMutableBufferPointer { pv in
                let y = pv.baseAddress!
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, blasint(k), blasint(n), blasint(size), 1,
                            pc.baseAddress!, blasint(size), basis.storage, blasint(n), 0, y, blasint(n))
                for r in 0..<k {
                    let row = y + r * n
                    let nr = cblas_dnrm2(blasint(n), row, 1)
                    if nr > 0 { cblas_dscal(blasint(n), 1 / nr, row, 1) }
                    normalizeSign(row, n)
                    op.apply(UnsafePointer(row), scratch)
                    cblas_daxpy(blasint(n), -values[r], row, 1, scratch, 1)
                    residuals[r] = cblas_dnrm2(blasint(n), scratch, 1)
                }
            }
        }
        return LanczosResult(eigenvalues: values, eigenvectors: vectors, residualNorms: residuals,
                             estimatedResiduals: estimates, converged: converged, iterations: iterations,
                             operatorApplications: iterations + k, restarts: restarts, maxSubspace: m,
                             tolerance: tolerance, target: target)
    }
}
