/// Which rows of the source a pass covers: `indices[0..<count]` when given, else `start..<start+count`.
struct RowSelection {
    let indices: UnsafePointer<Int>?
    let start: Int
    let count: Int
    @inline(__always) func row(_ b: Int) -> Int { indices.map { $0[b] } ?? (start + b) }
}
