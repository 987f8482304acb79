import AWLinearAlgebra

import AWCore

/// How the hidden nonlinearity (`AWCore.Activation`, the manifest's `model.activation`) acts.
extension Activation {
    /// Apply in place.
    @inline(__always)
    public func apply<T: BLASScalar>(_ z: inout [T]) {
        switch self {
        case .relu: for i in z.indices where z[i] < 0 { z[i] = 0 }
        case .tanh: for i in z.indices { z[i] = z[i].tanh }
        }
    }

    /// Derivative with respect to the pre-activation z, given z and the activation value a = phi(z).
    @inline(__always)
    public func derivative<T: BLASScalar>(z: T, a: T) -> T {
        switch self {
        case .relu: return z > 0 ? 1 : 0
        case .tanh: return 1 - a * a
        }
    }

    /// Second derivative phi''(z), given a = phi(z) (0 almost everywhere for ReLU).
    @inline(__always)
    public func secondDerivative<T: BLASScalar>(z: T, a: T) -> T {
        switch self {
        case .relu: return 0
        case .tanh: return -2 * a * (1 - a * a)
        }
    }
}
