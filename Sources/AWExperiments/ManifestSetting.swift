import AWCore
/// One setting a manifest may give, by key path (`section.key`): its YAML type and how it sets
/// the `RunConfiguration`. The same table serves the sections (`training: {learning_rate: ...}`),
/// the sweep axes (`sweep: {training.learning_rate: [...]}`), unknown-key suggestions and the docs.
/// Ranges are not here: they are checked on the resolved configuration
/// (`RunConfiguration.validationIssues()`), because several depend on other settings.
public struct ManifestSetting: Sendable {
    public enum ValueType: Sendable, Equatable {
        case integer
        case number
        case boolean
        case choice([String])
        case integerList

        /// What a value of this type looks like, for messages.
        public var expected: String {
            switch self {
            case .integer: return "an integer"
            case .number: return "a finite number"
            case .boolean: return "true or false"
            case .choice(let names): return "one of " + names.map { "\"\($0)\"" }.joined(separator: ", ")
            case .integerList: return "a non-empty list of integers, e.g. [30, 30]"
            }
        }
    }

    /// `section.key`, e.g. `training.learning_rate`.
    public let keyPath: String
    public let type: ValueType
    /// The value at the paper's defaults, for the docs.
    public let defaultValue: CanonicalJSON.Value
    let apply: @Sendable (inout RunConfiguration, CanonicalJSON.Value) -> Void

    public var section: String { String(keyPath.split(separator: ".", maxSplits: 1)[0]) }
    public var key: String { String(keyPath.split(separator: ".", maxSplits: 1)[1]) }

    /// Sets this setting in `configuration` to `value` (which must have this setting's type).
    public func apply(_ value: CanonicalJSON.Value, to configuration: inout RunConfiguration) {
        apply(&configuration, value)
    }

    /// Sections of a manifest that hold settings, in document order.
    public static let sections = ["dataset", "model", "training", "analysis"]

    /// Every setting, by section in document order.
    public static let all: [ManifestSetting] = {
        let d = RunConfiguration()
        func choices<E: RawRepresentable & CaseIterable>(_ e: E.Type) -> ValueType where E.RawValue == String {
            .choice(E.allCases.map(\.rawValue))
        }
        func int(_ v: Int) -> CanonicalJSON.Value { .int(Int64(v)) }
        return [
            // dataset
            ManifestSetting("dataset.name", choices(DatasetName.self), .string(d.dataset.name.rawValue)) {
                $0.dataset.name = DatasetName(rawValue: $1.stringValue!)! },
            ManifestSetting("dataset.train_per_class", .integer, int(d.dataset.trainPerClass)) { $0.dataset.trainPerClass = $1.intValue! },
            ManifestSetting("dataset.selection", choices(SelectionScheme.self), .string(d.dataset.selection.rawValue)) {
                $0.dataset.selection = SelectionScheme(rawValue: $1.stringValue!)! },
            ManifestSetting("dataset.test_count", .integer, int(d.dataset.testCount)) { $0.dataset.testCount = $1.intValue! },
            ManifestSetting("dataset.label_noise", .number, .double(d.dataset.labelNoise)) { $0.dataset.labelNoise = $1.doubleValue! },
            // model
            ManifestSetting("model.hidden", .integerList, .array(d.model.hidden.map(int))) {
                if case .array(let a) = $1 { $0.model.hidden = a.map { $0.intValue! } } },
            ManifestSetting("model.activation", choices(Activation.self), .string(d.model.activation.rawValue)) {
                $0.model.activation = Activation(rawValue: $1.stringValue!)! },
            ManifestSetting("model.bias", .boolean, .bool(d.model.bias)) { if case .bool(let b) = $1 { $0.model.bias = b } },
            ManifestSetting("model.init_scale", .number, .double(d.model.initScale)) { $0.model.initScale = $1.doubleValue! },
            ManifestSetting("model.dtype", choices(DType.self), .string(d.model.dtype.rawValue)) {
                $0.model.dtype = DType(rawValue: $1.stringValue!)! },
            // training
            ManifestSetting("training.learning_rate", .number, .double(d.training.learningRate)) { $0.training.learningRate = $1.doubleValue! },
            ManifestSetting("training.batch_size", .integer, int(d.training.batchSize)) { $0.training.batchSize = $1.intValue! },
            ManifestSetting("training.momentum", .number, .double(d.training.momentum)) { $0.training.momentum = $1.doubleValue! },
            ManifestSetting("training.weight_decay", .number, .double(d.training.weightDecay)) { $0.training.weightDecay = $1.doubleValue! },
            ManifestSetting("training.weight_decay_form", choices(WeightDecayForm.self),
                            .string(d.training.weightDecayForm.rawValue)) {
                $0.training.weightDecayForm = WeightDecayForm(rawValue: $1.stringValue!)! },
            ManifestSetting("training.weight_decay_epochs", .integer, int(d.training.weightDecayEpochs)) { $0.training.weightDecayEpochs = $1.intValue! },
            ManifestSetting("training.dropout", .number, .double(d.training.dropout)) { $0.training.dropout = $1.doubleValue! },
            ManifestSetting("training.dropout_layer", .integer, int(d.training.dropoutLayer)) { $0.training.dropoutLayer = $1.intValue! },
            ManifestSetting("training.loss", choices(Loss.self), .string(d.training.loss.rawValue)) {
                $0.training.loss = Loss(rawValue: $1.stringValue!)! },
            ManifestSetting("training.max_epochs", .integer, int(d.training.maxEpochs)) { $0.training.maxEpochs = $1.intValue! },
            ManifestSetting("training.stop_loss", .number, .double(d.training.stopLoss)) { $0.training.stopLoss = $1.doubleValue! },
            ManifestSetting("training.stop_accuracy", .number, .double(d.training.stopAccuracy)) { $0.training.stopAccuracy = $1.doubleValue! },
            ManifestSetting("training.stop_window", .integer, int(d.training.stopWindow)) { $0.training.stopWindow = $1.intValue! },
            // analysis
            ManifestSetting("analysis.enabled", .boolean, .bool(d.analysis.enabled)) { if case .bool(let b) = $1 { $0.analysis.enabled = b } },
            ManifestSetting("analysis.layer", .integer, int(d.analysis.layer)) { $0.analysis.layer = $1.intValue! },
            ManifestSetting("analysis.pairing", choices(PairingDirection.self), .string(d.analysis.pairing.rawValue)) {
                $0.analysis.pairing = PairingDirection(rawValue: $1.stringValue!)! },
            ManifestSetting("analysis.sharp_count", .integer, int(d.analysis.sharpCount)) { $0.analysis.sharpCount = $1.intValue! },
            ManifestSetting("analysis.dense_threshold", .integer, int(d.analysis.denseThreshold)) { $0.analysis.denseThreshold = $1.intValue! },
            ManifestSetting("analysis.lanczos_k", .integer, int(d.analysis.lanczosK)) { $0.analysis.lanczosK = $1.intValue! },
            ManifestSetting("analysis.slq_probes", .integer, int(d.analysis.slqProbes)) { $0.analysis.slqProbes = $1.intValue! },
            ManifestSetting("analysis.slq_steps", .integer, int(d.analysis.slqSteps)) { $0.analysis.slqSteps = $1.intValue! },
        ]
    }()

    /// The setting at `section.key`, if any.
    public static func named(_ keyPath: String) -> ManifestSetting? { byPath[keyPath] }

    /// The keys of one section, in document order.
    public static func keys(in section: String) -> [String] { all.filter { $0.section == section }.map(\.key) }

    static let byPath: [String: ManifestSetting] = Dictionary(uniqueKeysWithValues: all.map { ($0.keyPath, $0) })

    init(_ keyPath: String, _ type: ValueType, _ defaultValue: CanonicalJSON.Value,
         _ apply: @escaping @Sendable (inout RunConfiguration, CanonicalJSON.Value) -> Void) {
        self.keyPath = keyPath
        self.type = type
        self.defaultValue = defaultValue
        self.apply = apply
    }
}
