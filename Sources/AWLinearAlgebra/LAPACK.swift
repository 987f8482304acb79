import AWCore
import CLAPACKE

/// Internal LAPACK plumbing shared by `SymmetricEigen`, `Lanczos` and the quadrature code.
/// `lapack_int` is a C macro (int32_t in Debian's LP64 LAPACKE), which Swift does not import.
typealias LAPACKInt = Int32

enum LAPACK {
    @inline(__always) static func char(_ c: Unicode.Scalar) -> CChar { CChar(UInt8(ascii: c)) }

    /// Turns a LAPACK `info` into a thrown `AWError` naming the routine, `info` and the size.
    static func check(_ info: LAPACKInt, routine: String, n: Int) throws {
        if info == 0 { return }
        if info == LAPACK_WORK_MEMORY_ERROR || info == LAPACK_TRANSPOSE_MEMORY_ERROR {
            throw AWError(.library, "\(routine) failed: info = \(info) (LAPACKE could not allocate memory) for n = \(n)")
        }
        if info < 0 {
            throw AWError(.library, "\(routine) failed: info = \(info) (argument \(-info) had an illegal value) for n = \(n)")
        }
        throw AWError(.numerical, "\(routine) failed: info = \(info) (the algorithm did not converge) for n = \(n)")
    }

    /// dsyevd on an n x n symmetric matrix held in `a` (overwritten). Only the row-major upper
    /// triangle (j >= i) is read: LAPACK sees the buffer column-major with uplo = 'L'.
    /// Returns the eigenvalues ASCENDING; with `vectors`, on return row i of `a` (row-major) is the
    /// unit eigenvector of eigenvalue i (the column-major eigenvector matrix read as rows).
    static func dsyevd(n: Int, a: UnsafeMutablePointer<Double>, vectors: Bool) throws -> [Double] {
        precondition(n >= 0)
        if n == 0 { return [] }
        guard n <= Int(Int32.max) else { throw AWError(.invalidInput, "LAPACKE_dsyevd_work: n = \(n) too large") }
        let jobz = char(vectors ? "V" : "N")
        let uplo = char("L")
        let ln = LAPACKInt(n)
        var w = [Double](repeating: 0, count: n)
        // Workspace query (integer sizes: the Float-rounded query of ssyevd is what breaks above n ~ 2,900).
        var wq = 0.0
        var iwq: LAPACKInt = 0
        var info = w.withUnsafeMutableBufferPointer { pw in
            LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, jobz, uplo, ln, a, ln, pw.baseAddress!, &wq, -1, &iwq, -1)
        }
        try check(info, routine: "LAPACKE_dsyevd_work (workspace query)", n: n)
        // Never smaller than the documented minimum (jobz V: 1 + 6n + 2n^2 and 3 + 5n; jobz N: 2n + 1 and 1).
        let minWork = vectors ? 1 + 6 * n + 2 * n * n : 2 * n + 1
        let minIWork = vectors ? 3 + 5 * n : 1
        let lwork = max(Int(wq.rounded(.up)), minWork)
        let liwork = max(Int(iwq), minIWork)
        guard lwork <= Int(Int32.max) else {
            throw AWError(.invalidInput, "LAPACKE_dsyevd_work: workspace of \(lwork) doubles exceeds 32-bit LAPACK for n = \(n)")
        }
        var work = [Double](repeating: 0, count: lwork)
        var iwork = [LAPACKInt](repeating: 0, count: liwork)
        info = w.withUnsafeMutableBufferPointer { pw in
            work.withUnsafeMutableBufferPointer { pwork in
                iwork.withUnsafeMutableBufferPointer { piwork in
                    LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, jobz, uplo, ln, a, ln, pw.baseAddress!,
                                        pwork.baseAddress!, LAPACKInt(lwork), piwork.baseAddress!, LAPACKInt(liwork))
                }
            }
        }
        try check(info, routine: "LAPACKE_dsyevd_work", n: n)
        return w
    }

    /// dstev on a symmetric tridiagonal matrix (diagonal `d`, off-diagonal `e`, e.count == d.count - 1).
    /// Returns eigenvalues ASCENDING and the eigenvectors as rows (row i, length n, for eigenvalue i).
    static func dstev(diagonal d: [Double], offDiagonal e: [Double]) throws -> (values: [Double], vectors: [Double]) {
        let n = d.count
        precondition(e.count == max(n - 1, 0))
        if n == 0 { return ([], []) }
        var dd = d
        var ee = e + [0] // LAPACKE_dstev reads n - 1 entries; keep a spare slot for safety
        var z = [Double](repeating: 0, count: n * n)
        let info = dd.withUnsafeMutableBufferPointer { pd in
            ee.withUnsafeMutableBufferPointer { pe in
                z.withUnsafeMutableBufferPointer { pz in
                    LAPACKE_dstev(LAPACK_COL_MAJOR, char("V"), LAPACKInt(n), pd.baseAddress!, pe.baseAddress!,
                                  pz.baseAddress!, LAPACKInt(n))
                }
            }
        }
        try check(info, routine: "LAPACKE_dstev", n: n)
        // Column-major z: eigenvector i is contiguous at z[i*n ..< (i+1)*n], i.e. row i.
        return (dd, z)
    }
}
