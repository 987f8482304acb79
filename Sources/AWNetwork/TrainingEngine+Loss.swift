import AWCore
import AWLinearAlgebra

/// Per-sample losses, accuracy hits and the output deltas of a forward pass.
extension TrainingEngine {
    /// Per-sample losses (Double) into `perSampleLoss`, arg-max hits into `correct`, and
    /// `deltas[L-1] = scale * d(loss_k)/d(logits)`. `labels[b]` is the label of selected row b.
    /// Returns the sum of the per-sample losses.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func lossAndDelta(labels: UnsafePointer<Int>, count: Int, loss: Loss, scale: Double, computeDelta: Bool = true) -> Double {
        let c = widths[layerCount]
        let f = outputs[layerCount - 1], d = deltas[layerCount - 1]
        let e = rowScratch
        var total = 0.0
        for b in 0..<count {
            let row = f + b * c, drow = d + b * c
            let y = labels[b]
            var best = 0
            var bestValue = row[0]
            for j in 1..<c where row[j] > bestValue { best = j; bestValue = row[j] }
            correct[b] = best == y
            let l: Double
            switch loss {
            case .crossEntropy:
                var m = -Double.infinity
                for j in 0..<c { m = Swift.max(m, row[j].doubleValue) }
                var s = 0.0
                for j in 0..<c { let v = Libm.exp(row[j].doubleValue - m); e[j] = v; s += v }
                l = m + Libm.log(s) - row[y].doubleValue
                if computeDelta {
                    let inv = 1 / s
                    for j in 0..<c { drow[j] = T((e[j] * inv - (j == y ? 1 : 0)) * scale) }
                }
            case .meanSquaredError:
                var s = 0.0
                let g = 2 / Double(c) * scale
                for j in 0..<c {
                    let r = row[j].doubleValue - (j == y ? 1 : 0)
                    s += r * r
                    if computeDelta { drow[j] = T(r * g) }
                }
                l = s / Double(c)
            }
            perSampleLoss[b] = l
            total += l
        }
        return total
    }
}
