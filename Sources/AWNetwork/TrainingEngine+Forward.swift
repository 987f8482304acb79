import AWCore
import AWLinearAlgebra

/// The forward pass: dense or sparse first layer, biases, activations and (inverted) dropout.
extension TrainingEngine {
    /// Forward pass over `sel` rows of `source` (at most `capacity`), leaving logits in
    /// `outputs[L-1]`. `useSparse` selects the CSR first-layer kernel (requires `source.sparse`).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func forward(_ source: InputSource<T>, _ sel: RowSelection, useSparse: Bool, dropout: DropoutMode<T>) {
        let count = sel.count
        precondition(count <= capacity)
        let n0 = widths[0], n1 = widths[1]
        let dropActive: Bool
        switch dropout { case .off: dropActive = false; default: dropActive = dropoutLayer >= 0 }
        maskApplied = dropActive

        // Layer 0.
        let z0 = outputs[0]
        if useSparse && !(dropActive && dropoutLayer == 0), let csr = source.sparse {
            denseInput0 = nil
            SparseKernels.forward(csr, sel, into: z0, n1: n1, weights: theta + weightOffset[0], stride: weightStride[0])
        } else {
            var input: UnsafePointer<T>
            if let idx = sel.indices {
                for b in 0..<count {
                    (gathered + b * n0).update(from: source.x + idx[b] * n0, count: n0)
                }
                input = UnsafePointer(gathered)
            } else {
                input = source.x + sel.start * n0
            }
            if dropActive && dropoutLayer == 0 {
                applyDropout(input: input, count: count, width: n0, sel: sel, dropout: dropout)
                input = UnsafePointer(dropped!)
            }
            denseInput0 = input
            T.gemm(transA: false, transB: false, m: count, n: n1, k: n0, alpha: 1, a: input, lda: n0,
                   b: theta + weightOffset[0], ldb: weightStride[0], beta: 0, c: z0, ldc: n1)
        }
        for l in 0..<layerCount {
            let nIn = widths[l], nOut = widths[l + 1]
            let z = outputs[l]
            if l > 0 {
                let input = inputOf(layer: l)
                T.gemm(transA: false, transB: false, m: count, n: nOut, k: nIn, alpha: 1, a: input, lda: nIn,
                       b: theta + weightOffset[l], ldb: weightStride[l], beta: 0, c: z, ldc: nOut)
            }
            if hasBias { addBias(z, theta + biasOffset[l], rows: count, cols: nOut) }
            if l < layerCount - 1 {
                applyActivation(z, count: count * nOut)
                if dropActive && dropoutLayer == l + 1 {
                    applyDropout(input: UnsafePointer(z), count: count, width: nOut, sel: sel, dropout: dropout)
                }
            }
        }
    }

    /// The dense input of layer l >= 1 in the last forward pass.
    @inline(__always)
    func inputOf(layer l: Int) -> UnsafePointer<T> {
        (maskApplied && l == dropoutLayer) ? UnsafePointer(dropped!) : UnsafePointer(outputs[l - 1])
    }

    @inline(__always)
    private func applyDropout(input: UnsafePointer<T>, count: Int, width: Int, sel: RowSelection, dropout: DropoutMode<T>) {
        let mask = dropMask!, out = dropped!
        let n = count * width
        switch dropout {
        case .off:
            return
        case .random:
            // keep with probability 1 - d, kept units scaled by 1/(1-d) (inverted dropout)
            let d = dropoutRate
            let scale = T(1 / (1 - d))
            let threshold = dropoutThreshold(d)
            var g = dropoutGenerator
            for i in 0..<n { mask[i] = g.next() >= threshold ? scale : 0 }
            dropoutGenerator = g
        case .fixed(let m):
            for b in 0..<count { (mask + b * width).update(from: m + sel.row(b) * width, count: width) }
        }
        for i in 0..<n { out[i] = input[i] * mask[i] }
    }

    @inline(__always)
    private func addBias(_ z: UnsafeMutablePointer<T>, _ bias: UnsafePointer<T>, rows: Int, cols: Int) {
        for r in 0..<rows {
            let zr = z + r * cols
            for j in 0..<cols { zr[j] += bias[j] }
        }
    }

    @inline(__always)
    private func applyActivation(_ z: UnsafeMutablePointer<T>, count: Int) {
        switch activation {
        case .relu:
            // NaN stays NaN (divergence must stay visible)
            VectorKernels.relu(z, count: count)
        case .tanh:
            for i in 0..<count { z[i] = z[i].tanh }
        }
    }
}
