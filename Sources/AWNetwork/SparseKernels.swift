import AWLinearAlgebra

/// First-layer products with a CSR input, register-blocked on SIMD vectors.
///
/// Layout: layer 0's transposed weights `W_0^T` are `[N_0, stride]` with `stride` = N_1 rounded up
/// to a whole block (4 vectors: 32 Floats or 16 Doubles) and the padding columns exactly 0. A block
/// of 4 accumulators stays in registers while the nonzeros of one sample stream by, so each
/// nonzero costs 4 vector multiply-adds per block and no alias checks or scalar tails.
enum SparseKernels {
    static let vectorsPerBlock = 4

    /// Scratch values the gradient kernel needs (one block).
    static let scratchCount = 32

    /// The row stride of layer 0's weight block for width `n`.
    static func paddedWidth<T>(_ n: Int, for type: T.Type) -> Int {
        let block = vectorsPerBlock * (T.self == Double.self ? 4 : 8)
        return (n + block - 1) / block * block
    }

    @inline(__always)
    private static func cast<A, B>(_ p: UnsafePointer<A>, _ b: B.Type) -> UnsafePointer<B> {
        UnsafeRawPointer(p).assumingMemoryBound(to: B.self)
    }

    @inline(__always)
    private static func castMutable<A, B>(_ p: UnsafeMutablePointer<A>, _ b: B.Type) -> UnsafeMutablePointer<B> {
        UnsafeMutableRawPointer(p).assumingMemoryBound(to: B.self)
    }

    /// `z[b, 0..<n1] = sum_p x[row_b, col_p] * W_0^T[col_p, 0..<n1]` for the selected rows. Whole
    /// blocks are stored, so up to `stride - n1` values past row b's end are written (overwritten
    /// by the next row; the buffer has one padded row of slack).
    @inline(__always)
    static func forward<T: BLASScalar>(_ csr: SparseRows<T>, _ sel: RowSelection, into z: UnsafeMutablePointer<T>,
                                       n1: Int, weights w: UnsafePointer<T>, stride: Int) {
        if T.self == Float.self {
            forwardKernel(SIMD8<Float>.self, csr.rowStart, csr.columns, cast(UnsafePointer(csr.values), Float.self), sel,
                          castMutable(z, Float.self), n1, cast(w, Float.self), stride)
        } else if T.self == Double.self {
            forwardKernel(SIMD4<Double>.self, csr.rowStart, csr.columns, cast(UnsafePointer(csr.values), Double.self), sel,
                          castMutable(z, Double.self), n1, cast(w, Double.self), stride)
        } else {
            for b in 0..<sel.count {
                let r = sel.row(b)
                let zr = z + b * n1
                zr.update(repeating: 0, count: n1)
                for p in Int(csr.rowStart[r])..<Int(csr.rowStart[r + 1]) {
                    let v = csr.values[p]
                    let wr = w + Int(csr.columns[p]) * stride
                    for j in 0..<n1 { zr[j] += v * wr[j] }
                }
            }
        }
    }

    @inline(__always)
    static func forwardKernel<V: SIMD>(_: V.Type, _ rowStart: UnsafePointer<Int32>, _ columns: UnsafePointer<Int32>,
                                       _ values: UnsafePointer<V.Scalar>, _ sel: RowSelection,
                                       _ z: UnsafeMutablePointer<V.Scalar>, _ n1: Int,
                                       _ w: UnsafePointer<V.Scalar>, _ stride: Int) where V.Scalar: BinaryFloatingPoint {
        let bytes = V.scalarCount * MemoryLayout<V.Scalar>.stride
        let block = vectorsPerBlock * V.scalarCount
        for b in 0..<sel.count {
            let r = sel.row(b)
            let p0 = Int(rowStart[r]), p1 = Int(rowStart[r + 1])
            let zr = z + b * n1
            var jb = 0
            while jb < n1 {
                var a0 = V(repeating: 0), a1 = V(repeating: 0), a2 = V(repeating: 0), a3 = V(repeating: 0)
                let wb = w + jb
                var p = p0
                while p < p1 {
                    let v = V(repeating: values[p])
                    let wr = UnsafeRawPointer(wb + Int(columns[p]) * stride)
                    a0 += v * wr.loadUnaligned(as: V.self)
                    a1 += v * wr.loadUnaligned(fromByteOffset: bytes, as: V.self)
                    a2 += v * wr.loadUnaligned(fromByteOffset: 2 * bytes, as: V.self)
                    a3 += v * wr.loadUnaligned(fromByteOffset: 3 * bytes, as: V.self)
                    p += 1
                }
                let zb = UnsafeMutableRawPointer(zr + jb)
                zb.storeBytes(of: a0, as: V.self)
                zb.storeBytes(of: a1, toByteOffset: bytes, as: V.self)
                zb.storeBytes(of: a2, toByteOffset: 2 * bytes, as: V.self)
                zb.storeBytes(of: a3, toByteOffset: 3 * bytes, as: V.self)
                jb += block
            }
        }
    }

    /// `g[col, 0..<n1] (+)= alpha * sum over selected rows b and their nonzeros of x * delta[b, 0..<n1]`,
    /// `g` = `[rows, stride]`; the padding columns receive exactly 0.
    @inline(__always)
    static func weightGradient<T: BLASScalar>(_ csr: SparseRows<T>, _ sel: RowSelection, delta: UnsafePointer<T>, n1: Int,
                                              into g: UnsafeMutablePointer<T>, stride: Int, rows: Int, accumulate: Bool,
                                              alpha: T = 1, scratch: UnsafeMutablePointer<T>) {
        if !accumulate { g.update(repeating: 0, count: rows * stride) }
        if T.self == Float.self {
            gradientKernel(SIMD8<Float>.self, csr.rowStart, csr.columns, cast(UnsafePointer(csr.values), Float.self), sel,
                           cast(delta, Float.self), n1, castMutable(g, Float.self), stride, castMutable(scratch, Float.self),
                           unsafeBitCast(alpha, to: Float.self))
        } else if T.self == Double.self {
            gradientKernel(SIMD4<Double>.self, csr.rowStart, csr.columns, cast(UnsafePointer(csr.values), Double.self), sel,
                           cast(delta, Double.self), n1, castMutable(g, Double.self), stride, castMutable(scratch, Double.self),
                           unsafeBitCast(alpha, to: Double.self))
        } else {
            for b in 0..<sel.count {
                let r = sel.row(b)
                let dr = delta + b * n1
                for p in Int(csr.rowStart[r])..<Int(csr.rowStart[r + 1]) {
                    let v = alpha * csr.values[p]
                    let gr = g + Int(csr.columns[p]) * stride
                    for j in 0..<n1 { gr[j] += v * dr[j] }
                }
            }
        }
    }

    @inline(__always)
    static func gradientKernel<V: SIMD>(_: V.Type, _ rowStart: UnsafePointer<Int32>, _ columns: UnsafePointer<Int32>,
                                        _ values: UnsafePointer<V.Scalar>, _ sel: RowSelection,
                                        _ delta: UnsafePointer<V.Scalar>, _ n1: Int,
                                        _ g: UnsafeMutablePointer<V.Scalar>, _ stride: Int,
                                        _ t: UnsafeMutablePointer<V.Scalar>, _ alpha: V.Scalar) where V.Scalar: BinaryFloatingPoint {
        let bytes = V.scalarCount * MemoryLayout<V.Scalar>.stride
        let block = vectorsPerBlock * V.scalarCount
        // `t` (at least `block` values): one zero-padded copy of a row's last, partial block of deltas.
        do {
            for b in 0..<sel.count {
                let r = sel.row(b)
                let p0 = Int(rowStart[r]), p1 = Int(rowStart[r + 1])
                let dr = delta + b * n1
                var jb = 0
                while jb < n1 {
                    let src: UnsafeRawPointer
                    if jb + block <= n1 {
                        src = UnsafeRawPointer(dr + jb)
                    } else {
                        for k in 0..<block { t[k] = jb + k < n1 ? dr[jb + k] : 0 }
                        src = UnsafeRawPointer(t)
                    }
                    let d0 = src.loadUnaligned(as: V.self)
                    let d1 = src.loadUnaligned(fromByteOffset: bytes, as: V.self)
                    let d2 = src.loadUnaligned(fromByteOffset: 2 * bytes, as: V.self)
                    let d3 = src.loadUnaligned(fromByteOffset: 3 * bytes, as: V.self)
                    let gb = g + jb
                    var p = p0
                    while p < p1 {
                        let v = V(repeating: alpha * values[p])
                        let gr = UnsafeMutableRawPointer(gb + Int(columns[p]) * stride)
                        gr.storeBytes(of: gr.loadUnaligned(as: V.self) + v * d0, as: V.self)
                        gr.storeBytes(of: gr.loadUnaligned(fromByteOffset: bytes, as: V.self) + v * d1,
                                      toByteOffset: bytes, as: V.self)
                        gr.storeBytes(of: gr.loadUnaligned(fromByteOffset: 2 * bytes, as: V.self) + v * d2,
                                      toByteOffset: 2 * bytes, as: V.self)
                        gr.storeBytes(of: gr.loadUnaligned(fromByteOffset: 3 * bytes, as: V.self) + v * d3,
                                      toByteOffset: 3 * bytes, as: V.self)
                        p += 1
                    }
                    jb += block
                }
            }
        }
    }
}
