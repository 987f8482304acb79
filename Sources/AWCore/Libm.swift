#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C math library's functions, wrapped once for every module: the numerical core and the
/// figures call these, never a private wrapper of their own (statistics code that needs a
/// function not listed here, e.g. `lgamma`, calls Foundation's directly). Each is the platform libm routine itself, so results are
/// bit-identical to calling it directly; `@inlinable` keeps the call as cheap across modules.
public enum Libm {
    #if canImport(Glibc)
    /// e^x (libm `exp`).
    @inlinable @inline(__always) public static func exp(_ x: Double) -> Double { Glibc.exp(x) }
    /// Natural logarithm (libm `log`).
    @inlinable @inline(__always) public static func log(_ x: Double) -> Double { Glibc.log(x) }
    /// Base-10 logarithm (libm `log10`).
    @inlinable @inline(__always) public static func log10(_ x: Double) -> Double { Glibc.log10(x) }
    /// Cosine (libm `cos`).
    @inlinable @inline(__always) public static func cos(_ x: Double) -> Double { Glibc.cos(x) }
    @inlinable @inline(__always) public static func sin(_ x: Double) -> Double { Glibc.sin(x) }
    /// Hyperbolic tangent (libm `tanh`).
    @inlinable @inline(__always) public static func tanh(_ x: Double) -> Double { Glibc.tanh(x) }
    /// e^x in single precision (libm `expf`).
    @inlinable @inline(__always) public static func exp(_ x: Float) -> Float { Glibc.expf(x) }
    /// Natural logarithm in single precision (libm `logf`).
    @inlinable @inline(__always) public static func log(_ x: Float) -> Float { Glibc.logf(x) }
    /// Hyperbolic tangent in single precision (libm `tanhf`).
    @inlinable @inline(__always) public static func tanh(_ x: Float) -> Float { Glibc.tanhf(x) }
    #elseif canImport(Darwin)
    /// e^x (libm `exp`).
    @inlinable @inline(__always) public static func exp(_ x: Double) -> Double { Darwin.exp(x) }
    /// Natural logarithm (libm `log`).
    @inlinable @inline(__always) public static func log(_ x: Double) -> Double { Darwin.log(x) }
    /// Base-10 logarithm (libm `log10`).
    @inlinable @inline(__always) public static func log10(_ x: Double) -> Double { Darwin.log10(x) }
    /// Cosine (libm `cos`).
    @inlinable @inline(__always) public static func cos(_ x: Double) -> Double { Darwin.cos(x) }
    @inlinable @inline(__always) public static func sin(_ x: Double) -> Double { Darwin.sin(x) }
    /// Hyperbolic tangent (libm `tanh`).
    @inlinable @inline(__always) public static func tanh(_ x: Double) -> Double { Darwin.tanh(x) }
    /// e^x in single precision (libm `expf`).
    @inlinable @inline(__always) public static func exp(_ x: Float) -> Float { Darwin.expf(x) }
    /// Natural logarithm in single precision (libm `logf`).
    @inlinable @inline(__always) public static func log(_ x: Float) -> Float { Darwin.logf(x) }
    /// Hyperbolic tangent in single precision (libm `tanhf`).
    @inlinable @inline(__always) public static func tanh(_ x: Float) -> Float { Darwin.tanhf(x) }
    #endif
}
