import AWCore
// Coding of the resolved configuration. Keys are the manifest's snake_case keys. Decoding fills a
// missing key with its default, so a configuration written before a setting existed still reads
// (its canonical JSON, and therefore its run id, is recomputed only if someone re-encodes it).

extension RunConfiguration {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case dataset, model, training, analysis, seed, replicate
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        dataset = try c.decodeIfPresent(Dataset.self, forKey: .dataset) ?? dataset
        model = try c.decodeIfPresent(Model.self, forKey: .model) ?? model
        training = try c.decodeIfPresent(Training.self, forKey: .training) ?? training
        analysis = try c.decodeIfPresent(Analysis.self, forKey: .analysis) ?? analysis
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? seed
        replicate = try c.decodeIfPresent(Int.self, forKey: .replicate) ?? replicate
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(dataset, forKey: .dataset)
        try c.encode(model, forKey: .model)
        try c.encode(training, forKey: .training)
        try c.encode(analysis, forKey: .analysis)
        try c.encode(seed, forKey: .seed)
        try c.encode(replicate, forKey: .replicate)
    }
}

extension RunConfiguration.Dataset {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name
        case trainPerClass = "train_per_class"
        case selection
        case testCount = "test_count"
        case labelNoise = "label_noise"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        name = try c.decodeIfPresent(DatasetName.self, forKey: .name) ?? name
        trainPerClass = try c.decodeIfPresent(Int.self, forKey: .trainPerClass) ?? trainPerClass
        selection = try c.decodeIfPresent(SelectionScheme.self, forKey: .selection) ?? selection
        testCount = try c.decodeIfPresent(Int.self, forKey: .testCount) ?? testCount
        labelNoise = try c.decodeIfPresent(Double.self, forKey: .labelNoise) ?? labelNoise
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(trainPerClass, forKey: .trainPerClass)
        try c.encode(selection, forKey: .selection)
        try c.encode(testCount, forKey: .testCount)
        try c.encode(labelNoise, forKey: .labelNoise)
    }
}

extension RunConfiguration.Model {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case hidden, activation, bias
        case initScale = "init_scale"
        case dtype
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        hidden = try c.decodeIfPresent([Int].self, forKey: .hidden) ?? hidden
        activation = try c.decodeIfPresent(Activation.self, forKey: .activation) ?? activation
        bias = try c.decodeIfPresent(Bool.self, forKey: .bias) ?? bias
        initScale = try c.decodeIfPresent(Double.self, forKey: .initScale) ?? initScale
        dtype = try c.decodeIfPresent(DType.self, forKey: .dtype) ?? dtype
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(hidden, forKey: .hidden)
        try c.encode(activation, forKey: .activation)
        try c.encode(bias, forKey: .bias)
        try c.encode(initScale, forKey: .initScale)
        try c.encode(dtype, forKey: .dtype)
    }
}

extension RunConfiguration.Training {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case learningRate = "learning_rate"
        case batchSize = "batch_size"
        case momentum
        case weightDecay = "weight_decay"
        case weightDecayForm = "weight_decay_form"
        case weightDecayEpochs = "weight_decay_epochs"
        case dropout
        case dropoutLayer = "dropout_layer"
        case loss
        case maxEpochs = "max_epochs"
        case stopLoss = "stop_loss"
        case stopAccuracy = "stop_accuracy"
        case stopWindow = "stop_window"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? learningRate
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize) ?? batchSize
        momentum = try c.decodeIfPresent(Double.self, forKey: .momentum) ?? momentum
        weightDecay = try c.decodeIfPresent(Double.self, forKey: .weightDecay) ?? weightDecay
        weightDecayForm = try c.decodeIfPresent(WeightDecayForm.self, forKey: .weightDecayForm) ?? weightDecayForm
        weightDecayEpochs = try c.decodeIfPresent(Int.self, forKey: .weightDecayEpochs) ?? weightDecayEpochs
        dropout = try c.decodeIfPresent(Double.self, forKey: .dropout) ?? dropout
        dropoutLayer = try c.decodeIfPresent(Int.self, forKey: .dropoutLayer) ?? dropoutLayer
        loss = try c.decodeIfPresent(Loss.self, forKey: .loss) ?? loss
        maxEpochs = try c.decodeIfPresent(Int.self, forKey: .maxEpochs) ?? maxEpochs
        stopLoss = try c.decodeIfPresent(Double.self, forKey: .stopLoss) ?? stopLoss
        stopAccuracy = try c.decodeIfPresent(Double.self, forKey: .stopAccuracy) ?? stopAccuracy
        stopWindow = try c.decodeIfPresent(Int.self, forKey: .stopWindow) ?? stopWindow
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(learningRate, forKey: .learningRate)
        try c.encode(batchSize, forKey: .batchSize)
        try c.encode(momentum, forKey: .momentum)
        try c.encode(weightDecay, forKey: .weightDecay)
        try c.encode(weightDecayForm, forKey: .weightDecayForm)
        try c.encode(weightDecayEpochs, forKey: .weightDecayEpochs)
        try c.encode(dropout, forKey: .dropout)
        try c.encode(dropoutLayer, forKey: .dropoutLayer)
        try c.encode(loss, forKey: .loss)
        try c.encode(maxEpochs, forKey: .maxEpochs)
        try c.encode(stopLoss, forKey: .stopLoss)
        try c.encode(stopAccuracy, forKey: .stopAccuracy)
        try c.encode(stopWindow, forKey: .stopWindow)
    }
}

extension RunConfiguration.Analysis {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case enabled, layer, pairing
        case sharpCount = "sharp_count"
        case denseThreshold = "dense_threshold"
        case lanczosK = "lanczos_k"
        case slqProbes = "slq_probes"
        case slqSteps = "slq_steps"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? enabled
        layer = try c.decodeIfPresent(Int.self, forKey: .layer) ?? layer
        pairing = try c.decodeIfPresent(PairingDirection.self, forKey: .pairing) ?? pairing
        sharpCount = try c.decodeIfPresent(Int.self, forKey: .sharpCount) ?? sharpCount
        denseThreshold = try c.decodeIfPresent(Int.self, forKey: .denseThreshold) ?? denseThreshold
        lanczosK = try c.decodeIfPresent(Int.self, forKey: .lanczosK) ?? lanczosK
        slqProbes = try c.decodeIfPresent(Int.self, forKey: .slqProbes) ?? slqProbes
        slqSteps = try c.decodeIfPresent(Int.self, forKey: .slqSteps) ?? slqSteps
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(enabled, forKey: .enabled)
        try c.encode(layer, forKey: .layer)
        try c.encode(pairing, forKey: .pairing)
        try c.encode(sharpCount, forKey: .sharpCount)
        try c.encode(denseThreshold, forKey: .denseThreshold)
        try c.encode(lanczosK, forKey: .lanczosK)
        try c.encode(slqProbes, forKey: .slqProbes)
        try c.encode(slqSteps, forKey: .slqSteps)
    }
}
