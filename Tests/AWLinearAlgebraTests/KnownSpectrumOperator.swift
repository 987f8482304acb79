import AWCore
import AWLinearAlgebra

/// A matrix-free symmetric operator with a known spectrum: A = Q diag(lambda) Q^T with
/// Q = H_1 H_2 H_3 a product of random Householder reflectors H = I - 2 u u^T. O(n) per product,
/// no n x n storage. Eigenvector i is Q e_i.
final class KnownSpectrumOperator: SymmetricOperator {
    let lambda: [Double]
    let reflectors: [[Double]]  // unit vectors
    var dimension: Int { lambda.count }

    init(lambda: [Double], reflectorCount: Int = 3, _ gen: inout SeededGenerator) {
        self.lambda = lambda
        let n = lambda.count
        reflectors = (0..<reflectorCount).map { _ in
            let u = Fixtures.gaussianVector(n, &gen)
            let norm = Fixtures.dot(u, u).squareRoot()
            return u.map { $0 / norm }
        }
    }

    /// x <- H x = x - 2 (u.x) u
    private func reflect(_ u: [Double], _ x: UnsafeMutablePointer<Double>) {
        let n = dimension
        u.withUnsafeBufferPointer { pu in
            let d = Double.dot(n: n, x: pu.baseAddress!, y: x)
            Double.axpy(n: n, alpha: -2 * d, x: pu.baseAddress!, y: x)
        }
    }

    func apply(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        let n = dimension
        y.update(from: x, count: n)
        for u in reflectors { reflect(u, y) }             // Q^T x = H_3 H_2 H_1 x
        for i in 0..<n { y[i] *= lambda[i] }
        for u in reflectors.reversed() { reflect(u, y) }  // Q t = H_1 H_2 H_3 t
    }

    /// Q e_i.
    func eigenvector(_ i: Int) -> [Double] {
        var v = [Double](repeating: 0, count: dimension)
        v[i] = 1
        v.withUnsafeMutableBufferPointer { p in for u in reflectors.reversed() { reflect(u, p.baseAddress!) } }
        return v
    }
}
