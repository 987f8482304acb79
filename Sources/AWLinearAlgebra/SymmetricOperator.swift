/// A real symmetric linear operator A (n x n) known only through products y = A x, in Double.
/// Used by `Lanczos` and `StochasticLanczosQuadrature` (e.g. a Hessian through Hessian-vector products).
///
/// Contract for `apply(_:_:)`:
/// - `x` and `y` each point to `dimension` Doubles and never alias;
/// - `y` must be fully overwritten with A x (its previous contents are garbage);
/// - the result must depend only on `x` (deterministic), and A must be symmetric — the
///   algorithms do not check symmetry.
/// Implementations that need scratch memory can be final classes.
public protocol SymmetricOperator {
    /// n, the length of the vectors.
    var dimension: Int { get }
    /// y = A x.
    func apply(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>)
}

extension SymmetricOperator {
    /// A x as a new array (convenience; allocates).
    public func apply(_ x: [Double]) -> [Double] {
        precondition(x.count == dimension, "SymmetricOperator.apply: vector has \(x.count) entries, expected \(dimension)")
        var y = [Double](repeating: 0, count: dimension)
        if dimension == 0 { return y }
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in apply(px.baseAddress!, py.baseAddress!) }
        }
        return y
    }

    /// The dense n x n matrix of the operator, column by column (n applications; tests and small n only).
    public func denseMatrix() -> Matrix<Double> {
        let n = dimension
        var m = Matrix<Double>(rows: n, cols: n)
        var e = [Double](repeating: 0, count: n)
        var col = [Double](repeating: 0, count: n)
        for j in 0..<n {
            e[j] = 1
            e.withUnsafeBufferPointer { pe in col.withUnsafeMutableBufferPointer { pc in apply(pe.baseAddress!, pc.baseAddress!) } }
            e[j] = 0
            for i in 0..<n { m.data[i * n + j] = col[i] }
        }
        return m
    }
}
