/// The allowed values of one setting, checked on a resolved configuration (several limits depend
/// on other settings, e.g. the batch size on the training-set size). Part of the setting's row.
enum SettingRule: Sendable {
    /// Any value of the type (choices, booleans).
    case any
    /// A finite number within optional bounds.
    case number(NumberBounds)
    /// An integer >= `min`, and <= the limit `max` computes from the configuration.
    case integer(min: Int, max: @Sendable (RunConfiguration) -> IntegerLimit)
    /// A non-empty list of integers, each >= `min`.
    case integerList(min: Int)

    /// An integer with a lower bound only.
    static func atLeast(_ min: Int) -> SettingRule { .integer(min: min, max: { _ in .unbounded }) }
}

/// Bounds of a number setting; the value must also be finite.
struct NumberBounds: Sendable {
    var lower: Double?
    var lowerInclusive = true
    var upper: Double?
    var upperInclusive = true

    static func greater(_ x: Double) -> NumberBounds { NumberBounds(lower: x, lowerInclusive: false) }
    static func atLeast(_ x: Double) -> NumberBounds { NumberBounds(lower: x) }
    static func halfOpen(_ a: Double, _ b: Double) -> NumberBounds { NumberBounds(lower: a, upper: b, upperInclusive: false) }
    static func closed(_ a: Double, _ b: Double) -> NumberBounds { NumberBounds(lower: a, upper: b) }

    func contains(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        if let l = lower, lowerInclusive ? x < l : x <= l { return false }
        if let u = upper, upperInclusive ? x > u : x >= u { return false }
        return true
    }

    /// `> 0`, `>= 0`, `[0, 1)`, `[0, 1]`.
    var text: String {
        func n(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : x.description }
        switch (lower, upper) {
        case let (l?, u?): return (lowerInclusive ? "[" : "(") + "\(n(l)), \(n(u))" + (upperInclusive ? "]" : ")")
        case let (l?, nil): return (lowerInclusive ? ">= " : "> ") + n(l)
        case let (nil, u?): return (upperInclusive ? "<= " : "< ") + n(u)
        case (nil, nil): return "a finite number"
        }
    }
}

/// The upper limit of an integer setting in one configuration.
enum IntegerLimit: Sendable {
    /// Only the lower bound applies.
    case unbounded
    /// At most `max`; `allowed` replaces the default text `min...max`; `detail` says why and
    /// `related` names the settings the limit depends on.
    case limit(Int, allowed: String? = nil, detail: String? = nil, related: [String] = [])
    /// Not allowed in this configuration, whatever the bounds (the limit is on a quantity derived from it).
    case refused(allowed: String, detail: String?, related: [String])
    /// Not checked here (the settings it depends on are themselves invalid and reported).
    case unchecked
}

extension ManifestSetting {
    /// The problems of this setting's value in `configuration` (empty when it is allowed).
    func issues(in configuration: RunConfiguration) -> [RunConfiguration.Issue] {
        let own = ruleIssues(in: configuration)
        guard own.isEmpty, let condition = constraint, let refusal = condition(configuration) else { return own }
        return [.init(keyPath: keyPath, value: text(configuration), allowed: refusal.allowed, detail: refusal.detail,
                      related: refusal.related)]
    }

    /// The problems of the value against its own rule.
    private func ruleIssues(in configuration: RunConfiguration) -> [RunConfiguration.Issue] {
        let value = read(configuration)
        let shown = text(configuration)
        switch rule {
        case .any:
            return []
        case .number(let bounds):
            guard let x = value.doubleValue, !bounds.contains(x) else { return [] }
            return [.init(keyPath: keyPath, value: shown, allowed: bounds.text)]
        case let .integer(min, max):
            guard let v = value.intValue else { return [] }
            switch max(configuration) {
            case .unchecked:
                return []
            case .unbounded:
                return v >= min ? [] : [.init(keyPath: keyPath, value: shown, allowed: ">= \(min)")]
            case let .refused(allowed, detail, related):
                return v < min ? [.init(keyPath: keyPath, value: shown, allowed: ">= \(min)")]
                    : [.init(keyPath: keyPath, value: shown, allowed: allowed, detail: detail, related: related)]
            case let .limit(upper, allowed, detail, related):
                return v >= min && v <= upper ? [] : [.init(keyPath: keyPath, value: shown, allowed: allowed ?? "\(min)...\(upper)",
                                                            detail: detail, related: related)]
            }
        case .integerList(let min):
            guard case .array(let items) = value else { return [] }
            if items.isEmpty { return [.init(keyPath: keyPath, value: "[]", allowed: "a non-empty list of widths >= \(min)")] }
            return items.enumerated().compactMap { i, item in
                guard let v = item.intValue, v < min else { return nil }
                return .init(keyPath: "\(keyPath)[\(i)]", value: String(v), allowed: ">= \(min)")
            }
        }
    }
}
