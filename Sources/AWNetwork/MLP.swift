import AWCore
import AWLinearAlgebra

/// A fully connected feed-forward network: dense layers with an activation between them and
/// linear logits at the end. Bias-free by default (the paper's networks).
///
/// `widths = [N_0, N_1, ..., N_L]`; dense layer `l` (0-based) maps `N_l -> N_{l+1}` with weights
/// `weights[l]` of shape `[N_{l+1}, N_l]` and optional bias `biases[l]` of length `N_{l+1}`.
/// Dropout is a training-time operation (see the trainer); evaluation here is deterministic.
public struct MLP<T: BLASScalar>: Equatable, Sendable {
    public var widths: [Int]
    public var activation: Activation
    public var weights: [Matrix<T>]
    /// Empty when the network has no biases, else one vector per layer.
    public var biases: [[T]]

    public var layerCount: Int { weights.count }
    public var hasBias: Bool { !biases.isEmpty }
    public var inputSize: Int { widths[0] }
    public var outputSize: Int { widths[widths.count - 1] }

    public init(widths: [Int], activation: Activation, weights: [Matrix<T>], biases: [[T]] = []) {
        precondition(widths.count >= 2 && weights.count == widths.count - 1)
        for l in 0..<weights.count {
            precondition(weights[l].rows == widths[l + 1] && weights[l].cols == widths[l], "MLP: layer \(l + 1) shape")
        }
        precondition(biases.isEmpty || biases.count == weights.count)
        self.widths = widths
        self.activation = activation
        self.weights = weights
        self.biases = biases
    }

    /// The paper's initialization: every weight uniform in (-1/sqrt(fan_in), 1/sqrt(fan_in)),
    /// then multiplied by `initScale`. Biases (if any) the same way, as in PyTorch's nn.Linear.
    public init(widths: [Int], activation: Activation = .relu, bias: Bool = false,
                initScale: Double = 1, generator: inout SeededGenerator) {
        var ws: [Matrix<T>] = []
        var bs: [[T]] = []
        for l in 0..<(widths.count - 1) {
            let fanIn = widths[l], fanOut = widths[l + 1]
            let bound = 1 / Double(fanIn).squareRoot()
            var w = Matrix<T>(rows: fanOut, cols: fanIn)
            for i in 0..<w.data.count { w.data[i] = T((generator.nextDouble() * 2 - 1) * bound * initScale) }
            ws.append(w)
            if bias {
                bs.append((0..<fanOut).map { _ in T((generator.nextDouble() * 2 - 1) * bound * initScale) })
            }
        }
        self.init(widths: widths, activation: activation, weights: ws, biases: bs)
    }

    /// Total number of trainable parameters.
    public var parameterCount: Int { weights.reduce(0) { $0 + $1.count } + biases.reduce(0) { $0 + $1.count } }

    /// Un-squared global L2 norm of all weights (and biases), accumulated in Double.
    public var globalNorm: Double {
        var s = 0.0
        for w in weights { for v in w.data { s += v.doubleValue * v.doubleValue } }
        for b in biases { for v in b { s += v.doubleValue * v.doubleValue } }
        return s.squareRoot()
    }

    public func converted<U: BLASScalar>(to: U.Type = U.self) -> MLP<U> {
        MLP<U>(widths: widths, activation: activation, weights: weights.map { $0.converted(to: U.self) },
               biases: biases.map { $0.map { U($0) } })
    }
}
