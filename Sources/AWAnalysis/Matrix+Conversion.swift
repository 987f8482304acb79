import AWLinearAlgebra
import AWNetwork

/// Element-type conversions with concrete fast paths (the generic `Matrix.converted(to:)` goes
/// through an unspecialised BinaryFloatingPoint initialiser per element: ~50x slower on 3M pixels).
extension Matrix {
    func toDouble() -> Matrix<Double> {
        if T.self == Double.self { return unsafeBitCast(self, to: Matrix<Double>.self) }
        var out = Matrix<Double>(rows: rows, cols: cols)
        if T.self == Float.self {
            data.withUnsafeBytes { raw in
                let src = raw.bindMemory(to: Float.self)
                out.data.withUnsafeMutableBufferPointer { dst in
                    for i in 0..<src.count { dst[i] = Double(src[i]) }
                }
            }
        } else {
            for i in 0..<data.count { out.data[i] = data[i].doubleValue }
        }
        return out
    }

    /// Rows at `indices`, converted to Double in the same pass.
    func gatherRowsToDouble(_ indices: [Int]) -> Matrix<Double> {
        if T.self == Double.self { return unsafeBitCast(self, to: Matrix<Double>.self).gatherRows(indices) }
        var out = Matrix<Double>(rows: indices.count, cols: cols)
        let c = cols
        if T.self == Float.self {
            data.withUnsafeBytes { raw in
                let src = raw.bindMemory(to: Float.self)
                out.data.withUnsafeMutableBufferPointer { dst in
                    for (r, i) in indices.enumerated() {
                        let s = src.baseAddress! + i * c, o = dst.baseAddress! + r * c
                        for j in 0..<c { o[j] = Double(s[j]) }
                    }
                }
            }
        } else {
            for (r, i) in indices.enumerated() { for j in 0..<c { out.data[r * c + j] = data[i * c + j].doubleValue } }
        }
        return out
    }
}

extension MLP {
    func toDouble() -> MLP<Double> {
        MLP<Double>(widths: widths, activation: activation, weights: weights.map { $0.toDouble() },
                    biases: biases.map { b in b.map { $0.doubleValue } })
    }
}
