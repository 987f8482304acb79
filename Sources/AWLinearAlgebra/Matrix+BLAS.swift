/// Products through CBLAS.
extension Matrix {
    /// C = alpha * op(A) op(B) + beta * C into an existing matrix (no allocation).
    public static func gemm(_ a: Matrix, transA: Bool = false, _ b: Matrix, transB: Bool = false,
                            into c: inout Matrix, alpha: T = 1, beta: T = 0) {
        let m = transA ? a.cols : a.rows
        let k = transA ? a.rows : a.cols
        let kb = transB ? b.cols : b.rows
        let n = transB ? b.rows : b.cols
        precondition(k == kb, "gemm: inner dimensions \(k) and \(kb) differ")
        precondition(c.rows == m && c.cols == n, "gemm: output is \(c.rows)x\(c.cols), expected \(m)x\(n)")
        if m == 0 || n == 0 { return }
        a.data.withUnsafeBufferPointer { pa in
            b.data.withUnsafeBufferPointer { pb in
                c.data.withUnsafeMutableBufferPointer { pc in
                    T.gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                           a: pa.baseAddress!, lda: max(a.cols, 1), b: pb.baseAddress!, ldb: max(b.cols, 1),
                           beta: beta, c: pc.baseAddress!, ldc: max(n, 1))
                }
            }
        }
    }

    /// op(A) op(B) as a new matrix.
    public static func product(_ a: Matrix, transA: Bool = false, _ b: Matrix, transB: Bool = false) -> Matrix {
        var c = Matrix(rows: transA ? a.cols : a.rows, cols: transB ? b.rows : b.cols)
        gemm(a, transA: transA, b, transB: transB, into: &c)
        return c
    }

    public static func * (a: Matrix, b: Matrix) -> Matrix { product(a, b) }

    /// op(A) x as a new vector.
    public func apply(_ x: [T], transposed: Bool = false) -> [T] {
        let n = transposed ? rows : cols
        precondition(x.count == n, "apply: vector has \(x.count) entries, expected \(n)")
        var y = [T](repeating: 0, count: transposed ? cols : rows)
        if rows == 0 || cols == 0 { return y }
        data.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    T.gemv(trans: transposed, m: rows, n: cols, alpha: 1, a: pa.baseAddress!, lda: cols,
                           x: px.baseAddress!, incx: 1, beta: 0, y: py.baseAddress!, incy: 1)
                }
            }
        }
        return y
    }
}
