import AWCore

// THE settings table: every manifest setting is one row here (plus its stored property in
// RunConfiguration.swift). Order is document order: docs/MANIFESTS.md's table, `awd settings`
// and the unknown-key suggestions follow it. A row added from now on ends in `.addedLater()`:
// the canonical JSON then leaves it out at its default, so no existing run id moves.

extension ManifestSetting {
    public static let all: [ManifestSetting] = [
        // dataset
        choice("dataset.name", \.dataset.name, "the dataset (28 x 28 grey images, 10 classes)",
               display: .init("dataset")),
        integer("dataset.train_per_class", \.dataset.trainPerClass, .integer(min: 1, max: trainPerClassLimit),
                "clean training samples per class, N_c = N / 10",
                allowed: ">= 1; balanced selection: at most 5,421 per class for MNIST (digit 5), 6,000 for Fashion-MNIST, "
                    + "counting the label-noise enlargement; first_n_shuffled: at most 60,000 images",
                display: .init("training samples per class", plot: "N#dc#u", text: "N_c", logAxis: true)),
        choice("dataset.selection", \.dataset.selection, "how the training subset is chosen from a seeded shuffle",
               allowed: "`balanced` (exactly train_per_class of each class), "
                   + "`first_n_shuffled` (the authors': the first 10 x train_per_class of a seeded shuffle)",
               display: .init("training-set selection")),
        integer("dataset.test_count", \.dataset.testCount,
                .integer(min: 1, max: { _ in .limit(RunConfiguration.Dataset.officialTestCount) }),
                "test samples: the first test_count images of the official test split",
                allowed: "1...10000", display: .init("test samples")),
        number("dataset.label_noise", \.dataset.labelNoise, .halfOpen(0, 1),
               "label-noise fraction rho: the set is enlarged to round(N / (1 - rho)) and the last rho fraction corrupted",
               display: .init("label-noise fraction", plot: "#gr", text: "ρ")),
        // model
        integerList("model.hidden", \.model.hidden, min: 1,
                    "hidden-layer widths, input side first; input 784 and output 10 are implied",
                    allowed: "non-empty, each >= 1", display: .init("hidden width", plot: "H", logAxis: true)),
        choice("model.activation", \.model.activation, "hidden nonlinearity (the output layer is linear)",
               display: .init("activation")),
        boolean("model.bias", \.model.bias, "whether dense layers carry biases (the paper: no)", display: .init("bias")),
        number("model.init_scale", \.model.initScale, .greater(0),
               "every initial weight (PyTorch's U(-1/sqrt(fan_in), 1/sqrt(fan_in))) times s",
               display: .init("init scale", plot: "s")),
        choice("model.dtype", \.model.dtype, "floating-point type of training and analysis", display: .init("dtype")),
        // training
        number("training.learning_rate", \.training.learningRate, .greater(0), "constant SGD learning rate eta",
               display: .init("learning rate", plot: "#gy", text: "η", logAxis: true)),
        integer("training.batch_size", \.training.batchSize, .integer(min: 1, max: batchSizeLimit),
                "minibatch size B, per learner (sgd keeps the last partial batch of an epoch; several learners leave the remainder out)",
                allowed: "1 ... training-set size = round(10 x train_per_class / (1 - label_noise))",
                display: .init("batch size", plot: "B", logAxis: true)),
        number("training.momentum", \.training.momentum, .halfOpen(0, 1), "SGD momentum (PyTorch's form; 0: plain SGD)",
               display: .init("momentum", plot: "#gm", text: "μ")).constrained(oneLearnerOnly("training.momentum", \.training.momentum)),
        number("training.weight_decay", \.training.weightDecay, .atLeast(0), "weight-decay strength beta",
               display: .init("weight decay", plot: "#gb", text: "β")).constrained(oneLearnerOnly("training.weight_decay", \.training.weightDecay)),
        choice("training.weight_decay_form", \.training.weightDecayForm, "the weight-decay penalty's form",
               allowed: "`norm` (beta x \\|theta\\|_2, un-squared, the paper's), `squared` ((beta / 2) x \\|theta\\|_2^2, "
                   + "gradient beta x theta, as PyTorch's weight_decay)",
               display: .init("weight-decay form")),
        integer("training.weight_decay_epochs", \.training.weightDecayEpochs, .atLeast(0),
                "weight decay applies during the first this-many epochs", display: .init("weight-decay epochs", unit: "epochs")),
        number("training.dropout", \.training.dropout, .halfOpen(0, 1), "inverted-dropout rate d (training only)",
               display: .init("dropout rate", plot: "d")),
        integer("training.dropout_layer", \.training.dropoutLayer, .integer(min: 1, max: dropoutLayerLimit),
                "the hidden layer (1-based) whose output dropout acts on",
                allowed: "1 ... number of hidden layers", display: .init("dropout layer")),
        choice("training.loss", \.training.loss, "training objective (mean over samples)", display: .init("loss")),
        integer("training.max_epochs", \.training.maxEpochs, .integer(min: 1, max: { _ in .limit(1_000_000) }), "epoch bound of training",
                allowed: "1...1000000 (the per-epoch history is archived)",
                display: .init("epoch bound", unit: "epochs")),
        number("training.stop_loss", \.training.stopLoss, .atLeast(0),
               "stop after the epoch where the train loss (clean samples) < stop_loss ...", display: .init("stop loss")),
        number("training.stop_accuracy", \.training.stopAccuracy, .closed(0, 1),
               "... and the mean train accuracy over the last stop_window epochs > stop_accuracy",
               display: .init("stop accuracy")),
        integer("training.stop_window", \.training.stopWindow, .atLeast(1), "epochs averaged by the stop rule's accuracy",
                display: .init("stop window", unit: "epochs")),
        // several learners (PAPER.md section 9, docs/LEARNERS.md)
        choice("training.algorithm", \.training.algorithm, "how the learners combine their steps",
               allowed: "`sgd` (one learner), `ssgd` (synchronous: the learners' gradients averaged, = SGD with batch "
                   + "learners x batch_size), `dpsgd` (decentralized: each learner mixes its weights with its neighbours', "
                   + "adapt-then-combine; the mean model is evaluated and analysed)",
               display: .init("algorithm")).addedLater(),
        integer("training.learners", \.training.learners, .integer(min: 1, max: learnersLimit),
                "learners n; each step takes n disjoint minibatches of batch_size rows (total batch n x batch_size)",
                allowed: "1 for sgd; 2 ... training-set size / batch_size for ssgd and dpsgd",
                display: .init("learners", plot: "n", logAxis: true)).addedLater(),
        choice("training.topology", \.training.topology, "dpsgd's mixing graph (doubly stochastic)",
               allowed: "`ring` (itself and its two neighbours, 1/3 each), `complete` (all learners, 1/n each: DPSGD = SSGD); "
                   + "other algorithms: `ring` (unused)",
               display: .init("topology")).addedLater().constrained { c in
            c.training.topology == .ring || c.training.algorithm == .dpsgd ? nil
                : .init(allowed: "`ring` (the default; the topology is dpsgd's)",
                        detail: "training.algorithm is \(c.training.algorithm.rawValue)", related: ["training.algorithm"])
        },
        integer("training.warmup_epochs", \.training.warmupEpochs, .integer(min: 0, max: warmupLimit),
                "linear learning-rate warm-up: step t uses eta x min(1, t / (warmup_epochs x steps per epoch)); 0: constant",
                allowed: "0 ... training.max_epochs", display: .init("warm-up", unit: "epochs")).addedLater(),
        number("training.learner_noise", \.training.learnerNoise, .atLeast(0),
               "ssgd's noise control: each learner's gradient taken at w + xi, xi isotropic Gaussian with E\\|xi\\|^2 = "
                   + "learner_noise (fresh every step; the consensus distance's units)",
               allowed: ">= 0; 0 unless training.algorithm is ssgd",
               display: .init("learner noise", plot: "E|#gx|#u2#d", text: "E|ξ|²")).addedLater().constrained { c in
            c.training.learnerNoise == 0 || c.training.algorithm == .ssgd ? nil
                : .init(allowed: "0 (the noise control is ssgd's)", detail: "training.algorithm is \(c.training.algorithm.rawValue)",
                        related: ["training.algorithm"])
        },
        // analysis
        boolean("analysis.enabled", \.analysis.enabled, "whether to run the duality analysis (false: train only)",
                display: .init("analysis")),
        integer("analysis.layer", \.analysis.layerIndex, manifestOffset: 1, .integer(min: 1, max: analysedLayerLimit),
                "the analysed dense layer, 1-based (2 = the middle layer of 784-H-H-10)",
                allowed: "1 ... number of dense layers (hidden + 1)", display: .init("analysed layer")),
        choice("analysis.pairing", \.analysis.pairing, "which samples are paired with which",
               allowed: "`test_to_train` (each test sample to its nearest same-class train sample), `train_to_test`",
               display: .init("pairing")),
        integer("analysis.sharp_count", \.analysis.sharpCount, .integer(min: 1, max: layerWeightsLimit),
                "how many top ranks by sigma_g count as \"sharp\"",
                allowed: "1 ... weights of the analysed layer", display: .init("sharp directions")),
        integer("analysis.dense_threshold", \.analysis.denseThreshold, .atLeast(1),
                "layers with more weights than this use top-k Lanczos instead of a dense eigensolve",
                display: .init("dense threshold")),
        integer("analysis.lanczos_k", \.analysis.lanczosK, .integer(min: 1, max: layerWeightsLimit),
                "eigenpairs computed by Lanczos (large layers)",
                allowed: "1 ... weights of the analysed layer", display: .init("Lanczos eigenpairs")),
        integer("analysis.slq_probes", \.analysis.slqProbes, .integer(min: 1, max: { _ in .limit(10_000) }),
                "stochastic Lanczos quadrature of the spectral density (large layers): random probe vectors",
                allowed: "1...10000", display: .init("SLQ probes")),
        integer("analysis.slq_steps", \.analysis.slqSteps, .integer(min: 1, max: { _ in .limit(10_000) }),
                "stochastic Lanczos quadrature: Lanczos steps per probe", allowed: "1...10000", display: .init("SLQ steps")),
    ]

    // MARK: - Limits that depend on other settings

    /// Whether the dataset settings that size the training set are themselves valid.
    private static func trainingSetIsSized(_ c: RunConfiguration) -> Bool {
        let d = c.dataset
        return d.trainPerClass >= 1 && d.labelNoise.isFinite && d.labelNoise >= 0 && d.labelNoise < 1
    }

    private static let trainPerClassLimit: @Sendable (RunConfiguration) -> IntegerLimit = { c in
        guard trainingSetIsSized(c) else { return .unbounded }
        let d = c.dataset
        let total = d.trainingSetSize
        let related = ["dataset.label_noise", "dataset.selection", "dataset.name"]
        switch d.selection {
        case .balanced:
            let perClass = total / RunConfiguration.classCount + (total % RunConfiguration.classCount == 0 ? 0 : 1)
            let noise = d.labelNoise > 0 ? ", enlarged to \(total) samples by dataset.label_noise \(d.labelNoise)" : ""
            // The check is on the images per class the enlarged set needs, shown against train_per_class.
            return perClass <= d.smallestTrainClass ? .unbounded : .refused(
                allowed: "1...\(d.smallestTrainClass) per class for a balanced \(d.name.rawValue) subset",
                detail: "needs \(perClass) images per class\(noise); the smallest \(d.name.rawValue) class has \(d.smallestTrainClass)",
                related: related)
        case .firstNShuffled:
            let n = RunConfiguration.Dataset.officialTrainCount
            return total <= n ? .unbounded : .refused(
                allowed: "at most \(n) training images in all",
                detail: "needs \(total) images; the official \(d.name.rawValue) training split has \(n)",
                related: Array(related.prefix(2)))
        }
    }

    private static let batchSizeLimit: @Sendable (RunConfiguration) -> IntegerLimit = { c in
        guard trainingSetIsSized(c) else { return .unbounded }
        let d = c.dataset
        let n = d.trainingSetSize
        let how = d.labelNoise > 0
            ? "round(10 * dataset.train_per_class \(d.trainPerClass) / (1 - dataset.label_noise \(d.labelNoise)))"
            : "10 * dataset.train_per_class \(d.trainPerClass)"
        return .limit(n, detail: "the training set has \(n) samples = \(how)",
                      related: ["dataset.train_per_class", "dataset.label_noise"])
    }

    private static let learnersLimit: @Sendable (RunConfiguration) -> IntegerLimit = { c in
        let t = c.training
        if t.algorithm == .sgd {
            return .limit(1, allowed: "1 for sgd", detail: "training.algorithm sgd has one learner", related: ["training.algorithm"])
        }
        guard trainingSetIsSized(c), t.batchSize >= 1 else { return .unchecked }
        let n = c.dataset.trainingSetSize
        let most = n / t.batchSize
        if t.learners < 2 {
            return .refused(allowed: "2...\(Swift.max(2, most)) for \(t.algorithm.rawValue)",
                            detail: "\(t.algorithm.rawValue) needs at least two learners", related: ["training.algorithm"])
        }
        return .limit(most, allowed: "2...\(most)",
                      detail: "learners x training.batch_size \(t.batchSize) must not exceed the \(n) training samples",
                      related: ["training.batch_size", "dataset.train_per_class"])
    }

    private static let warmupLimit: @Sendable (RunConfiguration) -> IntegerLimit = { c in
        c.training.maxEpochs >= 1 ? .limit(c.training.maxEpochs, detail: "the epoch bound training.max_epochs",
                                           related: ["training.max_epochs"]) : .unchecked
    }

    /// A training setting that must be 0 with several learners.
    private static func oneLearnerOnly(_ key: String, _ property: KeyPath<RunConfiguration, Double> & Sendable)
        -> @Sendable (RunConfiguration) -> Refusal? {
        { c in
            c[keyPath: property] == 0 || c.training.algorithm == .sgd ? nil
                : .init(allowed: "0 with several learners (not implemented for ssgd / dpsgd)",
                        detail: "training.algorithm is \(c.training.algorithm.rawValue)", related: ["training.algorithm"])
        }
    }

    private static let dropoutLayerLimit: @Sendable (RunConfiguration) -> IntegerLimit = { c in
        let h = c.model.hidden
        guard !h.isEmpty else { return .unchecked }
        return .limit(h.count, detail: "a hidden layer of model.hidden \(h)", related: ["model.hidden"])
    }

    private static let analysedLayerLimit: @Sendable (RunConfiguration) -> IntegerLimit = { c in
        guard !c.model.hidden.isEmpty else { return .unchecked }
        return .limit(c.denseLayerCount, detail: "the dense layers of \(c.layerSizes.map(String.init).joined(separator: "-"))",
                      related: ["model.hidden"])
    }

    private static let layerWeightsLimit: @Sendable (RunConfiguration) -> IntegerLimit = { c in
        guard c.model.hidden.allSatisfy({ $0 >= 1 }), let w = c.analysedLayerWeightCount else { return .unbounded }
        return .limit(w, detail: "the analysed layer \(c.analysis.layerIndex + 1) has \(w) weights",
                      related: ["model.hidden", "analysis.layer"])
    }
}
