import AWCore
import AWLinearAlgebra
import AWTestSupport
import Testing

/// The concrete conversion paths against the element-wise generic initialiser `U(x)`, bit for bit,
/// on random values and on the special ones (signed zeros, subnormals, infinities, NaN, rounding ties,
/// values beyond Float's range).
@Suite("Matrix element-type conversion")
struct ConversionTests {
    /// The generic path, written out: one unspecialised `BinaryFloatingPoint` conversion per element.
    static func elementwise<T: BLASScalar, U: BLASScalar>(_ m: Matrix<T>, to: U.Type) -> Matrix<U> {
        Matrix<U>(rows: m.rows, cols: m.cols, data: m.data.map { U($0) })
    }

    static func bits<T: BLASScalar>(_ m: Matrix<T>) -> [UInt64] {
        m.data.map { v in
            if let f = v as? Float { return UInt64(f.bitPattern) }
            return (v as! Double).bitPattern
        }
    }

    static let specialDoubles: [Double] = [0, -0.0, 1, -1, .ulpOfOne, .leastNonzeroMagnitude, .leastNormalMagnitude,
                                           Double(Float.leastNonzeroMagnitude), Double(Float.leastNormalMagnitude) / 3,
                                           Double(Float.greatestFiniteMagnitude), Double(Float.greatestFiniteMagnitude) * 2,
                                           .greatestFiniteMagnitude, .infinity, -.infinity,
                                           1 + 0x1p-24, 1 + 0x1p-24 + 0x1p-50, 1 + 3 * 0x1p-24, -(1 + 0x1p-24), 0.1, 1.0 / 3]
    static var specialFloats: [Float] {
        [0, -0.0, 1, -1, .ulpOfOne, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
         .infinity, -.infinity, 0.1, 1.0 / 3, 255.0 / 255, 17.0 / 255]
    }

    static func randomDoubles(_ n: Int, seed: UInt64) -> [Double] {
        var g = SeededGenerator(seed: seed)
        return (0..<n).map { i in g.nextGaussian() * Double(1 << (i % 40)) * (i % 3 == 0 ? 1e-30 : 1) }
    }

    @Test func floatToDoubleMatchesGeneric() {
        let values = Self.randomDoubles(997, seed: 1).map { Float($0) } + Self.specialFloats
        let m = Matrix<Float>(rows: 1, cols: values.count, data: values)
        let fast = m.converted(to: Double.self)
        #expect(fast.rows == 1 && fast.cols == values.count)
        #expect(Self.bits(fast) == Self.bits(Self.elementwise(m, to: Double.self)))
        #expect(Self.bits(m.toDouble()) == Self.bits(fast))
        let nan = Matrix<Float>(rows: 1, cols: 2, data: [.nan, -.nan]).converted(to: Double.self)
        #expect(nan.data.allSatisfy { $0.isNaN })
    }

    @Test func doubleToFloatMatchesGeneric() {
        let values = Self.randomDoubles(1_003, seed: 2) + Self.specialDoubles
        let m = Matrix<Double>(rows: values.count, cols: 1, data: values)
        let fast = m.converted(to: Float.self)
        #expect(fast.rows == values.count && fast.cols == 1)
        #expect(Self.bits(fast) == Self.bits(Self.elementwise(m, to: Float.self)))
        #expect(Self.bits(m.toFloat()) == Self.bits(fast))
        // Rounding: ties to even, overflow to infinity, below half the smallest subnormal to zero.
        let edge = Matrix<Double>([[1 + 0x1p-24, 1 + 3 * 0x1p-24, Double(Float.greatestFiniteMagnitude) * 2, 0x1p-151]])
            .converted(to: Float.self)
        #expect(edge.data == [1, 1 + 2 * 0x1p-23, .infinity, 0])
        #expect(Matrix<Double>(rows: 1, cols: 1, data: [.nan]).converted(to: Float.self).data[0].isNaN)
    }

    @Test func identityConversionsKeepEveryBit() {
        let d = Matrix<Double>(rows: 4, cols: 6, data: Array(Self.randomDoubles(24, seed: 3)))
        #expect(Self.bits(d.converted(to: Double.self)) == Self.bits(d) && d.toDouble() == d)
        let f = d.converted(to: Float.self)
        #expect(Self.bits(f.converted(to: Float.self)) == Self.bits(f) && f.toFloat() == f)
        #expect(Self.bits(Self.elementwise(d, to: Double.self)) == Self.bits(d))
        // Round trip Float -> Double -> Float is exact.
        #expect(Self.bits(f.toDouble().toFloat()) == Self.bits(f))
    }

    @Test func gatherRowsToDoubleMatchesGatherThenConvert() {
        var g = SeededGenerator(seed: 4)
        let f = Matrix<Float>(rows: 9, cols: 7, data: (0..<63).map { _ in Float(g.nextGaussian()) })
        let rows = [8, 0, 3, 3, 5]
        #expect(Self.bits(f.gatherRowsToDouble(rows)) == Self.bits(Self.elementwise(f.gatherRows(rows), to: Double.self)))
        let d = f.toDouble()
        #expect(d.gatherRowsToDouble(rows) == d.gatherRows(rows))
        #expect(f.gatherRowsToDouble([]).rows == 0 && f.gatherRowsToDouble([]).cols == 7)
    }
}
