/// The Gram operator A = scale * X^T X of a row-major m x n matrix X, applied matrix-free as
/// y = scale * X^T (X x) with two `cblas_dgemv` calls (never forms the n x n matrix).
/// E.g. a Wishart matrix X^T X / m, or a Gauss-Newton curvature J^T J / N. Dimension n = X.cols.
public final class GramOperator: SymmetricOperator {
    public let x: Matrix<Double>
    public let scale: Double
    private let scratch: UnsafeMutablePointer<Double>  // X x, length m (why this is a class: not thread-safe)

    public init(_ x: Matrix<Double>, scale: Double = 1) {
        self.x = x
        self.scale = scale
        self.scratch = .allocate(capacity: max(x.rows, 1))
        self.scratch.initialize(repeating: 0, count: max(x.rows, 1))
    }

    deinit { scratch.deallocate() }

    public var dimension: Int { x.cols }

    /// Not safe to call concurrently on one instance (shared scratch vector).
    public func apply(_ v: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        let m = x.rows, n = x.cols
        if n == 0 { return }
        if m == 0 { y.update(repeating: 0, count: n); return }
        x.data.withUnsafeBufferPointer { px in
            Double.gemv(trans: false, m: m, n: n, alpha: 1, a: px.baseAddress!, lda: n,
                        x: v, incx: 1, beta: 0, y: scratch, incy: 1)
            Double.gemv(trans: true, m: m, n: n, alpha: scale, a: px.baseAddress!, lda: n,
                        x: scratch, incx: 1, beta: 0, y: y, incy: 1)
        }
    }
}
