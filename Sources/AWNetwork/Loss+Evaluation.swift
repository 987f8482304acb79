import AWCore
import AWLinearAlgebra

/// How a training objective (`AWCore.Loss`, the manifest's `training.loss`) is evaluated.
extension Loss {
    /// Per-sample losses, accumulated in Double, for logits `[batch, C]`.
    public func perSample<T: BLASScalar>(logits: Matrix<T>, labels: [Int]) -> [Double] {
        precondition(labels.count == logits.rows)
        let c = logits.cols
        var out = [Double](repeating: 0, count: logits.rows)
        logits.data.withUnsafeBufferPointer { f in
            for k in 0..<logits.rows {
                let row = f.baseAddress! + k * c
                switch self {
                case .crossEntropy:
                    var m = -Double.infinity
                    for j in 0..<c { m = max(m, row[j].doubleValue) }
                    var s = 0.0
                    for j in 0..<c { s += Libm.exp(row[j].doubleValue - m) }
                    out[k] = m + Libm.log(s) - row[labels[k]].doubleValue
                case .meanSquaredError:
                    var s = 0.0
                    for j in 0..<c {
                        let d = row[j].doubleValue - (j == labels[k] ? 1 : 0)
                        s += d * d
                    }
                    out[k] = s / Double(c)
                }
            }
        }
        return out
    }

    /// Mean loss over the batch.
    public func mean<T: BLASScalar>(logits: Matrix<T>, labels: [Int]) -> Double {
        let l = perSample(logits: logits, labels: labels)
        return l.isEmpty ? 0 : l.reduce(0, +) / Double(l.count)
    }
}

/// Softmax probabilities per row, in Double.
public func softmaxRows<T: BLASScalar>(_ logits: Matrix<T>) -> Matrix<Double> {
    var p = Matrix<Double>(rows: logits.rows, cols: logits.cols)
    let c = logits.cols
    for k in 0..<logits.rows {
        var m = -Double.infinity
        for j in 0..<c { m = max(m, logits[k, j].doubleValue) }
        var s = 0.0
        for j in 0..<c { let e = Libm.exp(logits[k, j].doubleValue - m); p[k, j] = e; s += e }
        for j in 0..<c { p[k, j] /= s }
    }
    return p
}

/// Fraction of rows whose arg-max equals the label (ties: the lowest index).
public func accuracy<T: BLASScalar>(logits: Matrix<T>, labels: [Int]) -> Double {
    guard logits.rows > 0 else { return 0 }
    var correct = 0
    for k in 0..<logits.rows {
        var best = 0
        for j in 1..<logits.cols where logits[k, j] > logits[k, best] { best = j }
        if best == labels[k] { correct += 1 }
    }
    return Double(correct) / Double(logits.rows)
}

