import AWCore
import AWLinearAlgebra

/// Moving parameters between a model and the flat vector `theta` (weights transposed), and its norm.
extension TrainingEngine {
    /// Copy a model's parameters into `theta` (weights transposed).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func load(_ model: MLP<T>) {
        precondition(model.widths == widths && model.hasBias == hasBias && model.activation == activation)
        for l in 0..<layerCount {
            let nIn = widths[l], nOut = widths[l + 1]
            let dst = theta + weightOffset[l]
            let ld = weightStride[l]
            model.weights[l].data.withUnsafeBufferPointer { w in
                for j in 0..<nOut { for i in 0..<nIn { dst[i * ld + j] = w[j * nIn + i] } }
            }
            if hasBias {
                model.biases[l].withUnsafeBufferPointer { b in
                    (theta + biasOffset[l]).update(from: b.baseAddress!, count: nOut)
                }
            }
        }
    }

    /// The current parameters as a model.
    func exportModel() -> MLP<T> {
        let (w, b) = unflatten(theta)
        return MLP(widths: widths, activation: activation, weights: w, biases: b)
    }

    /// A flat parameter-shaped vector (`theta` or `grad` layout) as per-layer matrices in the
    /// model's layout `[N_out, N_in]` and bias vectors.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func unflatten(_ v: UnsafePointer<T>) -> (weights: [Matrix<T>], biases: [[T]]) {
        var ws: [Matrix<T>] = []
        var bs: [[T]] = []
        for l in 0..<layerCount {
            let nIn = widths[l], nOut = widths[l + 1]
            var m = Matrix<T>(rows: nOut, cols: nIn)
            let src = v + weightOffset[l]
            let ld = weightStride[l]
            m.data.withUnsafeMutableBufferPointer { w in
                for i in 0..<nIn { for j in 0..<nOut { w[j * nIn + i] = src[i * ld + j] } }
            }
            ws.append(m)
            if hasBias { bs.append(Array(UnsafeBufferPointer(start: v + biasOffset[l], count: nOut))) }
        }
        return (ws, bs)
    }

    /// Un-squared global L2 norm of theta, accumulated in Double.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func parameterNorm() -> Double {
        var s = 0.0
        for i in 0..<storageCount { let v = theta[i].doubleValue; s += v * v }
        return s.squareRoot()
    }
}
