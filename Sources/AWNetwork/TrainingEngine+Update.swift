import AWCore
import AWLinearAlgebra

/// Weight decay and the SGD / momentum step on `theta`.
extension TrainingEngine {
    /// Add the weight-decay gradient to `grad` and return the penalty value:
    /// `.norm`: beta |theta| (gradient beta theta / |theta|, 0 at theta = 0);
    /// `.squared`: beta/2 |theta|^2 (gradient beta theta, PyTorch's weight_decay = beta).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func addWeightDecay(beta: Double, form: WeightDecayForm) -> Double {
        guard beta != 0 else { return 0 }
        let n = storageCount
        let sq = T.dot(n: n, x: theta, y: theta).doubleValue
        switch form {
        case .norm:
            let norm = sq.squareRoot()
            guard norm > 0 else { return 0 }
            T.axpy(n: n, alpha: T(beta / norm), x: theta, y: grad)
            return beta * norm
        case .squared:
            T.axpy(n: n, alpha: T(beta), x: theta, y: grad)
            return beta / 2 * sq
        }
    }

    /// theta -= lr * grad, or with momentum mu (PyTorch's SGD, dampening 0):
    /// v = mu v + grad; theta -= lr v.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func sgdStep(learningRate: Double, momentum: Double) {
        let n = storageCount
        if let v = velocity, momentum != 0 {
            T.scal(n: n, alpha: T(momentum), x: v)
            T.axpy(n: n, alpha: 1, x: grad, y: v)
            T.axpy(n: n, alpha: T(-learningRate), x: v, y: theta)
        } else {
            T.axpy(n: n, alpha: T(-learningRate), x: grad, y: theta)
        }
    }
}
