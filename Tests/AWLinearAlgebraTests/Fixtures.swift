import AWCore
import AWLinearAlgebra

/// Test fixtures built with plain Swift loops (an independent channel from BLAS/LAPACK).
enum Fixtures {
    static func gaussianMatrix(rows: Int, cols: Int, _ gen: inout SeededGenerator) -> Matrix<Double> {
        Matrix(rows: rows, cols: cols, data: (0..<(rows * cols)).map { _ in gen.nextGaussian() })
    }

    static func gaussianVector(_ n: Int, _ gen: inout SeededGenerator) -> [Double] {
        (0..<n).map { _ in gen.nextGaussian() }
    }

    /// op(A) op(B) with a naive triple loop, accumulated in Double.
    static func naiveProduct<T: BLASScalar>(_ a: Matrix<T>, transA: Bool, _ b: Matrix<T>, transB: Bool) -> [Double] {
        let m = transA ? a.cols : a.rows, k = transA ? a.rows : a.cols
        let n = transB ? b.rows : b.cols
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for l in 0..<k {
                    let x = transA ? a[l, i] : a[i, l]
                    let y = transB ? b[j, l] : b[l, j]
                    s += Double(x) * Double(y)
                }
                c[i * n + j] = s
            }
        }
        return c
    }

    /// sum_l |op(A)_il| |op(B)_lj|: the natural scale of the rounding error of entry (i, j).
    static func naiveAbsProduct<T: BLASScalar>(_ a: Matrix<T>, transA: Bool, _ b: Matrix<T>, transB: Bool) -> [Double] {
        let absA = Matrix<Double>(rows: a.rows, cols: a.cols, data: a.data.map { abs(Double($0)) })
        let absB = Matrix<Double>(rows: b.rows, cols: b.cols, data: b.data.map { abs(Double($0)) })
        return naiveProduct(absA, transA: transA, absB, transB: transB)
    }

    /// A random n x n orthogonal matrix: Q of a Householder QR of a Gaussian matrix (Swift loops).
    static func randomOrthogonal(_ n: Int, _ gen: inout SeededGenerator) -> Matrix<Double> {
        var a = gaussianMatrix(rows: n, cols: n, &gen)
        var reflectors: [[Double]] = []  // v_k (length n, zero above k), H_k = I - 2 v v^T / (v^T v)
        for k in 0..<n {
            var v = [Double](repeating: 0, count: n)
            var norm = 0.0
            for i in k..<n { v[i] = a[i, k]; norm += v[i] * v[i] }
            norm = norm.squareRoot()
            v[k] += v[k] >= 0 ? norm : -norm
            var vv = 0.0
            for i in k..<n { vv += v[i] * v[i] }
            if vv == 0 { reflectors.append(v); continue }
            for j in k..<n {
                var s = 0.0
                for i in k..<n { s += v[i] * a[i, j] }
                let f = 2 * s / vv
                for i in k..<n { a[i, j] -= f * v[i] }
            }
            reflectors.append(v)
        }
        // Q = H_0 H_1 ... H_{n-1}: apply to the identity from the right-most reflector.
        var q = Matrix<Double>.identity(n)
        for k in stride(from: n - 1, through: 0, by: -1) {
            let v = reflectors[k]
            var vv = 0.0
            for i in k..<n { vv += v[i] * v[i] }
            if vv == 0 { continue }
            for j in 0..<n {
                var s = 0.0
                for i in k..<n { s += v[i] * q[i, j] }
                let f = 2 * s / vv
                for i in k..<n { q[i, j] -= f * v[i] }
            }
        }
        return q
    }

    /// Q diag(lambda) Q^T with naive loops, exactly symmetrized.
    static func withSpectrum(_ lambda: [Double], _ q: Matrix<Double>) -> Matrix<Double> {
        let n = lambda.count
        var a = Matrix<Double>(rows: n, cols: n)
        for i in 0..<n {
            for j in i..<n {
                var s = 0.0
                for l in 0..<n { s += q[i, l] * lambda[l] * q[j, l] }
                a[i, j] = s
                a[j, i] = s
            }
        }
        return a
    }

    /// Wishart matrix X^T X / m with X m x n Gaussian (through BLAS; the same matrix goes to both solvers).
    static func wishart(n: Int, m: Int, _ gen: inout SeededGenerator) -> (a: Matrix<Double>, x: Matrix<Double>) {
        let x = gaussianMatrix(rows: m, cols: n, &gen)
        var a = Matrix<Double>(rows: n, cols: n)
        Matrix.gemm(x, transA: true, x, into: &a, alpha: 1 / Double(m))
        return (a.symmetrized, x)
    }

    /// ||A v - lambda v||_2 with a naive loop.
    static func residual(_ a: Matrix<Double>, _ v: [Double], _ lambda: Double) -> Double {
        let n = a.rows
        var s = 0.0
        for i in 0..<n {
            var r = -lambda * v[i]
            for j in 0..<n { r += a[i, j] * v[j] }
            s += r * r
        }
        return s.squareRoot()
    }

    /// max_{i,j} |<v_i, v_j> - delta_ij| over the rows of V (naive loops).
    static func orthonormalityError(_ v: Matrix<Double>) -> Double {
        var worst = 0.0
        for i in 0..<v.rows {
            for j in i..<v.rows {
                var s = 0.0
                for c in 0..<v.cols { s += v[i, c] * v[j, c] }
                worst = max(worst, abs(s - (i == j ? 1 : 0)))
            }
        }
        return worst
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }
}
