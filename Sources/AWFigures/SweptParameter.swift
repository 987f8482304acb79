/// A swept setting of a manifest (one key path of the configuration, e.g. `training.batch_size`),
/// with what the figures and the report need to show it: the paper's symbol, an axis label and
/// whether the paper plots it on a logarithmic axis.
public struct SweptParameter: Sendable, Equatable, Hashable {
    /// The parameters PAPER.md section 6 sweeps, recognised by the last component of the key path.
    public enum Kind: String, Sendable, CaseIterable {
        case learningRate = "learning_rate"
        case batchSize = "batch_size"
        case initScale = "init_scale"
        case dropout
        case weightDecay = "weight_decay"
        case labelNoise = "label_noise"
        case trainSize = "train_per_class"
        case width
        case other
    }

    /// The configuration key path as archived in `RunRecord.sweptValues`.
    public var keyPath: String
    public var kind: Kind

    public init(keyPath: String) {
        self.keyPath = keyPath
        self.kind = SweptParameter.kind(ofKeyPath: keyPath)
    }

    /// Recognises the parameter by the last component of the key path (snake_case or camelCase).
    public static func kind(ofKeyPath keyPath: String) -> Kind {
        let last = keyPath.split(separator: ".").last.map(String.init) ?? keyPath
        // camelCase -> snake_case, then compare.
        var snake = ""
        for ch in last {
            if ch.isUppercase { snake += "_" + ch.lowercased() } else { snake.append(ch) }
        }
        switch snake {
        case "learning_rate", "lr", "eta": return .learningRate
        case "batch_size", "batch": return .batchSize
        case "init_scale", "initialization_scale": return .initScale
        case "dropout", "dropout_rate": return .dropout
        case "weight_decay", "beta": return .weightDecay
        case "label_noise", "rho": return .labelNoise
        case "train_per_class", "train_size", "train_count": return .trainSize
        case "hidden", "width", "hidden_width": return .width
        default:
            // Grid key paths such as "model.hidden.0".
            if keyPath.contains("hidden") { return .width }
            return .other
        }
    }

    /// The symbol in PLplot text escapes (#gy = eta, #gb = beta, #gr = rho; note #gh is theta).
    public var plotSymbol: String {
        switch kind {
        case .learningRate: return "#gy"
        case .batchSize: return "B"
        case .initScale: return "s"
        case .dropout: return "d"
        case .weightDecay: return "#gb"
        case .labelNoise: return "#gr"
        case .trainSize: return "N#dc#u"
        case .width: return "H"
        case .other: return keyPath
        }
    }

    /// The symbol in plain Unicode text (Markdown).
    public var textSymbol: String {
        switch kind {
        case .learningRate: return "η"
        case .batchSize: return "B"
        case .initScale: return "s"
        case .dropout: return "d"
        case .weightDecay: return "β"
        case .labelNoise: return "ρ"
        case .trainSize: return "N_c"
        case .width: return "H"
        case .other: return keyPath
        }
    }

    /// What the parameter is, in words (axis labels and report headings).
    public var name: String {
        switch kind {
        case .learningRate: return "learning rate"
        case .batchSize: return "batch size"
        case .initScale: return "init scale"
        case .dropout: return "dropout rate"
        case .weightDecay: return "weight decay"
        case .labelNoise: return "label-noise fraction"
        case .trainSize: return "training samples per class"
        case .width: return "hidden width"
        case .other: return keyPath
        }
    }

    /// Axis label in PLplot escapes, e.g. "batch size B".
    public var plotLabel: String { kind == .other ? keyPath : "\(name) \(plotSymbol)" }

    /// Whether the paper plots this parameter on a log axis (learning rate, batch size, train size, width).
    public var prefersLogScale: Bool {
        switch kind {
        case .learningRate, .batchSize, .trainSize, .width: return true
        default: return false
        }
    }

    /// Whether a log axis is used for these values: preferred by the paper and all values positive.
    public func usesLogScale(values: [Double]) -> Bool {
        prefersLogScale && !values.isEmpty && values.allSatisfy { $0 > 0 && $0.isFinite }
    }

    /// `symbol = value` in PLplot escapes, for legends.
    public func plotLegend(_ value: Double) -> String { "\(plotSymbol) = \(NumberFormat.compact(value))" }

    /// `symbol = value` in Unicode, for Markdown.
    public func textLegend(_ value: Double) -> String { "\(textSymbol) = \(NumberFormat.compact(value))" }
}
