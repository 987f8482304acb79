import AWCore
import AWLinearAlgebra

/// Preallocated buffers and the kernels of forward pass, loss, backward pass and SGD step for one
/// network shape and a maximum number of rows per pass. Nothing in `forward`, `lossAndDelta`,
/// `backward` or `sgdStep` allocates.
///
/// Parameters live in one flat vector `theta`: layer `l`'s weights TRANSPOSED, `W_l^T` of shape
/// `[N_l, N_{l+1}]` row-major, at `weightOffset[l]`, then the biases at `biasOffset[l]`. The
/// transposed layout makes the sparse first-layer kernel a sequence of contiguous row updates and
/// keeps every dense product a plain CBLAS call. `load(_:)` / `exportModel()` convert.
///
/// This file holds the storage (layout, buffers, allocation); the kernels are extensions by stage:
/// `+Parameters` (load / export / norm), `+Forward`, `+Loss`, `+Backward`, `+Update` (weight decay,
/// SGD step) and `+Passes` (whole-set evaluation and gradients).
final class TrainingEngine<T: BLASScalar> {
    let widths: [Int]
    let layerCount: Int
    let activation: Activation
    let hasBias: Bool
    let capacity: Int
    /// Number of real parameters (weights and biases).
    let parameterCount: Int
    /// Length of `theta` / `grad`: layer 0's block has row stride `weightStride[0] >= N_1` (a
    /// multiple of the SIMD block, padding columns held at exactly 0).
    let storageCount: Int
    let weightOffset: [Int]
    let weightStride: [Int]
    let biasOffset: [Int]

    let theta: UnsafeMutablePointer<T>
    let grad: UnsafeMutablePointer<T>
    let velocity: UnsafeMutablePointer<T>?
    /// outputs[l]: layer l's pre-activation, made the activation in place for hidden layers;
    /// outputs[L-1] are the logits. `[capacity, N_{l+1}]`.
    let outputs: [UnsafeMutablePointer<T>]
    /// deltas[l]: d(objective)/d(pre-activation of layer l), `[capacity, N_{l+1}]`.
    let deltas: [UnsafeMutablePointer<T>]
    /// Dense first-layer input when it must be gathered, `[capacity, N_0]`.
    let gathered: UnsafeMutablePointer<T>
    /// The dense layer whose INPUT is dropped out (-1: none), its mask and dropped activity.
    let dropoutLayer: Int
    let dropoutRate: Double
    let dropMask: UnsafeMutablePointer<T>?
    let dropped: UnsafeMutablePointer<T>?
    let perSampleLoss: UnsafeMutablePointer<Double>
    let correct: UnsafeMutablePointer<Bool>
    let batchLabels: UnsafeMutablePointer<Int>
    let rowScratch: UnsafeMutablePointer<Double>
    let blockScratch: UnsafeMutablePointer<T>
    /// Column sums of a delta block (bias gradients), `max N_l` values.
    let rowScratchT: UnsafeMutablePointer<T>

    /// Dropout generator (training mode only).
    var dropoutGenerator: SeededGenerator
    /// Set by `forward`, read by `backward`: the dense input of layer 0 and whether a mask was applied
    /// (written only by `TrainingEngine+Forward.swift`).
    var denseInput0: UnsafePointer<T>?
    var maskApplied = false

    init(widths: [Int], activation: Activation, hasBias: Bool, capacity: Int, momentum: Bool,
         dropoutLayer: Int, dropoutRate: Double, dropoutGenerator: SeededGenerator) {
        precondition(widths.count >= 2 && capacity >= 1)
        self.widths = widths
        self.layerCount = widths.count - 1
        self.activation = activation
        self.hasBias = hasBias
        self.capacity = capacity
        var wo: [Int] = [], ws: [Int] = [], off = 0, real = 0
        for l in 0..<layerCount {
            let stride = l == 0 ? SparseKernels.paddedWidth(widths[1], for: T.self) : widths[l + 1]
            wo.append(off); ws.append(stride)
            off += widths[l] * stride
            real += widths[l] * widths[l + 1]
        }
        var bo: [Int] = []
        if hasBias { for l in 0..<layerCount { bo.append(off); off += widths[l + 1]; real += widths[l + 1] } }
        weightOffset = wo
        weightStride = ws
        biasOffset = bo
        parameterCount = real
        storageCount = off
        theta = .allocate(capacity: off); theta.initialize(repeating: 0, count: off)
        grad = .allocate(capacity: off); grad.initialize(repeating: 0, count: off)
        if momentum {
            let v = UnsafeMutablePointer<T>.allocate(capacity: off)
            v.initialize(repeating: 0, count: off)
            velocity = v
        } else {
            velocity = nil
        }
        // layer 0's output gets one padded row of slack: the sparse kernel stores whole SIMD blocks
        outputs = (0..<layerCount).map { l in
            let n = capacity * widths[l + 1] + (l == 0 ? ws[0] : 0)
            let p = UnsafeMutablePointer<T>.allocate(capacity: n)
            p.initialize(repeating: 0, count: n)
            return p
        }
        deltas = (0..<layerCount).map { l in
            let p = UnsafeMutablePointer<T>.allocate(capacity: capacity * widths[l + 1])
            p.initialize(repeating: 0, count: capacity * widths[l + 1])
            return p
        }
        gathered = .allocate(capacity: capacity * widths[0])
        gathered.initialize(repeating: 0, count: capacity * widths[0])
        precondition(dropoutLayer < layerCount)
        self.dropoutLayer = dropoutLayer
        self.dropoutRate = dropoutRate
        if dropoutLayer >= 0 {
            let n = capacity * widths[dropoutLayer]
            let m = UnsafeMutablePointer<T>.allocate(capacity: n); m.initialize(repeating: 0, count: n)
            let d = UnsafeMutablePointer<T>.allocate(capacity: n); d.initialize(repeating: 0, count: n)
            dropMask = m
            dropped = d
        } else {
            dropMask = nil
            dropped = nil
        }
        perSampleLoss = .allocate(capacity: capacity); perSampleLoss.initialize(repeating: 0, count: capacity)
        correct = .allocate(capacity: capacity); correct.initialize(repeating: false, count: capacity)
        batchLabels = .allocate(capacity: capacity); batchLabels.initialize(repeating: 0, count: capacity)
        let c = widths[layerCount]
        rowScratch = .allocate(capacity: c); rowScratch.initialize(repeating: 0, count: c)
        blockScratch = .allocate(capacity: SparseKernels.scratchCount)
        blockScratch.initialize(repeating: 0, count: SparseKernels.scratchCount)
        let widest = widths.max()!
        rowScratchT = .allocate(capacity: widest); rowScratchT.initialize(repeating: 0, count: widest)
        self.dropoutGenerator = dropoutGenerator
    }

    deinit {
        theta.deallocate(); grad.deallocate(); velocity?.deallocate()
        for p in outputs { p.deallocate() }
        for p in deltas { p.deallocate() }
        gathered.deallocate(); dropMask?.deallocate(); dropped?.deallocate()
        perSampleLoss.deallocate(); correct.deallocate(); batchLabels.deallocate(); rowScratch.deallocate()
        blockScratch.deallocate(); rowScratchT.deallocate()
    }
}
