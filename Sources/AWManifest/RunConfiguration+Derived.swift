import AWCore
// Quantities implied by a configuration, used by validation, planning and (later) the runner.

extension RunConfiguration {
    /// Input features (28 x 28 pixels) for both datasets.
    public static let inputSize = 784
    /// Classes (the output width) for both datasets.
    public static let classCount = 10

    /// Layer widths from input to output: [784, H1, ..., Hm, 10].
    public var layerSizes: [Int] { [RunConfiguration.inputSize] + model.hidden + [RunConfiguration.classCount] }

    /// Number of dense (weight) layers: hidden layers + 1.
    public var denseLayerCount: Int { model.hidden.count + 1 }

    /// Shape [N_out, N_in] of the analysed layer's weight matrix (nil when `analysis.layer` is out of range).
    public var analysedLayerShape: (rows: Int, cols: Int)? {
        let sizes = layerSizes, i = analysis.layerIndex
        guard i >= 0, i + 1 < sizes.count else { return nil }
        return (sizes[i + 1], sizes[i])
    }

    /// Weights in the analysed layer (its Hessian is this many squared); saturates at Int.max.
    public var analysedLayerWeightCount: Int? { analysedLayerShape.map { $0.rows.saturatingMultiplied(by: $0.cols) } }

    /// Whether the analysed layer is too large for a dense eigensolve (then top-k Lanczos).
    public var usesLanczos: Bool { (analysedLayerWeightCount ?? 0) > analysis.denseThreshold }
}

extension RunConfiguration.Dataset {
    /// Images in the official training split (both datasets).
    public static let officialTrainCount = 60_000
    /// Images in the official test split (both datasets).
    public static let officialTestCount = 10_000

    /// Clean training samples N = 10 * train_per_class.
    public var cleanTrainCount: Int { trainPerClass.saturatingMultiplied(by: RunConfiguration.classCount) }

    /// Samples trained on: round(N / (1 - rho)) under label noise rho (as AWData's LabelNoise), else N
    /// (saturating at Int.max, so that validation can name a hostile value).
    public var trainingSetSize: Int {
        guard labelNoise > 0, labelNoise < 1 else { return cleanTrainCount }
        return Int(saturating: (Double(cleanTrainCount) / (1 - labelNoise)).rounded())
    }

    /// The smallest class of the official training split: the most an exactly balanced subset can
    /// take per class (MNIST: 5,421 images of digit 5; Fashion-MNIST: 6,000 of each class).
    public var smallestTrainClass: Int {
        switch name {
        case .mnist: return 5421
        case .fashionMNIST: return 6000
        }
    }
}
