import AWLinearAlgebra


/// Where the rows of a pass come from: a dense row-major block `[rows, N_0]` and, when the sparse
/// first-layer kernel is used, the same rows in CSR form. Non-owning (pointers only); the owner
/// keeps the memory alive for the duration of the pass.
struct InputSource<T: BLASScalar> {
    let x: UnsafePointer<T>
    let rows: Int
    let sparse: SparseRows<T>?
}
