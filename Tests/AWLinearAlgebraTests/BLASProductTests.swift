import AWCore
import AWLinearAlgebra
import AWTestSupport
import Testing

/// CBLAS products against naive triple loops (accumulated in Double), every transpose combination,
/// non-square shapes, nontrivial alpha and beta. The tolerance is relative to sum_l |a_il| |b_lj|,
/// the natural scale of the rounding error.
@Suite("BLAS products")
struct BLASProductTests {
    static let shapes: [(m: Int, n: Int, k: Int)] = [(7, 5, 3), (1, 9, 4), (13, 1, 6), (6, 11, 1), (33, 17, 29)]

    func checkGemm<T: BLASScalar>(_ type: T.Type, tolerance: Double, seed: UInt64) {
        var gen = SeededGenerator(seed: seed)
        for (m, n, k) in Self.shapes {
            for transA in [false, true] {
                for transB in [false, true] {
                    let a = Matrix<T>(rows: transA ? k : m, cols: transA ? m : k,
                                      data: (0..<(m * k)).map { _ in T(gen.nextGaussian()) })
                    let b = Matrix<T>(rows: transB ? n : k, cols: transB ? k : n,
                                      data: (0..<(k * n)).map { _ in T(gen.nextGaussian()) })
                    let c0 = Matrix<T>(rows: m, cols: n, data: (0..<(m * n)).map { _ in T(gen.nextGaussian()) })
                    let alpha = T(1.5), beta = T(-0.75)
                    var c = c0
                    Matrix.gemm(a, transA: transA, b, transB: transB, into: &c, alpha: alpha, beta: beta)
                    let ab = Fixtures.naiveProduct(a, transA: transA, b, transB: transB)
                    let scale = Fixtures.naiveAbsProduct(a, transA: transA, b, transB: transB)
                    var worst = 0.0
                    for i in 0..<(m * n) {
                        let expected = 1.5 * ab[i] - 0.75 * Double(c0.data[i])
                        let err = abs(Double(c.data[i]) - expected) / (1.5 * scale[i] + 0.75 * abs(Double(c0.data[i])) + 1e-300)
                        worst = max(worst, err)
                    }
                    #expect(worst <= tolerance, "gemm \(T.dtype) m=\(m) n=\(n) k=\(k) transA=\(transA) transB=\(transB): scaled error \(worst)")
                    // product() (alpha 1, beta 0) against the same loop
                    let p = Matrix.product(a, transA: transA, b, transB: transB)
                    #expect(p.rows == m && p.cols == n)
                    var worstP = 0.0
                    for i in 0..<(m * n) { worstP = max(worstP, abs(Double(p.data[i]) - ab[i]) / (scale[i] + 1e-300)) }
                    #expect(worstP <= tolerance, "product \(T.dtype) transA=\(transA) transB=\(transB): \(worstP)")
                }
            }
        }
    }

    @Test func gemmDoubleAllTransposes() { checkGemm(Double.self, tolerance: 1e-14, seed: 11) }
    @Test func gemmFloatAllTransposes() { checkGemm(Float.self, tolerance: 1e-6, seed: 12) }

    func checkGemv<T: BLASScalar>(_ type: T.Type, tolerance: Double, seed: UInt64) {
        var gen = SeededGenerator(seed: seed)
        for (m, n) in [(7, 5), (1, 9), (12, 1), (31, 23)] {
            let a = Matrix<T>(rows: m, cols: n, data: (0..<(m * n)).map { _ in T(gen.nextGaussian()) })
            for trans in [false, true] {
                let xl = trans ? m : n, yl = trans ? n : m
                let x = (0..<xl).map { _ in T(gen.nextGaussian()) }
                let y0 = (0..<yl).map { _ in T(gen.nextGaussian()) }
                var y = y0
                a.data.withUnsafeBufferPointer { pa in
                    x.withUnsafeBufferPointer { px in
                        y.withUnsafeMutableBufferPointer { py in
                            T.gemv(trans: trans, m: m, n: n, alpha: T(0.5), a: pa.baseAddress!, lda: n,
                                   x: px.baseAddress!, incx: 1, beta: T(2), y: py.baseAddress!, incy: 1)
                        }
                    }
                }
                let applied = a.apply(x, transposed: trans)
                #expect(applied.count == yl)
                var worst = 0.0, worstApply = 0.0
                for i in 0..<yl {
                    var s = 0.0, sa = 0.0
                    for l in 0..<xl {
                        let aij = trans ? a[l, i] : a[i, l]
                        s += Double(aij) * Double(x[l])
                        sa += abs(Double(aij) * Double(x[l]))
                    }
                    let expected = 0.5 * s + 2 * Double(y0[i])
                    worst = max(worst, abs(Double(y[i]) - expected) / (0.5 * sa + 2 * abs(Double(y0[i])) + 1e-300))
                    worstApply = max(worstApply, abs(Double(applied[i]) - s) / (sa + 1e-300))
                }
                #expect(worst <= tolerance, "gemv \(T.dtype) \(m)x\(n) trans=\(trans): \(worst)")
                #expect(worstApply <= tolerance, "apply \(T.dtype) \(m)x\(n) trans=\(trans): \(worstApply)")
            }
        }
    }

    @Test func gemvDoubleBothTransposes() { checkGemv(Double.self, tolerance: 1e-14, seed: 21) }
    @Test func gemvFloatBothTransposes() { checkGemv(Float.self, tolerance: 1e-6, seed: 22) }

    @Test func smallProductByHand() {
        let a = Matrix<Double>([[1, 2, 3], [4, 5, 6]])
        let b = Matrix<Double>([[7, 8], [9, 10], [11, 12]])
        #expect((a * b) == Matrix([[58, 64], [139, 154]]))
        #expect(Matrix.product(a, transA: true, a) == Matrix([[17, 22, 27], [22, 29, 36], [27, 36, 45]]))
        #expect(Matrix.product(a, a, transB: true) == Matrix([[14, 32], [32, 77]]))
        #expect(a.apply([1, 0, -1]) == [-2, -2])
        #expect(a.apply([1, -1], transposed: true) == [-3, -3, -3])
    }

    @Test func dotAxpyScal() {
        var y: [Double] = [1, 2, 3]
        let x: [Double] = [4, 5, 6]
        #expect(Double.dot(n: 3, x: x, y: y) == 32)
        y.withUnsafeMutableBufferPointer { Double.axpy(n: 3, alpha: 2, x: x, y: $0.baseAddress!) }
        #expect(y == [9, 12, 15])
        y.withUnsafeMutableBufferPointer { Double.scal(n: 3, alpha: -1, x: $0.baseAddress!) }
        #expect(y == [-9, -12, -15])
        var yf: [Float] = [1, 2]
        yf.withUnsafeMutableBufferPointer { Float.axpy(n: 2, alpha: 0.5, x: [2, 4], y: $0.baseAddress!) }
        #expect(yf == [2, 4])
    }

    @Test func symmetrizedAndAsymmetry() {
        let a = Matrix<Double>([[1, 2], [4, 3]])
        #expect(a.asymmetry == 2)
        #expect(a.symmetrized == Matrix([[1, 3], [3, 3]]))
        #expect(a.symmetrized.asymmetry == 0)
    }
}
