import AWCore

/// Hutchinson's trace estimator tr A ~ (1/p) sum_l z_l^T A z_l with Rademacher z_l (entries +-1,
/// the same probe stream as `StochasticLanczosQuadrature.run` for the same generator). One operator
/// application per probe. Exact for diagonal matrices.
public enum Hutchinson {
    public struct Estimate: Sendable, Equatable {
        /// The mean of `samples`.
        public let trace: Double
        /// Sample std / sqrt(probes) (0 for one probe).
        public let standardError: Double
        /// z_l^T A z_l per probe.
        public let samples: [Double]
    }

    public static func trace<Op: SymmetricOperator>(_ op: Op, probes: Int, generator: SeededGenerator) throws -> Estimate {
        let n = op.dimension
        guard n >= 1 else { throw AWError(.invalidInput, "Hutchinson: operator dimension is \(n), expected at least 1") }
        guard probes >= 1 else { throw AWError(.invalidInput, "Hutchinson: probes = \(probes), expected >= 1") }
        var gen = generator
        let basis = KrylovBasis(n: n, capacity: 2)
        var samples: [Double] = []
        for p in 0..<probes {
            StochasticLanczosQuadrature.fillRademacher(basis.row(0), n: n, &gen)
            op.apply(basis.row(0), basis.row(1))
            let s = Double.dot(n: n, x: basis.row(0), y: basis.row(1))
            guard s.isFinite else { throw AWError(.numerical, "Hutchinson: non-finite z^T A z at probe \(p) (n = \(n))") }
            samples.append(s)
        }
        let mean = samples.reduce(0, +) / Double(probes)
        var se = 0.0
        if probes > 1 {
            let v = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(probes - 1)
            se = (v / Double(probes)).squareRoot()
        }
        return Estimate(trace: mean, standardError: se, samples: samples)
    }
}
