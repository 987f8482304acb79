import AWAnalysis
import AWCore
import AWLinearAlgebra
import AWNetwork

/// Small random networks and clustered labelled data for the analysis tests.
enum Fixtures {
    /// A random MLP; `scale` multiplies the paper's uniform init (larger scale: less linear regime).
    static func network(_ widths: [Int], activation: Activation = .relu, bias: Bool = false,
                        scale: Double = 1.5, seed: UInt64) -> MLP<Double> {
        var g = SeededGenerator(seed: seed).derive("init")
        return MLP<Double>(widths: widths, activation: activation, bias: bias, initScale: scale, generator: &g)
    }

    /// `count` samples in `d` dimensions from `classes` Gaussian clusters (class = row % classes),
    /// entries in roughly [0, 1] like pixels.
    static func samples(count: Int, features d: Int, classes: Int, seed: UInt64, spread: Double = 0.25) -> AnalysisSamples<Double> {
        var g = SeededGenerator(seed: seed).derive("centers")
        let centers = (0..<(classes * d)).map { _ in g.nextDouble() }
        var h = SeededGenerator(seed: seed).derive("samples")
        var x = Matrix<Double>(rows: count, cols: d)
        var labels = [Int](repeating: 0, count: count)
        for r in 0..<count {
            let c = r % classes
            labels[r] = c
            for j in 0..<d { x[r, j] = centers[c * d + j] + spread * h.nextGaussian() }
        }
        return AnalysisSamples(inputs: x, labels: labels)
    }

    /// Pixel-like data: values k/255 (exact in Float).
    static func pixels(count: Int, features d: Int, classes: Int, seed: UInt64) -> AnalysisSamples<Float> {
        var g = SeededGenerator(seed: seed)
        let protos = (0..<(classes * d)).map { _ in g.nextInt(below: 256) }
        var x = Matrix<Float>(rows: count, cols: d)
        var labels = [Int](repeating: 0, count: count)
        for r in 0..<count {
            let c = r % classes
            labels[r] = c
            for j in 0..<d {
                let v = min(255, max(0, protos[c * d + j] + g.nextInt(below: 121) - 60))
                x[r, j] = Float(v) / 255
            }
        }
        return AnalysisSamples(inputs: x, labels: labels)
    }

    /// Random orthonormal rows (n x n) by modified Gram-Schmidt (twice) on Gaussian vectors.
    static func orthonormalBasis(_ n: Int, seed: UInt64) -> Matrix<Double> {
        var g = SeededGenerator(seed: seed)
        var q = Matrix<Double>(rows: n, cols: n)
        for i in 0..<n {
            var v = (0..<n).map { _ in g.nextGaussian() }
            for _ in 0..<2 {
                for r in 0..<i {
                    var d = 0.0
                    for t in 0..<n { d += q[r, t] * v[t] }
                    for t in 0..<n { v[t] -= d * q[r, t] }
                }
            }
            let nv = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for t in 0..<n { q[i, t] = v[t] / nv }
        }
        return q
    }

    static func maxAbs(_ a: [Double]) -> Double { a.reduce(0) { max($0, abs($1)) } }
    static func maxAbsDiff(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        var m = 0.0
        for i in a.indices { m = max(m, abs(a[i] - b[i])) }
        return m
    }
}
