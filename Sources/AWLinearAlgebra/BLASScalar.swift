import AWCore
import COpenBLAS

/// A floating-point type with CBLAS kernels: `Float` (s*) and `Double` (d*).
public protocol BLASScalar: BinaryFloatingPoint & Sendable & Codable where Self.RawSignificand: FixedWidthInteger {
    /// C = alpha * op(A) * op(B) + beta * C, row-major, raw pointers.
    static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Self,
                     a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                     beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    /// y = alpha * op(A) * x + beta * y, row-major.
    static func gemv(trans: Bool, m: Int, n: Int, alpha: Self, a: UnsafePointer<Self>, lda: Int,
                     x: UnsafePointer<Self>, incx: Int, beta: Self, y: UnsafeMutablePointer<Self>, incy: Int)
    /// y += alpha * x
    static func axpy(n: Int, alpha: Self, x: UnsafePointer<Self>, y: UnsafeMutablePointer<Self>)
    /// x . y
    static func dot(n: Int, x: UnsafePointer<Self>, y: UnsafePointer<Self>) -> Self
    /// x *= alpha
    static func scal(n: Int, alpha: Self, x: UnsafeMutablePointer<Self>)
    /// The `model.dtype` choice this scalar is (archived as "float32" / "float64").
    static var dtype: DType { get }
    var doubleValue: Double { get }
    var exp: Self { get }
    var log: Self { get }
    var tanh: Self { get }
}

@inline(__always) private func tr(_ t: Bool) -> CBLAS_TRANSPOSE { t ? CblasTrans : CblasNoTrans }

extension Float: BLASScalar {
    @inline(__always)
    public static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                            a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                            beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, tr(transA), tr(transB), blasint(m), blasint(n), blasint(k), alpha,
                    a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }
    @inline(__always)
    public static func gemv(trans: Bool, m: Int, n: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
                            x: UnsafePointer<Float>, incx: Int, beta: Float, y: UnsafeMutablePointer<Float>, incy: Int) {
        cblas_sgemv(CblasRowMajor, tr(trans), blasint(m), blasint(n), alpha, a, blasint(lda), x, blasint(incx), beta, y, blasint(incy))
    }
    @inline(__always)
    public static func axpy(n: Int, alpha: Float, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        cblas_saxpy(blasint(n), alpha, x, 1, y, 1)
    }
    @inline(__always)
    public static func dot(n: Int, x: UnsafePointer<Float>, y: UnsafePointer<Float>) -> Float {
        cblas_sdot(blasint(n), x, 1, y, 1)
    }
    @inline(__always)
    public static func scal(n: Int, alpha: Float, x: UnsafeMutablePointer<Float>) { cblas_sscal(blasint(n), alpha, x, 1) }
    public static var dtype: DType { .float32 }
    @inline(__always) public var doubleValue: Double { Double(self) }
    @inline(__always) public var exp: Float { Libm.exp(self) }
    @inline(__always) public var log: Float { Libm.log(self) }
    @inline(__always) public var tanh: Float { Libm.tanh(self) }
}

extension Double: BLASScalar {
    @inline(__always)
    public static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                            a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                            beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        cblas_dgemm(CblasRowMajor, tr(transA), tr(transB), blasint(m), blasint(n), blasint(k), alpha,
                    a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }
    @inline(__always)
    public static func gemv(trans: Bool, m: Int, n: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
                            x: UnsafePointer<Double>, incx: Int, beta: Double, y: UnsafeMutablePointer<Double>, incy: Int) {
        cblas_dgemv(CblasRowMajor, tr(trans), blasint(m), blasint(n), alpha, a, blasint(lda), x, blasint(incx), beta, y, blasint(incy))
    }
    @inline(__always)
    public static func axpy(n: Int, alpha: Double, x: UnsafePointer<Double>, y: UnsafeMutablePointer<Double>) {
        cblas_daxpy(blasint(n), alpha, x, 1, y, 1)
    }
    @inline(__always)
    public static func dot(n: Int, x: UnsafePointer<Double>, y: UnsafePointer<Double>) -> Double {
        cblas_ddot(blasint(n), x, 1, y, 1)
    }
    @inline(__always)
    public static func scal(n: Int, alpha: Double, x: UnsafeMutablePointer<Double>) { cblas_dscal(blasint(n), alpha, x, 1) }
    public static var dtype: DType { .float64 }
    @inline(__always) public var doubleValue: Double { self }
    @inline(__always) public var exp: Double { Libm.exp(self) }
    @inline(__always) public var log: Double { Libm.log(self) }
    @inline(__always) public var tanh: Double { Libm.tanh(self) }
}

