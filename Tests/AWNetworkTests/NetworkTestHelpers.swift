import AWCore
import AWLinearAlgebra
import AWNetwork

/// Shared fixtures of the AWNetwork tests (random nets away from ReLU kinks, synthetic data,
/// central finite differences).
enum Fixture {
    /// Gaussian inputs `[n, features]`, a fraction `zeroFraction` of them set to 0 (to exercise the
    /// sparse kernel), and uniform labels.
    static func data(n: Int, features: Int, classes: Int, seed: UInt64, zeroFraction: Double = 0) -> (x: Matrix<Double>, labels: [Int]) {
        var g = SeededGenerator(seed: seed).derive("fixture-data")
        var x = Matrix<Double>(rows: n, cols: features)
        for i in 0..<x.data.count {
            let v = g.nextGaussian()
            x.data[i] = g.nextDouble() < zeroFraction ? 0 : v
        }
        return (x, (0..<n).map { _ in g.nextInt(below: classes) })
    }

    /// A random network whose pre-activations on `x` (and under `mask`) all stay at least `margin`
    /// away from 0, so central differences with a small step never cross a ReLU kink.
    static func model(widths: [Int], activation: Activation, bias: Bool, x: Matrix<Double>,
                      mask: DropoutMask<Double>? = nil, margin: Double = 1e-3, seed: UInt64) -> MLP<Double> {
        for attempt in 0..<1000 {
            let m = MLP<Double>(widths: widths, activation: activation, bias: bias, initScale: 1.5,
                                seed: seed &+ UInt64(attempt) &* 7919)
            if activation == .tanh || minAbsPreactivation(m, x, mask: mask) >= margin { return m }
        }
        fatalError("no kink-free network found")
    }

    /// The smallest |pre-activation| of any hidden unit on any sample (training mode with `mask`).
    static func minAbsPreactivation(_ m: MLP<Double>, _ x: Matrix<Double>, mask: DropoutMask<Double>?) -> Double {
        var a = x
        var smallest = Double.infinity
        for l in 0..<m.layerCount {
            if let mk = mask, mk.layer == l { for i in 0..<a.data.count { a.data[i] *= mk.multipliers.data[i] } }
            var z = Matrix<Double>.product(a, m.weights[l], transB: true)
            if m.hasBias { z.addRowVector(m.biases[l]) }
            if l < m.layerCount - 1 {
                for v in z.data { smallest = min(smallest, abs(v)) }
                m.activation.apply(&z.data)
            }
            a = z
        }
        return smallest
    }

    /// Central differences of `f` at `theta`, step h, for every coordinate.
    static func centralDifferences(_ theta: [Double], h: Double = 1e-5, _ f: ([Double]) -> Double) -> [Double] {
        var g = [Double](repeating: 0, count: theta.count)
        var t = theta
        for i in 0..<theta.count {
            t[i] = theta[i] + h
            let up = f(t)
            t[i] = theta[i] - h
            let down = f(t)
            t[i] = theta[i]
            g[i] = (up - down) / (2 * h)
        }
        return g
    }

    /// Largest per-entry error |a - b| / (|a| + |b| + floor) (a relative error with a floor for
    /// entries that are nearly 0).
    static func maxRelativeError(_ a: [Double], _ b: [Double], floor: Double = 1e-6) -> Double {
        precondition(a.count == b.count)
        var worst = 0.0
        for (u, v) in zip(a, b) { worst = max(worst, abs(u - v) / (max(abs(u), abs(v)) + floor)) }
        return worst
    }

    /// Well-separated Gaussian clusters (one per class), for convergence tests.
    static func clusters(n: Int, features: Int, classes: Int, spread: Double = 0.3, seed: UInt64) -> (x: Matrix<Double>, labels: [Int]) {
        var g = SeededGenerator(seed: seed).derive("clusters")
        let centers = (0..<classes).map { _ in (0..<features).map { _ in g.nextGaussian() } }
        var x = Matrix<Double>(rows: n, cols: features)
        var labels: [Int] = []
        for k in 0..<n {
            let c = k % classes
            labels.append(c)
            for i in 0..<features { x[k, i] = centers[c][i] + spread * g.nextGaussian() }
        }
        return (x, labels)
    }
}
