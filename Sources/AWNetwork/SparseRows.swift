import AWLinearAlgebra

/// A dense row-major matrix's nonzeros in compressed-sparse-row form (owning). Used for the first
/// layer, whose input (MNIST pixels) is mostly zeros: the products then cost O(nonzeros) instead of
/// O(N_0) per sample, with the same value up to the order of summation.
final class SparseRows<T: BLASScalar> {
    let rows: Int
    let cols: Int
    let nonzeros: Int
    let rowStart: UnsafeMutablePointer<Int32>
    let columns: UnsafeMutablePointer<Int32>
    let values: UnsafeMutablePointer<T>

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    init(_ x: UnsafePointer<T>, rows: Int, cols: Int) {
        precondition(cols <= Int(Int32.max))
        var nnz = 0
        for i in 0..<(rows * cols) { nnz &+= x[i] != 0 ? 1 : 0 }
        precondition(nnz <= Int(Int32.max), "SparseRows: too many nonzeros for 32-bit offsets")
        self.rows = rows
        self.cols = cols
        self.nonzeros = nnz
        rowStart = .allocate(capacity: rows + 1)
        columns = .allocate(capacity: Swift.max(nnz, 1))
        values = .allocate(capacity: Swift.max(nnz, 1))
        var p = 0
        for r in 0..<rows {
            rowStart[r] = Int32(p)
            let row = x + r * cols
            for c in 0..<cols where row[c] != 0 {
                columns[p] = Int32(c)
                values[p] = row[c]
                p += 1
            }
        }
        rowStart[rows] = Int32(p)
    }

    deinit {
        rowStart.deallocate()
        columns.deallocate()
        values.deallocate()
    }

    /// Fraction of nonzero entries of a dense block.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func density(_ x: UnsafePointer<T>, count: Int) -> Double {
        guard count > 0 else { return 0 }
        var nnz = 0
        for i in 0..<count { nnz &+= x[i] != 0 ? 1 : 0 }
        return Double(nnz) / Double(count)
    }
}
