import AWCore
import AWLinearAlgebra

/// A fixed dropout mask for a whole dataset: `multipliers[k, i]` multiplies unit i of sample k's
/// activity entering dense layer `layer` (0 = the input pixels). An inverted-dropout mask has the
/// values 0 and 1/(1-d).
public struct DropoutMask<T: BLASScalar>: Sendable, Equatable {
    public var layer: Int
    public var multipliers: Matrix<T>

    public init(layer: Int, multipliers: Matrix<T>) {
        self.layer = layer
        self.multipliers = multipliers
    }

    /// An inverted-dropout mask from keep flags (`keep[k][i]`): kept units scaled by 1/(1-rate).
    public init(layer: Int, keep: [[Bool]], rate: Double) {
        precondition(rate >= 0 && rate < 1)
        let scale = T(1 / (1 - rate))
        self.init(layer: layer, multipliers: Matrix(keep.map { $0.map { $0 ? scale : 0 } }))
    }

    /// A random inverted-dropout mask for `rows` samples of width `width`, drawn from `generator`
    /// with the trainer's law (unit kept when a 64-bit draw is >= rate * 2^64).
    public static func random(layer: Int, rows: Int, width: Int, rate: Double,
                              generator: inout SeededGenerator) -> DropoutMask {
        precondition(rate >= 0 && rate < 1)
        let scale = T(1 / (1 - rate))
        let threshold = dropoutThreshold(rate)
        var m = Matrix<T>(rows: rows, cols: width)
        for i in 0..<m.data.count { m.data[i] = generator.next() >= threshold ? scale : 0 }
        return DropoutMask(layer: layer, multipliers: m)
    }
}

/// A unit is dropped when a uniform 64-bit draw is below `rate * 2^64` (probability `rate`).
@inline(__always)
func dropoutThreshold(_ rate: Double) -> UInt64 {
    if rate <= 0 { return 0 }
    let t = rate * 0x1p64
    return t >= 0x1p64 ? .max : UInt64(t)
}
