import AWLinearAlgebra

/// Evaluation-mode forward passes (no dropout), for whole batches `X` of shape `[batch, N_0]`.
extension MLP {
    /// Everything a forward pass computes: `inputs[l]` is the activity entering dense layer `l`
    /// (`inputs[0] = X`), `preactivations[l] = inputs[l] W_l^T (+ b_l)`; the last preactivation is the logits.
    public struct Trace: Sendable {
        public var inputs: [Matrix<T>]
        public var preactivations: [Matrix<T>]
        public var logits: Matrix<T> { preactivations[preactivations.count - 1] }
    }

    /// Forward pass keeping every layer's input and pre-activation.
    public func trace(_ x: Matrix<T>) -> Trace {
        precondition(x.cols == inputSize, "forward: input has \(x.cols) features, network expects \(inputSize)")
        var inputs: [Matrix<T>] = [x]
        var pre: [Matrix<T>] = []
        var a = x
        for l in 0..<layerCount {
            var z = Matrix<T>.product(a, weights[l], transB: true)
            if hasBias { z.addRowVector(biases[l]) }
            pre.append(z)
            if l < layerCount - 1 {
                a = z
                activation.apply(&a.data)
                inputs.append(a)
            }
        }
        return Trace(inputs: inputs, preactivations: pre)
    }

    /// Logits `[batch, N_L]`.
    public func logits(_ x: Matrix<T>) -> Matrix<T> { forward(from: 0, input: x) }

    /// The activity entering dense layer `layer` (0-based) for a batch of inputs.
    public func activity(_ x: Matrix<T>, atLayer layer: Int) -> Matrix<T> {
        precondition(layer >= 0 && layer < layerCount)
        var a = x
        for l in 0..<layer {
            var z = Matrix<T>.product(a, weights[l], transB: true)
            if hasBias { z.addRowVector(biases[l]) }
            activation.apply(&z.data)
            a = z
        }
        return a
    }

    /// Logits from the activity `input` entering dense layer `layer`, optionally with that
    /// layer's weights replaced (the duality: l(train; W + dW)).
    public func forward(from layer: Int, input: Matrix<T>, replacing replacement: Matrix<T>? = nil) -> Matrix<T> {
        var a = input
        for l in layer..<layerCount {
            let w = (l == layer ? replacement : nil) ?? weights[l]
            var z = Matrix<T>.product(a, w, transB: true)
            if hasBias { z.addRowVector(biases[l]) }
            if l < layerCount - 1 { activation.apply(&z.data) }
            a = z
        }
        return a
    }
}

extension Matrix {
    /// Add `v` to every row.
    public mutating func addRowVector(_ v: [T]) {
        precondition(v.count == cols)
        for i in 0..<rows { for j in 0..<cols { data[i * cols + j] += v[j] } }
    }
}
