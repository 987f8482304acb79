import AWCore

/// Stochastic Lanczos quadrature (Ubaru, Chen & Saad 2017; Ghorbani et al. 2019) for the
/// spectral density of a symmetric operator.
///
/// For each of `probes` Rademacher vectors z (entries +-1 from the `SeededGenerator`), run
/// `steps` Lanczos steps from v = z / sqrt(n) with FULL reorthogonalisation (Gram-Schmidt twice
/// against the probe's own basis, BLAS-2), then diagonalise the tridiagonal matrix with
/// `LAPACKE_dstev`: nodes = Ritz values, weights = squared first components of its eigenvectors.
/// A probe stops early on breakdown (beta ~ 0): its Krylov space is invariant and its rule exact.
/// Probes run one after the other; memory is (steps + 1) * n Doubles. Same generator -> bitwise
/// same result (fixed BLAS thread count). The caller's generator is not advanced.
public enum StochasticLanczosQuadrature {
    /// - Parameters:
    ///   - probes: number of random probe vectors (>= 1).
    ///   - steps: Lanczos steps per probe (>= 1; capped at n).
    /// - Throws: `AWError(.invalidInput)` for bad arguments, `AWError(.numerical)` for a non-finite
    ///   operator output, LAPACK failures as `AWError` naming the routine and info.
    public static func run<Op: SymmetricOperator>(
        _ op: Op, probes: Int, steps: Int, generator: SeededGenerator
    ) throws -> SpectralQuadrature {
        let n = op.dimension
        guard n >= 1 else { throw AWError(.invalidInput, "SLQ: operator dimension is \(n), expected at least 1") }
        guard probes >= 1 else { throw AWError(.invalidInput, "SLQ: probes = \(probes), expected >= 1") }
        guard steps >= 1 else { throw AWError(.invalidInput, "SLQ: steps = \(steps), expected >= 1") }
        let m = min(steps, n)
        var gen = generator
        let basis = KrylovBasis(n: n, capacity: m + 1)
        let breakdownFactor = Double(max(n, 100)).squareRoot() * Double.ulpOfOne
        var rules: [SpectralQuadrature.Probe] = []
        rules.reserveCapacity(probes)
        for probe in 0..<probes {
            fillRademacher(basis.row(0), n: n, &gen)
            basis.scale(basis.row(0), by: 1 / Double(n).squareRoot())
            var alphas: [Double] = [], betas: [Double] = []
            var anorm = 0.0
            for j in 0..<m {
                let w = basis.row(j + 1)
                op.apply(basis.row(j), w)
                let an = basis.norm(w)
                guard an.isFinite else {
                    throw AWError(.numerical, "SLQ: the operator returned a non-finite vector (probe \(probe), step \(j + 1), n = \(n))")
                }
                anorm = max(anorm, an)
                alphas.append(basis.orthogonalize(w, against: j + 1))
                if j == m - 1 { break }
                let beta = basis.norm(w)
                if beta <= breakdownFactor * anorm { break }
                betas.append(beta)
                basis.scale(w, by: 1 / beta)
            }
            let (nodes, vectors) = try LAPACK.dstev(diagonal: alphas, offDiagonal: betas)
            let s = nodes.count
            let weights = (0..<s).map { i in vectors[i * s] * vectors[i * s] }
            rules.append(.init(nodes: nodes, weights: weights, steps: s))
        }
        return SpectralQuadrature(dimension: n, probes: rules)
    }

    /// n entries +-1 (64 signs per random word).
    static func fillRademacher(_ v: UnsafeMutablePointer<Double>, n: Int, _ gen: inout SeededGenerator) {
        var i = 0
        while i < n {
            var bits = gen.next()
            for _ in 0..<min(64, n - i) {
                v[i] = (bits & 1) == 0 ? 1 : -1
                bits >>= 1
                i += 1
            }
        }
    }
}
