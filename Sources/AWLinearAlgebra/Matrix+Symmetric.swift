/// Symmetry helpers for square matrices.
extension Matrix {
    /// (A + A^T) / 2. Precondition: square.
    public var symmetrized: Matrix {
        precondition(rows == cols, "symmetrized: matrix is \(rows)x\(cols), not square")
        var out = self
        let n = rows
        out.data.withUnsafeMutableBufferPointer { p in
            let a = p.baseAddress!
            for i in 0..<n {
                for j in (i + 1)..<max(n, i + 1) {
                    let s = (a[i * n + j] + a[j * n + i]) / 2
                    a[i * n + j] = s
                    a[j * n + i] = s
                }
            }
        }
        return out
    }

    /// max |A_ij - A_ji| (0 for an exactly symmetric matrix). Precondition: square.
    public var asymmetry: Double {
        precondition(rows == cols, "asymmetry: matrix is \(rows)x\(cols), not square")
        var worst = 0.0
        let n = rows
        data.withUnsafeBufferPointer { p in
            for i in 0..<n {
                for j in (i + 1)..<max(n, i + 1) {
                    worst = Swift.max(worst, Swift.abs((p[i * n + j] - p[j * n + i]).doubleValue))
                }
            }
        }
        return worst
    }
}
