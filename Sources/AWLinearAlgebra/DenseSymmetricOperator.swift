/// A dense symmetric matrix as a `SymmetricOperator` (y = A x through `cblas_dgemv`).
public struct DenseSymmetricOperator: SymmetricOperator, Sendable {
    /// The (symmetrized, unless told otherwise) matrix.
    public let matrix: Matrix<Double>

    /// Wrap an n x n matrix. With `symmetrize` (default) the operator is (A + A^T) / 2.
    public init(_ matrix: Matrix<Double>, symmetrize: Bool = true) {
        precondition(matrix.rows == matrix.cols, "DenseSymmetricOperator: matrix is \(matrix.rows)x\(matrix.cols), not square")
        self.matrix = symmetrize ? matrix.symmetrized : matrix
    }

    /// Wrap a Float matrix, promoted to Double.
    public init(_ matrix: Matrix<Float>, symmetrize: Bool = true) {
        self.init(matrix.converted(to: Double.self), symmetrize: symmetrize)
    }

    public var dimension: Int { matrix.rows }

    public func apply(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        let n = matrix.rows
        if n == 0 { return }
        matrix.data.withUnsafeBufferPointer { pa in
            Double.gemv(trans: false, m: n, n: n, alpha: 1, a: pa.baseAddress!, lda: n,
                        x: x, incx: 1, beta: 0, y: y, incy: 1)
        }
    }
}
