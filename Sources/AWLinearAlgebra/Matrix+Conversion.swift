/// Element-type conversions with concrete fast paths. The element-wise generic `U(x)` goes through
/// an unspecialised `BinaryFloatingPoint` initialiser per element (~50x slower on 3M pixels); the
/// paths here are plain `Double(Float)` / `Float(Double)` loops over the buffers, with the same
/// results (IEEE conversion: exact widening, round-to-nearest-even narrowing).
extension Matrix {
    /// The matrix with element type `U`. Identity, Float -> Double and Double -> Float take the
    /// concrete paths; any other `BLASScalar` pair converts element-wise.
    public func converted<U: BLASScalar>(to: U.Type = U.self) -> Matrix<U> {
        if T.self == U.self { return unsafeBitCast(self, to: Matrix<U>.self) }
        if T.self == Float.self && U.self == Double.self {
            return unsafeBitCast(unsafeBitCast(self, to: Matrix<Float>.self).widened(), to: Matrix<U>.self)
        }
        if T.self == Double.self && U.self == Float.self {
            return unsafeBitCast(unsafeBitCast(self, to: Matrix<Double>.self).narrowed(), to: Matrix<U>.self)
        }
        return Matrix<U>(rows: rows, cols: cols, data: data.map { U($0) })
    }

    /// The matrix in Double (a copy of it for a Double matrix; exact for Float).
    public func toDouble() -> Matrix<Double> { converted(to: Double.self) }

    /// The matrix in Float (rounded to nearest for Double).
    public func toFloat() -> Matrix<Float> { converted(to: Float.self) }

    /// Rows at `indices`, in that order, converted to Double in the same pass (no full-size copy).
    public func gatherRowsToDouble(_ indices: [Int]) -> Matrix<Double> {
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

extension Matrix {
    /// Each element through `convert`, in one pass over the buffers (specialised at each call site).
    @inline(__always)
    func mapped<U: BLASScalar>(_ convert: (T) -> U) -> Matrix<U> {
        var out = Matrix<U>(rows: rows, cols: cols)
        data.withUnsafeBufferPointer { src in
            out.data.withUnsafeMutableBufferPointer { dst in
                for i in 0..<src.count { dst[i] = convert(src[i]) }
            }
        }
        return out
    }
}

extension Matrix where T == Float {
    /// Float -> Double, exact.
    func widened() -> Matrix<Double> { mapped { Double($0) } }
}

extension Matrix where T == Double {
    /// Double -> Float, rounded to nearest (even on ties).
    func narrowed() -> Matrix<Float> { mapped { Float($0) } }
}
