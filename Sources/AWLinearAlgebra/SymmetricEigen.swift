import AWCore

/// Full eigen-decomposition of a real symmetric matrix through LAPACK's divide and conquer
/// (`LAPACKE_dsyevd_work`, Double only: `ssyevd` fails above n ~ 2,900, TOOLCHAIN pitfall 7).
///
/// - The input is symmetrized first, (H + H^T) / 2, as the paper does (pass `symmetrize: false`
///   to skip that O(n^2) pass when the matrix is exactly symmetric; then only the row-major
///   upper triangle, j >= i, is read).
/// - `eigenvalues` are sorted DESCENDING.
/// - `eigenvectors` is n x n, row-major; ROW i is the unit eigenvector of `eigenvalues[i]`
///   (contiguous: `eigenvectors.row(i)`, or `data[i*n ..< (i+1)*n]`).
/// - Sign convention: in each eigenvector the entry of largest magnitude (first such index on
///   ties) is positive, so results do not depend on LAPACK's arbitrary signs.
/// - A non-finite input entry, or LAPACK `info != 0`, throws an `AWError` naming the routine and `info`.
public struct SymmetricEigen: Sendable, Equatable {
    /// Eigenvalues, descending.
    public let eigenvalues: [Double]
    /// Row i is the unit eigenvector for `eigenvalues[i]`.
    public let eigenvectors: Matrix<Double>

    public var dimension: Int { eigenvalues.count }

    /// Decompose a symmetric Double matrix (n x n).
    public init(_ matrix: Matrix<Double>, symmetrize: Bool = true) throws {
        let n = try SymmetricEigen.validate(matrix)
        var a = symmetrize ? matrix.symmetrized : matrix
        let ascending = try a.data.withUnsafeMutableBufferPointer { p -> [Double] in
            guard n > 0 else { return [] }
            return try LAPACK.dsyevd(n: n, a: p.baseAddress!, vectors: true)
        }
        // Rows of `a` are eigenvectors in ascending order: reverse the row order in place.
        a.data.withUnsafeMutableBufferPointer { p in
            guard n > 0 else { return }
            let base = p.baseAddress!
            var lo = 0, hi = n - 1
            while lo < hi {
                swapRows(base + lo * n, base + hi * n, n)
                lo += 1; hi -= 1
            }
            for i in 0..<n { normalizeSign(base + i * n, n) }
        }
        self.eigenvalues = Array(ascending.reversed())
        self.eigenvectors = a
    }

    /// Decompose a symmetric Float matrix: promoted to Double, then as above.
    public init(_ matrix: Matrix<Float>, symmetrize: Bool = true) throws {
        try self.init(matrix.converted(to: Double.self), symmetrize: symmetrize)
    }

    /// Build from known parts (no checks beyond shapes). Row i of `eigenvectors` pairs with `eigenvalues[i]`.
    public init(eigenvalues: [Double], eigenvectors: Matrix<Double>) {
        precondition(eigenvectors.rows == eigenvalues.count, "SymmetricEigen: \(eigenvectors.rows) vectors for \(eigenvalues.count) values")
        self.eigenvalues = eigenvalues
        self.eigenvectors = eigenvectors
    }

    /// Eigenvalues only (jobz = 'N', faster), DESCENDING. Symmetrizes first unless told not to.
    public static func eigenvalues(_ matrix: Matrix<Double>, symmetrize: Bool = true) throws -> [Double] {
        let n = try validate(matrix)
        var a = symmetrize ? matrix.symmetrized : matrix
        let ascending = try a.data.withUnsafeMutableBufferPointer { p -> [Double] in
            guard n > 0 else { return [] }
            return try LAPACK.dsyevd(n: n, a: p.baseAddress!, vectors: false)
        }
        return Array(ascending.reversed())
    }

    /// Eigenvalues only of a Float matrix, computed in Double. DESCENDING.
    public static func eigenvalues(_ matrix: Matrix<Float>, symmetrize: Bool = true) throws -> [Double] {
        try eigenvalues(matrix.converted(to: Double.self), symmetrize: symmetrize)
    }

    /// The unit eigenvector for `eigenvalues[i]` (a copy of row i).
    public func eigenvector(_ i: Int) -> [Double] { eigenvectors.row(i) }

    /// sum_i f(lambda_i) v_i v_i^T restricted to the given eigen-indices (all by default):
    /// e.g. `reconstruct()` gives back the (symmetrized) matrix.
    public func reconstruct(indices: [Int]? = nil, _ f: (Double) -> Double = { $0 }) -> Matrix<Double> {
        let n = dimension
        let idx = indices ?? Array(0..<n)
        let v = eigenvectors.gatherRows(idx)          // r x n
        var scaled = v
        for (r, i) in idx.enumerated() {
            let s = f(eigenvalues[i])
            for c in 0..<n { scaled.data[r * n + c] *= s }
        }
        return Matrix.product(v, transA: true, scaled)  // V^T diag(f) V
    }

    static func validate(_ matrix: Matrix<Double>) throws -> Int {
        guard matrix.rows == matrix.cols else {
            throw AWError(.invalidInput, "SymmetricEigen: matrix is \(matrix.rows)x\(matrix.cols), expected a square matrix")
        }
        let n = matrix.rows
        if let bad = matrix.data.firstIndex(where: { !$0.isFinite }) {
            throw AWError(.numerical, "SymmetricEigen: matrix entry (\(bad / n), \(bad % n)) is \(matrix.data[bad]); eigen-decomposition needs finite entries")
        }
        return n
    }
}

@inline(__always)
func swapRows(_ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>, _ n: Int) {
    for c in 0..<n { let t = a[c]; a[c] = b[c]; b[c] = t }
}

/// Flip the sign of a vector so that its entry of largest magnitude (first on ties) is positive.
@inline(__always)
func normalizeSign(_ v: UnsafeMutablePointer<Double>, _ n: Int) {
    guard n > 0 else { return }
    var best = 0
    var bestAbs = abs(v[0])
    for i in 1..<max(n, 1) where abs(v[i]) > bestAbs { best = i; bestAbs = abs(v[i]) }
    if v[best] < 0 { for i in 0..<n { v[i] = -v[i] } }
}
