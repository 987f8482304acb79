import AWCore

/// One setting a manifest may give: one row of `ManifestSetting.all` (ManifestSetting+Table.swift).
///
/// A row holds everything about the setting: its key path, YAML type, default, allowed range or
/// choices, one-line description, display metadata (symbol, unit, log axis) and the stored property
/// of `RunConfiguration` it reads and writes. The manifest parser, validation, canonical JSON (and
/// so the run id), the child's decoding of its run, docs/MANIFESTS.md's settings table and the
/// figures' axis labels are all derived from these rows.
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

        /// The type's name in docs/MANIFESTS.md.
        public var docName: String {
            switch self {
            case .integer: return "integer"
            case .number: return "number"
            case .boolean: return "boolean"
            case .choice: return "choice"
            case .integerList: return "list of integers"
            }
        }
    }

    /// `section.key`, e.g. `training.learning_rate`.
    public let keyPath: String
    public let type: ValueType
    /// What the setting means, in one line (docs, `awd settings`).
    public let summary: String
    /// The allowed values in words, for the docs (the checks themselves are `rule`).
    public let allowedText: String
    /// How figures and the report show the setting.
    public let display: SettingDisplay
    let rule: SettingRule
    /// The setting's value in `configuration`, as the manifest and the canonical JSON write it.
    let read: @Sendable (RunConfiguration) -> CanonicalJSON.Value
    /// Sets the setting from a value of `type` (the parser and `ValueType` guarantee the type).
    let write: @Sendable (inout RunConfiguration, CanonicalJSON.Value) -> Void
    /// The value as text for messages (`0.1`, `25`, `[30, 30]`).
    let text: @Sendable (RunConfiguration) -> String
    /// Whether the canonical JSON leaves the setting out while it has its default: true for every
    /// setting added after the first archives (`addedLater()`), so adding a setting moves no
    /// existing run id and archives written before it still count as complete.
    public private(set) var omittedAtDefault = false
    /// A condition on other settings the value must also meet (nil: none): returns why not.
    var constraint: (@Sendable (RunConfiguration) -> Refusal?)? = nil

    /// Why a value that is within its own range is not allowed together with the other settings.
    struct Refusal: Sendable {
        var allowed: String
        var detail: String
        var related: [String]
    }

    /// This row with an additional condition on other settings.
    func constrained(_ condition: @escaping @Sendable (RunConfiguration) -> Refusal?) -> ManifestSetting {
        var copy = self
        copy.constraint = condition
        return copy
    }

    /// This row, marked as added after archives were first written (see `omittedAtDefault`).
    func addedLater() -> ManifestSetting {
        var copy = self
        copy.omittedAtDefault = true
        return copy
    }

    public var section: String { String(keyPath.split(separator: ".", maxSplits: 1)[0]) }
    public var key: String { String(keyPath.split(separator: ".", maxSplits: 1)[1]) }

    /// The value at the paper's defaults.
    public var defaultValue: CanonicalJSON.Value { read(RunConfiguration()) }

    /// The value of this setting in `configuration`.
    public func value(in configuration: RunConfiguration) -> CanonicalJSON.Value { read(configuration) }

    /// Sets this setting in `configuration` to `value` (which must have this setting's type).
    public func apply(_ value: CanonicalJSON.Value, to configuration: inout RunConfiguration) {
        write(&configuration, value)
    }

    /// Sections of a manifest that hold settings, in document order.
    public static let sections = ["dataset", "model", "training", "analysis"]

    /// The setting at `section.key`, if any.
    public static func named(_ keyPath: String) -> ManifestSetting? { byPath[keyPath] }

    /// The keys of one section, in document order.
    public static func keys(in section: String) -> [String] { all.filter { $0.section == section }.map(\.key) }

    static let byPath: [String: ManifestSetting] = Dictionary(uniqueKeysWithValues: all.map { ($0.keyPath, $0) })
}
