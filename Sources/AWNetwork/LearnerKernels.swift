import AWLinearAlgebra

/// The element-wise kernels of several learners' steps (Trainer+Learners.swift). SSGD and DPSGD call
/// the same functions in the same order, so DPSGD on the complete graph reproduces SSGD bit for bit.
enum LearnerKernels {
    /// out = sum over `entries` (in their order) of weight x vector: the first term written, the
    /// rest added (`out[k] = out[k] + w * v[k]`).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func combine<T: BLASScalar>(into out: UnsafeMutablePointer<T>, weights: [T], vectors: [UnsafePointer<T>],
                                       count: Int) {
        precondition(!vectors.isEmpty && weights.count == vectors.count)
        let w0 = weights[0], v0 = vectors[0]
        for k in 0..<count { out[k] = w0 * v0[k] }
        for t in 1..<vectors.count {
            let w = weights[t], v = vectors[t]
            for k in 0..<count { out[k] = out[k] + w * v[k] }
        }
    }

    /// out = own + sum over the other entries of weight x (other - own): mixing in difference form,
    /// exact (out == own) when the learners are equal.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func mix<T: BLASScalar>(into out: UnsafeMutablePointer<T>, own: UnsafePointer<T>, weights: [T],
                                   others: [UnsafePointer<T>], count: Int) {
        for k in 0..<count { out[k] = own[k] }
        for t in others.indices {
            let w = weights[t], v = others[t]
            for k in 0..<count { out[k] = out[k] + w * (v[k] - own[k]) }
        }
    }

    /// theta = theta - rate x direction.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func step<T: BLASScalar>(_ theta: UnsafeMutablePointer<T>, direction: UnsafePointer<T>, rate: T, count: Int) {
        for k in 0..<count { theta[k] = theta[k] - rate * direction[k] }
    }

    /// The learners' mean into `mean` (rounded to T) and the consensus distance
    /// (1/n) sum_i |w_i - mean|^2, both in Double; the mean as w_0 + sum_i (w_i - w_0) / n, which is
    /// exactly w_0 when the learners are equal.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func meanAndConsensus<T: BLASScalar>(_ learners: [UnsafePointer<T>], into mean: UnsafeMutablePointer<T>,
                                                count: Int) -> Double {
        let n = learners.count
        let inv = 1 / Double(n)
        let w0 = learners[0]
        var spread = 0.0
        for k in 0..<count {
            let base = w0[k].doubleValue
            var offset = 0.0
            for i in 1..<n { offset += learners[i][k].doubleValue - base }
            let m = base + offset * inv
            mean[k] = T(m)
            for i in 0..<n { let d = learners[i][k].doubleValue - m; spread += d * d }
        }
        return spread * inv
    }
}
