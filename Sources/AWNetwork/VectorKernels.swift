import AWLinearAlgebra

/// Element-wise ReLU kernels on explicit SIMD vectors, written for the concrete types: LLVM turns
/// the scalar `z = z < 0 ? 0 : z` back into a conditional store and does not vectorize it, and the
/// generic-SIMD version lowers its lane masks through memory. NaN propagates (NaN < 0 is false),
/// so divergence stays visible.
enum VectorKernels {
    @inline(__always)
    static func relu<T: BLASScalar>(_ z: UnsafeMutablePointer<T>, count: Int) {
        if T.self == Float.self {
            reluFloat(UnsafeMutableRawPointer(z).assumingMemoryBound(to: Float.self), count)
        } else if T.self == Double.self {
            reluDouble(UnsafeMutableRawPointer(z).assumingMemoryBound(to: Double.self), count)
        } else {
            for i in 0..<count where z[i] < 0 { z[i] = 0 }
        }
    }

    /// `d[i] = a[i] > 0 ? d[i] : 0` (the ReLU derivative from the activation a = relu(z)).
    @inline(__always)
    static func reluBackward<T: BLASScalar>(_ d: UnsafeMutablePointer<T>, activation a: UnsafePointer<T>, count: Int) {
        if T.self == Float.self {
            reluBackwardFloat(UnsafeMutableRawPointer(d).assumingMemoryBound(to: Float.self),
                              UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), count)
        } else if T.self == Double.self {
            reluBackwardDouble(UnsafeMutableRawPointer(d).assumingMemoryBound(to: Double.self),
                               UnsafeRawPointer(a).assumingMemoryBound(to: Double.self), count)
        } else {
            for i in 0..<count where !(a[i] > 0) { d[i] = 0 }
        }
    }

    static func reluFloat(_ z: UnsafeMutablePointer<Float>, _ count: Int) {
        var i = 0
        while i + 8 <= count {
            let p = UnsafeMutableRawPointer(z + i)
            let v = p.loadUnaligned(as: SIMD8<Float>.self)
            p.storeBytes(of: v.replacing(with: 0, where: v .< 0), as: SIMD8<Float>.self)
            i += 8
        }
        while i < count { if z[i] < 0 { z[i] = 0 }; i += 1 }
    }

    static func reluDouble(_ z: UnsafeMutablePointer<Double>, _ count: Int) {
        var i = 0
        while i + 4 <= count {
            let p = UnsafeMutableRawPointer(z + i)
            let v = p.loadUnaligned(as: SIMD4<Double>.self)
            p.storeBytes(of: v.replacing(with: 0, where: v .< 0), as: SIMD4<Double>.self)
            i += 4
        }
        while i < count { if z[i] < 0 { z[i] = 0 }; i += 1 }
    }

    static func reluBackwardFloat(_ d: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ count: Int) {
        var i = 0
        while i + 8 <= count {
            let p = UnsafeMutableRawPointer(d + i)
            let av = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
            let dv = p.loadUnaligned(as: SIMD8<Float>.self)
            p.storeBytes(of: dv.replacing(with: 0, where: .!(av .> 0)), as: SIMD8<Float>.self)
            i += 8
        }
        while i < count { if !(a[i] > 0) { d[i] = 0 }; i += 1 }
    }

    static func reluBackwardDouble(_ d: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ count: Int) {
        var i = 0
        while i + 4 <= count {
            let p = UnsafeMutableRawPointer(d + i)
            let av = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD4<Double>.self)
            let dv = p.loadUnaligned(as: SIMD4<Double>.self)
            p.storeBytes(of: dv.replacing(with: 0, where: .!(av .> 0)), as: SIMD4<Double>.self)
            i += 4
        }
        while i < count { if !(a[i] > 0) { d[i] = 0 }; i += 1 }
    }
}
