import AWCore
import AWLinearAlgebra

/// The backward pass: parameter gradients (optionally fused into an SGD update).
extension TrainingEngine {
    /// Gradients of the objective whose output deltas are in `deltas[L-1]` (set by `lossAndDelta`)
    /// with respect to all parameters, into `grad` (`accumulate`: added to it). Uses the last
    /// forward pass's activations. The input gradient of layer 0 is never formed.
    ///
    /// With `update` (= -learning rate) the gradient is not stored: each layer's products add
    /// `update * gradient` straight into `theta` (plain SGD fused into the GEMMs, after the layer's
    /// input gradient has been formed with the old weights), saving a pass over all parameters.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func backward(_ source: InputSource<T>, _ sel: RowSelection, useSparse: Bool, accumulate: Bool, update: T? = nil) {
        let count = sel.count
        let target = update == nil ? grad : theta
        let alpha = update ?? 1
        let add = accumulate || update != nil
        var l = layerCount - 1
        while l >= 0 {
            let nIn = widths[l], nOut = widths[l + 1]
            let d = deltas[l]
            if l > 0 {
                let dp = deltas[l - 1]
                // d(input) [B, nIn] = delta [B, nOut] . W_l [nOut, nIn]  (W_l^T stored [nIn, nOut])
                T.gemm(transA: false, transB: true, m: count, n: nIn, k: nOut, alpha: 1, a: d, lda: nOut,
                       b: theta + weightOffset[l], ldb: weightStride[l], beta: 0, c: dp, ldc: nIn)
                let n = count * nIn
                if maskApplied && l == dropoutLayer {
                    let mask = dropMask!
                    for i in 0..<n { dp[i] *= mask[i] }
                }
                let a = outputs[l - 1]
                switch activation {
                case .relu:
                    VectorKernels.reluBackward(dp, activation: a, count: n)
                case .tanh:
                    for i in 0..<n { dp[i] *= 1 - a[i] * a[i] }
                }
            }
            let gw = target + weightOffset[l]
            if l == 0 && denseInput0 == nil {
                precondition(useSparse)
                SparseKernels.weightGradient(source.sparse!, sel, delta: d, n1: nOut, into: gw, stride: weightStride[0],
                                             rows: widths[0], accumulate: add, alpha: alpha, scratch: blockScratch)
            } else {
                let input = l == 0 ? denseInput0! : inputOf(layer: l)
                // W_l^T gradient [nIn, nOut] = input^T [nIn, B] . delta [B, nOut]
                T.gemm(transA: true, transB: false, m: nIn, n: nOut, k: count, alpha: alpha, a: input, lda: nIn,
                       b: d, ldb: nOut, beta: add ? 1 : 0, c: gw, ldc: weightStride[l])
            }
            if hasBias {
                let gb = target + biasOffset[l]
                if !add { gb.update(repeating: 0, count: nOut) }
                let column = rowScratchT
                column.update(repeating: 0, count: nOut)
                for b in 0..<count {
                    let dr = d + b * nOut
                    for j in 0..<nOut { column[j] += dr[j] }
                }
                for j in 0..<nOut { gb[j] += alpha * column[j] }
            }
            l -= 1
        }
    }
}
