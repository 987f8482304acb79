import AWCore
@testable import AWLinearAlgebra
import AWTestSupport
import Testing

@Suite("Stochastic Lanczos quadrature and Hutchinson")
struct SpectralQuadratureTests {
    @Test func wishartDensityTraceAndSupport() throws {
        var gen = SeededGenerator(seed: 500)
        let n = 500
        let (a, _) = Fixtures.wishart(n: n, m: 1000, &gen)
        let exact = try SymmetricEigen.eigenvalues(a)
        let lmax = exact.first!, lmin = exact.last!
        let q = try StochasticLanczosQuadrature.run(DenseSymmetricOperator(a), probes: 30, steps: 80, generator: gen.derive("slq"))
        #expect(q.probes.count == 30 && q.dimension == n)
        for p in q.probes {
            #expect(p.steps == 80 && p.nodes.count == 80 && p.weights.count == 80)
            #expect(abs(p.weights.reduce(0, +) - 1) < 1e-12, "probe weights sum to \(p.weights.reduce(0, +))")
            #expect(p.weights.allSatisfy { $0 >= 0 })
        }
        #expect(abs(q.weights.reduce(0, +) - 1) < 1e-12)
        // Ritz values interlace: every node inside [lambda_min, lambda_max]
        let range = try #require(q.nodeRange)
        #expect(range.lowerBound >= lmin - 1e-10 * lmax && range.upperBound <= lmax + 1e-10 * lmax,
                "nodes \(range) vs spectrum [\(lmin), \(lmax)]")
        // the extreme Ritz values converge to the extreme eigenvalues with 80 steps
        #expect(abs(range.upperBound - lmax) < 1e-6 * lmax)
        // density integrates to 1, and its mass sits within [lambda_min, lambda_max] up to the broadening
        let sigma = 0.02 * (lmax - lmin)
        let (x, rho) = q.densityOnGrid(points: 4001, sigma: sigma, padding: 8)
        #expect(abs(SpectralDensity.trapezoid(x: x, y: rho) - 1) < 1e-6)
        let inside = zip(x, rho).filter { $0.0 >= lmin - 3 * sigma && $0.0 <= lmax + 3 * sigma }
        let insideMass = SpectralDensity.trapezoid(x: inside.map(\.0), y: inside.map(\.1))
        #expect(insideMass > 0.995, "mass within 3 sigma of the spectrum: \(insideMass)")
        // close to the broadened density of the exact eigenvalues (L1 distance)
        let exactRho = SpectralDensity.gaussian(nodes: exact, weights: Array(repeating: 1.0 / Double(n), count: n), at: x, sigma: sigma)
        let l1 = SpectralDensity.trapezoid(x: x, y: zip(rho, exactRho).map { abs($0 - $1) })
        #expect(l1 < 0.15, "L1 distance between SLQ and exact broadened densities: \(l1)")
        // trace estimates: tr A and tr A^2 within a few per cent (and within 4 standard errors)
        let trueTrace = exact.reduce(0, +)
        #expect(abs(q.traceEstimate - trueTrace) < 0.03 * trueTrace, "trace \(q.traceEstimate) vs \(trueTrace)")
        #expect(abs(q.traceEstimate - trueTrace) < 4 * q.traceStandardError(), "trace error vs standard error \(q.traceStandardError())")
        let trueTrace2 = exact.reduce(0) { $0 + $1 * $1 }
        let est2 = q.traceEstimate(of: { $0 * $0 })
        #expect(abs(est2 - trueTrace2) < 0.05 * trueTrace2, "tr A^2: \(est2) vs \(trueTrace2)")
    }

    /// Gauss quadrature with m nodes is exact for polynomials of degree <= 2m - 1: with m = 2 steps,
    /// each probe's n * sum tau theta^p equals z^T A^p z for p = 0...3 (checked with naive loops).
    @Test func quadratureIsExactForLowDegreePolynomials() throws {
        var gen = SeededGenerator(seed: 31)
        let n = 60
        let a = Fixtures.gaussianMatrix(rows: n, cols: n, &gen).symmetrized
        let generator = gen.derive("probes")
        let q = try StochasticLanczosQuadrature.run(DenseSymmetricOperator(a), probes: 3, steps: 2, generator: generator)
        var stream = generator
        var z = [Double](repeating: 0, count: n)
        for p in q.probes {
            z.withUnsafeMutableBufferPointer { StochasticLanczosQuadrature.fillRademacher($0.baseAddress!, n: n, &stream) }
            #expect(z.allSatisfy { $0 == 1 || $0 == -1 })
            var powers = [z]   // A^p z by naive loops
            for _ in 1...3 {
                let prev = powers.last!
                powers.append((0..<n).map { i in (0..<n).reduce(0.0) { $0 + a[i, $1] * prev[$1] } })
            }
            for deg in 0...3 {
                let exact = Fixtures.dot(z, powers[deg])
                var quad = 0.0
                for (x, w) in zip(p.nodes, p.weights) { quad += w * integerPower(x, deg) }
                quad *= Double(n)
                #expect(TestSupport.isClose(quad, exact, relative: 1e-10, absolute: 1e-10 * Double(n)),
                        "degree \(deg): quadrature \(quad) vs z^T A^p z = \(exact)")
            }
        }
    }

    /// n steps from one probe: the nodes are the eigenvalues, the weights the squared projections of the probe.
    @Test func fullStepsRecoverSpectrumAndWeights() throws {
        var gen = SeededGenerator(seed: 40)
        let n = 40
        let lambda = (0..<n).map { Double($0) * 0.25 - 3 }
        let qm = Fixtures.randomOrthogonal(n, &gen)
        let a = Fixtures.withSpectrum(lambda, qm)
        let generator = gen.derive("probe")
        let q = try StochasticLanczosQuadrature.run(DenseSymmetricOperator(a), probes: 1, steps: n, generator: generator)
        let p = q.probes[0]
        var stream = generator
        var z = [Double](repeating: 0, count: n)
        z.withUnsafeMutableBufferPointer { StochasticLanczosQuadrature.fillRademacher($0.baseAddress!, n: n, &stream) }
        let v = z.map { $0 / Double(n).squareRoot() }
        #expect(p.nodes.count == n)
        for (i, l) in lambda.enumerated() {
            let col = (0..<n).map { qm[$0, i] }
            let w = Fixtures.dot(col, v) * Fixtures.dot(col, v)
            let j = p.nodes.indices.min { abs(p.nodes[$0] - l) < abs(p.nodes[$1] - l) }!
            #expect(abs(p.nodes[j] - l) < 1e-9, "eigenvalue \(l): nearest node \(p.nodes[j])")
            #expect(abs(p.weights[j] - w) < 1e-9, "eigenvalue \(l): weight \(p.weights[j]) vs (q.v)^2 = \(w)")
        }
    }

    @Test func hutchinsonMatchesSLQAndIsExactOnDiagonals() throws {
        var gen = SeededGenerator(seed: 12)
        let n = 200
        let (a, _) = Fixtures.wishart(n: n, m: 300, &gen)
        let op = DenseSymmetricOperator(a)
        let g = gen.derive("probes")
        let h = try Hutchinson.trace(op, probes: 10, generator: g)
        let q = try StochasticLanczosQuadrature.run(op, probes: 10, steps: 15, generator: g)
        #expect(TestSupport.compare(q.probeTraceEstimates(of: { $0 }), h.samples, relative: 1e-10).passed)
        #expect(TestSupport.isClose(q.traceEstimate, h.trace, relative: 1e-10))
        #expect(TestSupport.isClose(q.traceStandardError(), h.standardError, relative: 1e-6))
        // z^T D z = tr D exactly for Rademacher z
        let d = (0..<n).map { Double($0 % 7) - 2.5 }
        let diag = ClosureSymmetricOperator(dimension: n) { x, y in for i in 0..<n { y[i] = d[i] * x[i] } }
        let hd = try Hutchinson.trace(diag, probes: 5, generator: g)
        #expect(hd.samples.allSatisfy { abs($0 - d.reduce(0, +)) < 1e-12 })
        #expect(hd.standardError < 1e-12)
    }

    @Test func determinismAndBreakdown() throws {
        var gen = SeededGenerator(seed: 13)
        let (a, _) = Fixtures.wishart(n: 150, m: 200, &gen)
        let op = DenseSymmetricOperator(a)
        let q1 = try StochasticLanczosQuadrature.run(op, probes: 4, steps: 30, generator: SeededGenerator(seed: 5))
        let q2 = try StochasticLanczosQuadrature.run(op, probes: 4, steps: 30, generator: SeededGenerator(seed: 5))
        #expect(q1 == q2)
        let q3 = try StochasticLanczosQuadrature.run(op, probes: 4, steps: 30, generator: SeededGenerator(seed: 6))
        #expect(q3 != q1)
        // identity: the Krylov space is one-dimensional, every probe stops after one step
        let id = ClosureSymmetricOperator(dimension: 30) { x, y in y.update(from: x, count: 30) }
        let qi = try StochasticLanczosQuadrature.run(id, probes: 3, steps: 10, generator: SeededGenerator(seed: 1))
        for p in qi.probes {
            #expect(p.steps == 1 && abs(p.nodes[0] - 1) < 1e-15 && abs(p.weights[0] - 1) < 1e-15)
        }
        #expect(abs(qi.traceEstimate - 30) < 1e-12)
        // steps above n are capped at n
        let small = try StochasticLanczosQuadrature.run(DenseSymmetricOperator(Fixtures.gaussianMatrix(rows: 5, cols: 5, &gen)),
                                                        probes: 1, steps: 50, generator: gen)
        #expect(small.probes[0].steps <= 5)
    }

    @Test func gaussianDensityHelpers() {
        let x = SpectralDensity.grid(from: -10, to: 10, points: 2001)
        #expect(x.count == 2001 && x.first == -10 && x.last == 10)
        #expect(abs(x[1000]) < 1e-12)
        let rho = SpectralDensity.gaussian(nodes: [-1, 0.5, 2], weights: [0.2, 0.3, 0.5], at: x, sigma: 0.3)
        #expect(abs(SpectralDensity.trapezoid(x: x, y: rho) - 1) < 1e-10)
        // a single unit mass at 0: the peak is 1 / (sigma sqrt(2 pi))
        let one = SpectralDensity.gaussian(nodes: [0], weights: [1], at: [0, 0.3], sigma: 0.3)
        #expect(abs(one[0] - 1 / (0.3 * (2 * Double.pi).squareRoot())) < 1e-14)
        #expect(abs(one[1] / one[0] - Libm.exp(-0.5)) < 1e-14)
        #expect(SpectralDensity.grid(from: 3, to: 4, points: 1) == [3])
    }

    @Test func invalidArgumentsThrow() {
        let op = DenseSymmetricOperator(Matrix<Double>.identity(4))
        #expect(throws: AWError.self) { try StochasticLanczosQuadrature.run(op, probes: 0, steps: 3, generator: SeededGenerator(seed: 1)) }
        #expect(throws: AWError.self) { try StochasticLanczosQuadrature.run(op, probes: 2, steps: 0, generator: SeededGenerator(seed: 1)) }
        #expect(throws: AWError.self) { try Hutchinson.trace(op, probes: 0, generator: SeededGenerator(seed: 1)) }
        let nanOp = ClosureSymmetricOperator(dimension: 4) { _, y in for i in 0..<4 { y[i] = .infinity } }
        #expect(throws: AWError.self) { try StochasticLanczosQuadrature.run(nanOp, probes: 1, steps: 2, generator: SeededGenerator(seed: 1)) }
    }
}

func integerPower(_ x: Double, _ p: Int) -> Double { (0..<p).reduce(1.0) { acc, _ in acc * x } }
