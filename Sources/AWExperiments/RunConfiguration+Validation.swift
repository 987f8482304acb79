import AWCore
// Range and consistency checks on a resolved configuration. Each problem is an `Issue` naming the
// key path, the offending value and what is allowed; the manifest loader maps key paths back to
// where a value came from (a section or a sweep entry) and adds the file.

extension RunConfiguration {
    /// One problem with a resolved configuration.
    public struct Issue: Sendable, Equatable, Hashable, CustomStringConvertible {
        /// Key path as in manifests, e.g. `training.batch_size` or `model.hidden[1]`.
        public let keyPath: String
        /// The offending value, as text.
        public let value: String
        /// The allowed values or range.
        public let allowed: String
        /// Why, when the limit depends on other settings (e.g. the training-set size).
        public let detail: String?
        /// The other settings (key paths) the limit depends on, e.g. `dataset.train_per_class` for the batch size.
        public let related: [String]

        public init(keyPath: String, value: String, allowed: String, detail: String? = nil, related: [String] = []) {
            self.keyPath = keyPath
            self.value = value
            self.allowed = allowed
            self.detail = detail
            self.related = related
        }

        public var description: String {
            "\(keyPath) = \(value): out of range; allowed \(allowed)" + (detail.map { " (\($0))" } ?? "")
        }
    }

    /// Every problem with this configuration (empty when it is valid).
    public func validationIssues() -> [Issue] {
        var issues: [Issue] = []
        func check(_ ok: Bool, _ path: String, _ value: CustomStringConvertible, _ allowed: String, _ detail: String? = nil,
                   related: [String] = []) {
            if !ok { issues.append(Issue(keyPath: path, value: value.description, allowed: allowed, detail: detail, related: related)) }
        }
        func finite(_ x: Double) -> Bool { x.isFinite }

        // dataset
        let d = dataset
        check(d.trainPerClass >= 1, "dataset.train_per_class", d.trainPerClass, ">= 1")
        if d.trainPerClass >= 1, finite(d.labelNoise), d.labelNoise >= 0, d.labelNoise < 1 {
            let total = d.trainingSetSize
            switch d.selection {
            case .balanced:
                let perClass = (total + RunConfiguration.classCount - 1) / RunConfiguration.classCount
                let noise = d.labelNoise > 0 ? ", enlarged to \(total) samples by dataset.label_noise \(d.labelNoise)" : ""
                check(perClass <= d.smallestTrainClass, "dataset.train_per_class", d.trainPerClass,
                      "1...\(d.smallestTrainClass) per class for a balanced \(d.name.rawValue) subset",
                      "needs \(perClass) images per class\(noise); the smallest \(d.name.rawValue) class has \(d.smallestTrainClass)",
                      related: ["dataset.label_noise", "dataset.selection", "dataset.name"])
            case .firstNShuffled:
                check(total <= Dataset.officialTrainCount, "dataset.train_per_class", d.trainPerClass,
                      "at most \(Dataset.officialTrainCount) training images in all",
                      "needs \(total) images; the official \(d.name.rawValue) training split has \(Dataset.officialTrainCount)",
                      related: ["dataset.label_noise", "dataset.selection"])
            }
        }
        check(d.testCount >= 1 && d.testCount <= Dataset.officialTestCount, "dataset.test_count", d.testCount,
              "1...\(Dataset.officialTestCount)")
        check(finite(d.labelNoise) && d.labelNoise >= 0 && d.labelNoise < 1, "dataset.label_noise", d.labelNoise, "[0, 1)")

        // model
        let m = model
        check(!m.hidden.isEmpty, "model.hidden", "[]", "a non-empty list of widths >= 1")
        for (i, h) in m.hidden.enumerated() { check(h >= 1, "model.hidden[\(i)]", h, ">= 1") }
        check(finite(m.initScale) && m.initScale > 0, "model.init_scale", m.initScale, "> 0")

        // training
        let t = training
        check(finite(t.learningRate) && t.learningRate > 0, "training.learning_rate", t.learningRate, "> 0")
        if d.trainPerClass >= 1, finite(d.labelNoise), d.labelNoise >= 0, d.labelNoise < 1 {
            let n = d.trainingSetSize
            let how = d.labelNoise > 0
                ? "round(10 * dataset.train_per_class \(d.trainPerClass) / (1 - dataset.label_noise \(d.labelNoise)))"
                : "10 * dataset.train_per_class \(d.trainPerClass)"
            check(t.batchSize >= 1 && t.batchSize <= n, "training.batch_size", t.batchSize, "1...\(n)",
                  "the training set has \(n) samples = \(how)",
                  related: ["dataset.train_per_class", "dataset.label_noise"])
        } else {
            check(t.batchSize >= 1, "training.batch_size", t.batchSize, ">= 1")
        }
        check(finite(t.momentum) && t.momentum >= 0 && t.momentum < 1, "training.momentum", t.momentum, "[0, 1)")
        check(finite(t.weightDecay) && t.weightDecay >= 0, "training.weight_decay", t.weightDecay, ">= 0")
        check(t.weightDecayEpochs >= 0, "training.weight_decay_epochs", t.weightDecayEpochs, ">= 0")
        check(finite(t.dropout) && t.dropout >= 0 && t.dropout < 1, "training.dropout", t.dropout, "[0, 1)")
        if !m.hidden.isEmpty {
            check(t.dropoutLayer >= 1 && t.dropoutLayer <= m.hidden.count, "training.dropout_layer", t.dropoutLayer,
                  "1...\(m.hidden.count)", "a hidden layer of model.hidden \(m.hidden)", related: ["model.hidden"])
        }
        check(t.maxEpochs >= 1, "training.max_epochs", t.maxEpochs, ">= 1")
        check(finite(t.stopLoss) && t.stopLoss >= 0, "training.stop_loss", t.stopLoss, ">= 0")
        check(finite(t.stopAccuracy) && t.stopAccuracy >= 0 && t.stopAccuracy <= 1, "training.stop_accuracy",
              t.stopAccuracy, "[0, 1]")
        check(t.stopWindow >= 1, "training.stop_window", t.stopWindow, ">= 1")

        // analysis
        let a = analysis
        if !m.hidden.isEmpty {
            check(a.layer >= 1 && a.layer <= denseLayerCount, "analysis.layer", a.layer, "1...\(denseLayerCount)",
                  "the dense layers of \(layerSizes.map(String.init).joined(separator: "-"))", related: ["model.hidden"])
        }
        let weights = m.hidden.allSatisfy({ $0 >= 1 }) ? analysedLayerWeightCount : nil
        if let w = weights {
            check(a.sharpCount >= 1 && a.sharpCount <= w, "analysis.sharp_count", a.sharpCount, "1...\(w)",
                  "the analysed layer \(a.layer) has \(w) weights", related: ["model.hidden", "analysis.layer"])
            check(a.lanczosK >= 1 && a.lanczosK <= w, "analysis.lanczos_k", a.lanczosK, "1...\(w)",
                  "the analysed layer \(a.layer) has \(w) weights", related: ["model.hidden", "analysis.layer"])
        } else {
            check(a.sharpCount >= 1, "analysis.sharp_count", a.sharpCount, ">= 1")
            check(a.lanczosK >= 1, "analysis.lanczos_k", a.lanczosK, ">= 1")
        }
        check(a.denseThreshold >= 1, "analysis.dense_threshold", a.denseThreshold, ">= 1")
        check(a.slqProbes >= 1, "analysis.slq_probes", a.slqProbes, ">= 1")
        check(a.slqSteps >= 1, "analysis.slq_steps", a.slqSteps, ">= 1")

        check(replicate >= 0, "replicate", replicate, ">= 0")
        return issues
    }

    /// Whether `validationIssues()` is empty.
    public var isValid: Bool { validationIssues().isEmpty }
}
