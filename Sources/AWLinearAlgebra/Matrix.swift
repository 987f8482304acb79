/// A dense row-major matrix of `T` (Float or Double). Element (i, j) is `data[i * cols + j]`.
/// Value semantics; the BLAS kernels work on `data` in place.
public struct Matrix<T: BLASScalar>: Equatable, Sendable {
    public var rows: Int
    public var cols: Int
    public var data: [T]

    public init(rows: Int, cols: Int, repeating value: T = 0) {
        precondition(rows >= 0 && cols >= 0)
        self.rows = rows
        self.cols = cols
        self.data = [T](repeating: value, count: rows * cols)
    }

    public init(rows: Int, cols: Int, data: [T]) {
        precondition(data.count == rows * cols, "Matrix: \(data.count) values for \(rows)x\(cols)")
        self.rows = rows
        self.cols = cols
        self.data = data
    }

    /// Build from nested rows (tests, small literals).
    public init(_ nested: [[T]]) {
        let r = nested.count, c = nested.first?.count ?? 0
        precondition(nested.allSatisfy { $0.count == c })
        self.init(rows: r, cols: c, data: nested.flatMap { $0 })
    }

    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m.data[i * n + i] = 1 }
        return m
    }

    public var count: Int { data.count }
    public var shape: (rows: Int, cols: Int) { (rows, cols) }

    @inline(__always)
    public subscript(i: Int, j: Int) -> T {
        get { data[i * cols + j] }
        set { data[i * cols + j] = newValue }
    }

    /// Row i as an array copy.
    public func row(_ i: Int) -> [T] { Array(data[(i * cols)..<((i + 1) * cols)]) }

    /// Rows at the given indices, in that order.
    public func gatherRows(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: indices.count, cols: cols)
        data.withUnsafeBufferPointer { src in
            out.data.withUnsafeMutableBufferPointer { dst in
                for (r, i) in indices.enumerated() {
                    (dst.baseAddress! + r * cols).update(from: src.baseAddress! + i * cols, count: cols)
                }
            }
        }
        return out
    }

    public var transposed: Matrix {
        var t = Matrix(rows: cols, cols: rows)
        for i in 0..<rows { for j in 0..<cols { t.data[j * rows + i] = data[i * cols + j] } }
        return t
    }

    /// Frobenius norm, accumulated in Double.
    public var frobeniusNorm: Double {
        var s = 0.0
        for v in data { let d = v.doubleValue; s += d * d }
        return s.squareRoot()
    }
}
