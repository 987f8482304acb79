import AWCore
@testable import AWLinearAlgebra
import AWTestSupport
import Testing

@Suite("SymmetricEigen (dsyevd)")
struct SymmetricEigenTests {
    /// Checks shared by every decomposition: sorted descending, residuals, orthonormality (naive loops).
    func checkDecomposition(_ e: SymmetricEigen, of a: Matrix<Double>, residualTolerance: Double,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        let n = a.rows
        #expect(e.eigenvalues.count == n, sourceLocation: sourceLocation)
        #expect(e.eigenvectors.rows == n && e.eigenvectors.cols == n, sourceLocation: sourceLocation)
        #expect(zip(e.eigenvalues, e.eigenvalues.dropFirst()).allSatisfy { $0 >= $1 }, "not descending", sourceLocation: sourceLocation)
        let scale = max(e.eigenvalues.map(abs).max() ?? 1, 1e-300)
        var worst = 0.0
        for i in 0..<n { worst = max(worst, Fixtures.residual(a, e.eigenvector(i), e.eigenvalues[i]) / scale) }
        #expect(worst <= residualTolerance, "max ||Av - lambda v|| / max|lambda| = \(worst)", sourceLocation: sourceLocation)
        let orth = Fixtures.orthonormalityError(e.eigenvectors)
        #expect(orth <= 1e-12, "orthonormality error \(orth)", sourceLocation: sourceLocation)
        // sign convention: the entry of largest magnitude is positive
        for i in 0..<n {
            let v = e.eigenvector(i)
            let big = v.indices.max { abs(v[$0]) < abs(v[$1]) || (abs(v[$0]) == abs(v[$1]) && $0 > $1) }!
            #expect(v[big] > 0, "eigenvector \(i) sign convention", sourceLocation: sourceLocation)
        }
    }

    @Test func twoByTwoClosedForm() throws {
        for (a, b, c) in [(2.0, 1.0, 2.0), (1.0, -3.0, 5.0), (-4.0, 0.5, 7.5), (3.0, 0.0, -1.0)] {
            let m = Matrix<Double>([[a, b], [b, c]])
            let e = try SymmetricEigen(m)
            let mean = (a + c) / 2, r = (((a - c) / 2) * ((a - c) / 2) + b * b).squareRoot()
            #expect(TestSupport.compare(e.eigenvalues, [mean + r, mean - r], relative: 1e-14, absolute: 1e-15).passed,
                    "\(e.eigenvalues) vs \([mean + r, mean - r])")
            // eigenvector of lambda_1: (b, lambda_1 - a) normalized (or e_1 when b = 0 and a is the larger)
            var v = b != 0 ? [b, mean + r - a] : (a >= c ? [1.0, 0.0] : [0.0, 1.0])
            let nv = (v[0] * v[0] + v[1] * v[1]).squareRoot()
            v = v.map { $0 / nv }
            let align = abs(Fixtures.dot(v, e.eigenvector(0)))
            #expect(abs(align - 1) < 1e-14, "eigenvector alignment \(align)")
            checkDecomposition(e, of: m, residualTolerance: 1e-15)
        }
    }

    @Test func identityAndDiagonal() throws {
        let e = try SymmetricEigen(Matrix<Double>.identity(17))
        #expect(e.eigenvalues == [Double](repeating: 1, count: 17))
        checkDecomposition(e, of: .identity(17), residualTolerance: 1e-15)

        let d: [Double] = [3, -1, 7, 0, 2.5]
        var m = Matrix<Double>(rows: 5, cols: 5)
        for i in 0..<5 { m[i, i] = d[i] }
        let ed = try SymmetricEigen(m)
        #expect(ed.eigenvalues == [7, 3, 2.5, 0, -1])
        // eigenvectors are +e_i (sign convention) in the sorted order
        for (r, i) in [2, 0, 4, 3, 1].enumerated() {
            var unit = [Double](repeating: 0, count: 5); unit[i] = 1
            #expect(ed.eigenvector(r) == unit)
        }
    }

    @Test func knownSpectrumWithRepeatedAndNegativeEigenvalues() throws {
        var gen = SeededGenerator(seed: 2024)
        let n = 120
        let q = Fixtures.randomOrthogonal(n, &gen)
        #expect(Fixtures.orthonormalityError(q.transposed) < 1e-13)
        // repeated (5 x4, 0 x10, -2 x3), negative, and a spread of distinct values
        var lambda: [Double] = Array(repeating: 5, count: 4) + Array(repeating: 0, count: 10) + Array(repeating: -2, count: 3)
        lambda += (0..<(n - lambda.count)).map { Double($0) * 0.37 - 11.3 }
        lambda.swapAt(0, 50); lambda.swapAt(3, 99)   // unsorted input order
        let a = Fixtures.withSpectrum(lambda, q)
        let e = try SymmetricEigen(a)
        let expected = lambda.sorted(by: >)
        let cmp = TestSupport.compare(e.eigenvalues, expected, relative: 0, absolute: 1e-12 * 30)
        #expect(cmp.passed, "\(cmp)")
        checkDecomposition(e, of: a, residualTolerance: 1e-13)
        // the eigenspace of the repeated eigenvalue 5 is the span of the matching columns of Q
        let idx5 = lambda.indices.filter { lambda[$0] == 5 }
        let rows5 = e.eigenvalues.indices.filter { abs(e.eigenvalues[$0] - 5) < 1e-9 }
        #expect(rows5.count == 4)
        for r in rows5 {
            let v = e.eigenvector(r)
            var proj = 0.0
            for c in idx5 { let col = (0..<n).map { q[$0, c] }; let d = Fixtures.dot(v, col); proj += d * d }
            #expect(abs(proj - 1) < 1e-12, "eigenvector in the 5-eigenspace: squared projection \(proj)")
        }
        // values-only agrees with the full decomposition
        let values = try SymmetricEigen.eigenvalues(a)
        #expect(TestSupport.compare(values, e.eigenvalues, relative: 0, absolute: 1e-12 * 30).passed)
        // reconstruction V^T diag(lambda) V gives back A
        let back = e.reconstruct()
        #expect(TestSupport.compare(back, a, relative: 0, absolute: 1e-12 * 30).passed)
    }

    @Test func symmetrizesFirst() throws {
        var gen = SeededGenerator(seed: 7)
        let n = 40
        let b = Fixtures.gaussianMatrix(rows: n, cols: n, &gen)   // not symmetric
        let s = b.symmetrized
        #expect(b.asymmetry > 0.1)
        let eb = try SymmetricEigen(b), es = try SymmetricEigen(s, symmetrize: false)
        #expect(eb == es)
        checkDecomposition(eb, of: s, residualTolerance: 1e-13)
        // symmetrize: false reads only the row-major upper triangle (j >= i)
        var upper = s
        for i in 0..<n { for j in 0..<i { upper[i, j] = 1e6 } }
        #expect(try SymmetricEigen(upper, symmetrize: false) == es)
    }

    @Test func floatConveniencePromotesToDouble() throws {
        var gen = SeededGenerator(seed: 8)
        let n = 30
        let f = Matrix<Float>(rows: n, cols: n, data: (0..<(n * n)).map { _ in Float(gen.nextGaussian()) }).symmetrized
        let e32 = try SymmetricEigen(f)
        let e64 = try SymmetricEigen(f.converted(to: Double.self))
        #expect(e32 == e64)   // promotion is exact, so the results are identical
        #expect(try SymmetricEigen.eigenvalues(f) == SymmetricEigen.eigenvalues(f.converted(to: Double.self)))
    }

    @Test func edgeSizes() throws {
        let e0 = try SymmetricEigen(Matrix<Double>(rows: 0, cols: 0))
        #expect(e0.eigenvalues.isEmpty && e0.eigenvectors.count == 0)
        let e1 = try SymmetricEigen(Matrix<Double>([[-3.5]]))
        #expect(e1.eigenvalues == [-3.5] && e1.eigenvectors.data == [1])
        #expect(try SymmetricEigen.eigenvalues(Matrix<Double>([[2]])) == [2])
    }

    @Test func errors() throws {
        #expect(throws: AWError.self) { try SymmetricEigen(Matrix<Double>(rows: 2, cols: 3)) }
        var m = Matrix<Double>.identity(3)
        m[1, 2] = .nan
        do {
            _ = try SymmetricEigen(m)
            Issue.record("NaN input did not throw")
        } catch let e as AWError {
            #expect(e.kind == .numerical)
            #expect(e.message.contains("(1, 2)"))
        }
        // LAPACK info -> error naming the routine and info
        do {
            try LAPACK.check(3, routine: "LAPACKE_dsyevd_work", n: 10)
            Issue.record("info 3 did not throw")
        } catch let e as AWError {
            #expect(e.kind == .numerical && e.message.contains("LAPACKE_dsyevd_work") && e.message.contains("info = 3"))
        }
        do {
            try LAPACK.check(-4, routine: "LAPACKE_dstev", n: 5)
            Issue.record("info -4 did not throw")
        } catch let e as AWError {
            #expect(e.kind == .library && e.message.contains("LAPACKE_dstev") && e.message.contains("info = -4"))
        }
        try LAPACK.check(0, routine: "x", n: 1)
    }

    /// A larger random symmetric matrix, checked with BLAS products (gemm is tested separately).
    @Test func randomSymmetric900() throws {
        var gen = SeededGenerator(seed: 900)
        let n = 900
        let a = Fixtures.gaussianMatrix(rows: n, cols: n, &gen).symmetrized
        let e = try SymmetricEigen(a)
        // A V^T - V^T diag(lambda): column i is A v_i - lambda_i v_i
        var av = Matrix.product(a, e.eigenvectors, transB: true)
        for r in 0..<n { for c in 0..<n { av.data[r * n + c] -= e.eigenvalues[c] * e.eigenvectors.data[c * n + r] } }
        let lmax = e.eigenvalues.map(abs).max()!
        let resid = av.data.map(abs).max()!
        #expect(resid / lmax < 1e-12, "max entry of AV - V Lambda over max|lambda|: \(resid / lmax)")
        var g = Matrix.product(e.eigenvectors, e.eigenvectors, transB: true)
        for i in 0..<n { g.data[i * n + i] -= 1 }
        let orth = g.data.map(abs).max()!
        #expect(orth < 1e-12, "V V^T - I: \(orth)")
        #expect(try TestSupport.compare(SymmetricEigen.eigenvalues(a), e.eigenvalues, relative: 0, absolute: 1e-11 * lmax).passed)
        // trace and Frobenius norm are preserved
        var tr = 0.0
        for i in 0..<n { tr += a[i, i] }
        #expect(abs(e.eigenvalues.reduce(0, +) - tr) < 1e-10 * Double(n) * lmax)
        let fro2 = e.eigenvalues.reduce(0) { $0 + $1 * $1 }
        #expect(TestSupport.isClose(fro2, a.frobeniusNorm * a.frobeniusNorm, relative: 1e-12))
    }
}
