import AWManifest

/// A swept setting of a manifest (one key path of the configuration, e.g. `training.batch_size`),
/// with what the figures and the report need to show it. Its name, symbols and log-axis preference
/// are the setting's display metadata in the settings table (`ManifestSetting.all`), so a figure's
/// axis label and the manifest docs can never disagree.
public struct SweptParameter: Sendable, Equatable, Hashable {
    /// The parameters PAPER.md section 6 sweeps, whose claims the report evaluates; raw values are
    /// their key paths.
    public enum Kind: String, Sendable, CaseIterable {
        case learningRate = "training.learning_rate"
        case batchSize = "training.batch_size"
        case initScale = "model.init_scale"
        case dropout = "training.dropout"
        case weightDecay = "training.weight_decay"
        case labelNoise = "dataset.label_noise"
        case trainSize = "dataset.train_per_class"
        case width = "model.hidden"
        case other
    }

    /// The configuration key path as archived in `RunRecord.sweptValues`.
    public var keyPath: String
    public var kind: Kind
    /// The setting's row in the settings table (nil for a key path no setting has).
    public var setting: ManifestSetting? { SweptParameter.setting(ofKeyPath: keyPath) }

    public init(keyPath: String) {
        self.keyPath = keyPath
        self.kind = SweptParameter.setting(ofKeyPath: keyPath).flatMap { Kind(rawValue: $0.keyPath) } ?? .other
    }

    /// The paper parameter a key path sweeps (`.other` for any other setting).
    public static func kind(ofKeyPath keyPath: String) -> Kind { SweptParameter(keyPath: keyPath).kind }

    public static func == (a: SweptParameter, b: SweptParameter) -> Bool { a.keyPath == b.keyPath }
    public func hash(into h: inout Hasher) { h.combine(keyPath) }

    /// The setting of a key path, also for an element of a list setting (`model.hidden.0`, `model.hidden[0]`).
    static func setting(ofKeyPath keyPath: String) -> ManifestSetting? {
        if let s = ManifestSetting.named(keyPath) { return s }
        let base = keyPath.split(whereSeparator: { $0 == "[" }).first.map(String.init) ?? keyPath
        if let s = ManifestSetting.named(base) { return s }
        let parts = keyPath.split(separator: ".")
        return parts.count > 2 ? ManifestSetting.named(parts.prefix(2).joined(separator: ".")) : nil
    }

    private var display: SettingDisplay? { setting?.display }

    /// The symbol in PLplot text escapes (#gy = eta, #gb = beta, #gr = rho; note #gh is theta).
    public var plotSymbol: String { display?.plotSymbol ?? keyPath }

    /// The symbol in plain Unicode text (Markdown).
    public var textSymbol: String { display?.textSymbol ?? keyPath }

    /// What the parameter is, in words (axis labels and report headings).
    public var name: String { display?.name ?? keyPath }

    /// Axis label in PLplot escapes, e.g. "batch size B" (with the unit, if any: "epoch bound (epochs)").
    public var plotLabel: String {
        guard let d = display else { return keyPath }
        return [d.name, d.plotSymbol].compactMap { $0 }.joined(separator: " ") + (d.unit.map { " (\($0))" } ?? "")
    }

    /// Whether the paper plots this parameter on a log axis (learning rate, batch size, train size, width).
    public var prefersLogScale: Bool { display?.logAxis ?? false }

    /// Whether a log axis is used for these values: preferred by the paper and all values positive.
    public func usesLogScale(values: [Double]) -> Bool {
        prefersLogScale && !values.isEmpty && values.allSatisfy { $0 > 0 && $0.isFinite }
    }

    /// `symbol = value` in PLplot escapes, for legends.
    public func plotLegend(_ value: Double) -> String { "\(plotSymbol) = \(NumberFormat.compact(value))" }

    /// `symbol = value` in Unicode, for Markdown.
    public func textLegend(_ value: Double) -> String { "\(textSymbol) = \(NumberFormat.compact(value))" }
}
