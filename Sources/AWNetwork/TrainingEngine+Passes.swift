import AWCore
import AWLinearAlgebra

/// Whole-set passes in chunks of `capacity`: evaluation and full-batch gradients.
extension TrainingEngine {
    /// Mean loss and accuracy over `count` contiguous rows of `source` from `start`, in
    /// evaluation mode, in chunks of `capacity`. Per-sample losses are summed in order in Double.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func evaluate(_ source: InputSource<T>, labels: UnsafePointer<Int>, start: Int, count: Int,
                  loss: Loss, useSparse: Bool) -> (loss: Double, accuracy: Double) {
        var total = 0.0
        var hits = 0
        var done = 0
        while done < count {
            let n = Swift.min(capacity, count - done)
            let sel = RowSelection(indices: nil, start: start + done, count: n)
            forward(source, sel, useSparse: useSparse, dropout: .off)
            total += lossAndDelta(labels: labels + start + done, count: n, loss: loss, scale: 0, computeDelta: false)
            for b in 0..<n where correct[b] { hits += 1 }
            done += n
        }
        return count == 0 ? (0, 0) : (total / Double(count), Double(hits) / Double(count))
    }

    /// Gradient of the mean loss over `count` contiguous rows from `start` into `grad`, in chunks
    /// of `capacity`; returns the mean loss. `dropout` is `.off` or `.fixed`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func accumulateGradient(_ source: InputSource<T>, labels: UnsafePointer<Int>, start: Int, count: Int,
                            loss: Loss, useSparse: Bool, dropout: DropoutMode<T>) -> Double {
        precondition(count > 0)
        var total = 0.0
        var done = 0
        let scale = 1 / Double(count)
        while done < count {
            let n = Swift.min(capacity, count - done)
            let sel = RowSelection(indices: nil, start: start + done, count: n)
            forward(source, sel, useSparse: useSparse, dropout: dropout)
            total += lossAndDelta(labels: labels + start + done, count: n, loss: loss, scale: scale)
            backward(source, sel, useSparse: useSparse, accumulate: done > 0)
            done += n
        }
        return total / Double(count)
    }
}
