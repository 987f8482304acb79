import AWCore
import COpenBLAS

/// Row-major storage for up to `capacity` vectors of length n (memory capacity * n Doubles),
/// with classical Gram-Schmidt applied twice ("twice is enough") through BLAS-2 `dgemv`.
final class KrylovBasis {
    let n: Int
    let capacity: Int
    let storage: UnsafeMutablePointer<Double>
    private let coefficients: UnsafeMutablePointer<Double>   // capacity, first pass
    private let coefficients2: UnsafeMutablePointer<Double>  // capacity, second pass

    init(n: Int, capacity: Int) {
        precondition(n >= 1 && capacity >= 1)
        self.n = n
        self.capacity = capacity
        storage = .allocate(capacity: n * capacity)
        storage.initialize(repeating: 0, count: n * capacity)
        coefficients = .allocate(capacity: capacity)
        coefficients.initialize(repeating: 0, count: capacity)
        coefficients2 = .allocate(capacity: capacity)
        coefficients2.initialize(repeating: 0, count: capacity)
    }

    deinit {
        storage.deallocate()
        coefficients.deallocate()
        coefficients2.deallocate()
    }

    @inline(__always) func row(_ i: Int) -> UnsafeMutablePointer<Double> { storage + i * n }

    /// w <- (I - V V^T)^2 w with V = rows 0..<count (orthonormal). `w` must not be one of those rows.
    /// Returns the total coefficient along row `count - 1` (first + second pass), i.e. the
    /// Lanczos alpha when w = A v_{count-1}.
    @discardableResult
    func orthogonalize(_ w: UnsafeMutablePointer<Double>, against count: Int) -> Double {
        guard count > 0 else { return 0 }
        precondition(count <= capacity)
        let m = blasint(count), nn = blasint(n)
        // pass 1
        cblas_dgemv(CblasRowMajor, CblasNoTrans, m, nn, 1, storage, nn, w, 1, 0, coefficients, 1)
        cblas_dgemv(CblasRowMajor, CblasTrans, m, nn, -1, storage, nn, coefficients, 1, 1, w, 1)
        // pass 2
        cblas_dgemv(CblasRowMajor, CblasNoTrans, m, nn, 1, storage, nn, w, 1, 0, coefficients2, 1)
        cblas_dgemv(CblasRowMajor, CblasTrans, m, nn, -1, storage, nn, coefficients2, 1, 1, w, 1)
        return coefficients[count - 1] + coefficients2[count - 1]
    }

    @inline(__always) func norm(_ v: UnsafePointer<Double>) -> Double { cblas_dnrm2(blasint(n), v, 1) }

    @inline(__always) func scale(_ v: UnsafeMutablePointer<Double>, by s: Double) { cblas_dscal(blasint(n), s, v, 1) }

    /// Fill `v` with standard normal entries from `generator`.
    func fillGaussian(_ v: UnsafeMutablePointer<Double>, _ generator: inout SeededGenerator) {
        for i in 0..<n { v[i] = generator.nextGaussian() }
    }

    /// Replace rows 0..<p by Y = C V[0..<count], C row-major p x count (the Ritz vectors of a thick
    /// restart), in column blocks so that no p x n temporary is needed (memory stays O(capacity * n)).
    func combineRows(_ c: [Double], p: Int, count: Int) {
        precondition(c.count == p * count && p <= count && count <= capacity)
        let block = 2048
        let tmp = UnsafeMutablePointer<Double>.allocate(capacity: p * block)
        defer { tmp.deallocate() }
        c.withUnsafeBufferPointer { pc in
            var c0 = 0
            while c0 < n {
                let w = min(block, n - c0)
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, blasint(p), blasint(w), blasint(count), 1,
                            pc.baseAddress!, blasint(count), storage + c0, blasint(n), 0, tmp, blasint(w))
                for r in 0..<p { (storage + r * n + c0).update(from: tmp + r * w, count: w) }
                c0 += w
            }
        }
    }
}
