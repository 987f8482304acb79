import AWCore
import AWLinearAlgebra
import AWTestSupport
import Testing

@Suite("Lanczos (thick restart, full reorthogonalisation)")
struct LanczosTests {
    /// Lanczos on a Wishart matrix against dsyevd: eigenvalues, residuals, orthonormality, alignment.
    func checkAgainstDense(n: Int, m: Int, k: Int, seed: UInt64) throws {
        var gen = SeededGenerator(seed: seed)
        let (a, _) = Fixtures.wishart(n: n, m: m, &gen)
        let dense = try SymmetricEigen(a, symmetrize: false)
        let op = DenseSymmetricOperator(a, symmetrize: false)
        let r = try Lanczos.eigenpairs(of: op, count: k, generator: gen.derive("lanczos"))
        #expect(r.converged, "not converged after \(r.iterations) steps, estimates \(r.estimatedResiduals)")
        #expect(r.count == k && r.eigenvectors.rows == k && r.eigenvectors.cols == n)
        let top = Array(dense.eigenvalues.prefix(k))
        let cmp = TestSupport.compare(r.eigenvalues, top, relative: 1e-8)
        #expect(cmp.passed, "top-\(k) eigenvalues vs dsyevd: \(cmp)")
        #expect(zip(r.eigenvalues, r.eigenvalues.dropFirst()).allSatisfy { $0 >= $1 }, "not descending")
        let lmax = dense.eigenvalues[0]
        for i in 0..<k {
            let naive = Fixtures.residual(a, r.eigenvector(i), r.eigenvalues[i])
            #expect(naive <= 1e-8 * lmax, "pair \(i): ||Av - theta v|| = \(naive)")
            // the reported explicit residual is the same quantity
            #expect(abs(r.residualNorms[i] - naive) <= 1e-12 * lmax, "reported residual \(r.residualNorms[i]) vs \(naive)")
        }
        let orth = Fixtures.orthonormalityError(r.eigenvectors)
        #expect(orth < 1e-10, "orthonormality error \(orth)")
        // eigenvectors agree with dsyevd's where the eigenvalue is separated (sin theta <= resid / gap)
        for i in 0..<k {
            let gap = min(i > 0 ? dense.eigenvalues[i - 1] - dense.eigenvalues[i] : .infinity,
                          dense.eigenvalues[i] - dense.eigenvalues[i + 1])
            guard gap > 1e-4 * lmax else { continue }
            let align = abs(Fixtures.dot(r.eigenvector(i), dense.eigenvector(i)))
            #expect(align > 1 - 1e-8, "pair \(i): |<v_lanczos, v_dsyevd>| = \(align), gap \(gap)")
        }
        #expect(r.operatorApplications == r.iterations + k)
    }

    @Test func wishart300TopTen() throws { try checkAgainstDense(n: 300, m: 600, k: 10, seed: 300) }
    @Test func wishart1000TopTwenty() throws { try checkAgainstDense(n: 1000, m: 1500, k: 20, seed: 1000) }

    @Test func sameSeedBitwiseDifferentSeedSameEigenvalues() throws {
        var gen = SeededGenerator(seed: 55)
        let (a, x) = Fixtures.wishart(n: 500, m: 700, &gen)
        let op = GramOperator(x, scale: 1 / 700)
        let r1 = try Lanczos.eigenpairs(of: op, count: 12, generator: SeededGenerator(seed: 1))
        let r2 = try Lanczos.eigenpairs(of: op, count: 12, generator: SeededGenerator(seed: 1))
        #expect(r1 == r2)                                   // bitwise: values, vectors, residuals, counts
        #expect(r1.eigenvectors.data == r2.eigenvectors.data)
        let r3 = try Lanczos.eigenpairs(of: op, count: 12, generator: SeededGenerator(seed: 2))
        #expect(r3.eigenvectors.data != r1.eigenvectors.data)   // a different start really was used
        let cmp = TestSupport.compare(r3.eigenvalues, r1.eigenvalues, relative: 1e-9)
        #expect(cmp.passed, "\(cmp)")
        // and both agree with the dense solver on the explicitly formed matrix
        let dense = try SymmetricEigen.eigenvalues(a)
        #expect(TestSupport.compare(r1.eigenvalues, Array(dense.prefix(12)), relative: 1e-8).passed)
    }

    /// A 20,000-dimensional matrix-free operator with a known spectrum.
    @Test func matrixFreeKnownSpectrum() throws {
        var gen = SeededGenerator(seed: 42)
        let top: [Double] = [10, 9, 8.5, 8, 7.2, 7, 6.5, 6]
        let bottom: [Double] = [-12, -9.7, -9.1, -8.2]   // no |lambda| ties with the top (ill-posed order)
        let bulkCount = 20_000 - top.count - bottom.count
        var lambda = (0..<bulkCount).map { -4 + 9 * Double($0) / Double(bulkCount - 1) }   // bulk in [-4, 5]
        lambda.insert(contentsOf: top, at: 5000)
        lambda.insert(contentsOf: bottom, at: 123)
        let op = KnownSpectrumOperator(lambda: lambda, &gen)

        let r = try Lanczos.eigenpairs(of: op, count: 8, generator: gen.derive("start"))
        #expect(r.converged)
        let cmp = TestSupport.compare(r.eigenvalues, top, relative: 1e-10)
        #expect(cmp.passed, "\(cmp)")
        for i in 0..<8 {
            let idx = lambda.firstIndex(of: top[i])!
            let align = abs(Fixtures.dot(r.eigenvector(i), op.eigenvector(idx)))
            #expect(align > 1 - 1e-9, "pair \(i): alignment with Q e_\(idx) is \(align)")
            #expect(r.residualNorms[i] < 1e-8 * 12)
        }
        #expect(Fixtures.orthonormalityError(r.eigenvectors) < 1e-10)

        let s = try Lanczos.eigenpairs(of: op, count: 4, target: .smallestAlgebraic, generator: gen.derive("small"))
        #expect(s.converged)
        #expect(TestSupport.compare(s.eigenvalues, bottom, relative: 1e-10).passed, "\(s.eigenvalues)")

        let g = try Lanczos.eigenpairs(of: op, count: 6, target: .largestMagnitude, generator: gen.derive("mag"))
        #expect(g.converged)
        #expect(TestSupport.compare(g.eigenvalues, [-12, 10, -9.7, -9.1, 9, 8.5], relative: 1e-10).passed, "\(g.eigenvalues)")
    }

    /// The identity has one distinct eigenvalue: the Krylov space breaks down after one step and the
    /// solver must continue from fresh random directions.
    @Test func identityBreakdown() throws {
        let op = ClosureSymmetricOperator(dimension: 50) { x, y in y.update(from: x, count: 50) }
        let r = try Lanczos.eigenpairs(of: op, count: 3, generator: SeededGenerator(seed: 3))
        #expect(r.converged)
        #expect(TestSupport.compare(r.eigenvalues, [1, 1, 1], relative: 1e-14).passed, "\(r.eigenvalues)")
        #expect(Fixtures.orthonormalityError(r.eigenvectors) < 1e-13)
        #expect(r.residualNorms.allSatisfy { $0 < 1e-14 })
        #expect(r.iterations == 3)
    }

    /// Whole space in the basis (n <= subspace): exact, and equal to dsyevd.
    @Test func smallDimensionIsExact() throws {
        var gen = SeededGenerator(seed: 6)
        let n = 6
        let a = Fixtures.gaussianMatrix(rows: n, cols: n, &gen).symmetrized
        let dense = try SymmetricEigen(a)
        let r = try Lanczos.eigenpairs(of: DenseSymmetricOperator(a), count: n, generator: gen)
        #expect(r.converged && r.restarts == 0 && r.iterations <= n)
        #expect(TestSupport.compare(r.eigenvalues, dense.eigenvalues, relative: 1e-12, absolute: 1e-13).passed)
        #expect(TestSupport.compare(r.eigenvectors, dense.eigenvectors, relative: 0, absolute: 1e-10).passed)  // same sign convention
    }

    /// A small basis forces thick restarts; the answer must not change.
    @Test func thickRestartConverges() throws {
        var gen = SeededGenerator(seed: 77)
        let (a, _) = Fixtures.wishart(n: 400, m: 800, &gen)
        let dense = try SymmetricEigen.eigenvalues(a)
        let r = try Lanczos.eigenpairs(of: DenseSymmetricOperator(a), count: 5, maxIterations: 5000, maxSubspace: 12,
                                       generator: gen.derive("restart"))
        #expect(r.restarts > 0)
        #expect(r.maxSubspace == 12)
        #expect(r.converged)
        #expect(TestSupport.compare(r.eigenvalues, Array(dense.prefix(5)), relative: 1e-8).passed, "\(r.eigenvalues)")
        #expect(r.residualNorms.allSatisfy { $0 < 1e-8 * dense[0] }, "\(r.residualNorms)")
        #expect(Fixtures.orthonormalityError(r.eigenvectors) < 1e-10)
    }

    @Test func budgetExhaustedReportsNotConverged() throws {
        var gen = SeededGenerator(seed: 88)
        let (a, _) = Fixtures.wishart(n: 400, m: 800, &gen)
        let r = try Lanczos.eigenpairs(of: DenseSymmetricOperator(a), count: 5, maxIterations: 8, generator: gen)
        #expect(!r.converged)
        #expect(r.iterations == 8 && r.operatorApplications == 13)
        #expect(r.residualNorms.count == 5 && r.residualNorms.allSatisfy { $0 > 0 && $0.isFinite })
    }

    @Test func gramOperatorMatchesDenseProduct() throws {
        var gen = SeededGenerator(seed: 9)
        let (a, x) = Fixtures.wishart(n: 37, m: 23, &gen)
        let gram = GramOperator(x, scale: 1.0 / 23)
        let v = Fixtures.gaussianVector(37, &gen)
        let y1 = gram.apply(v), y2 = DenseSymmetricOperator(a).apply(v)
        #expect(TestSupport.compare(y1, y2, relative: 1e-12, absolute: 1e-13).passed)
        #expect(TestSupport.compare(gram.denseMatrix(), a, relative: 1e-12, absolute: 1e-14).passed)
    }

    @Test func invalidArgumentsThrow() {
        let op = DenseSymmetricOperator(Matrix<Double>.identity(5))
        #expect(throws: AWError.self) { try Lanczos.eigenpairs(of: op, count: 0, generator: SeededGenerator(seed: 1)) }
        #expect(throws: AWError.self) { try Lanczos.eigenpairs(of: op, count: 6, generator: SeededGenerator(seed: 1)) }
        #expect(throws: AWError.self) { try Lanczos.eigenpairs(of: op, count: 2, tolerance: 0, generator: SeededGenerator(seed: 1)) }
        #expect(throws: AWError.self) { try Lanczos.eigenpairs(of: op, count: 3, maxIterations: 2, generator: SeededGenerator(seed: 1)) }
        let nanOp = ClosureSymmetricOperator(dimension: 4) { _, y in for i in 0..<4 { y[i] = .nan } }
        #expect(throws: AWError.self) { try Lanczos.eigenpairs(of: nanOp, count: 1, generator: SeededGenerator(seed: 1)) }
    }
}
