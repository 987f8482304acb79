import AWCore

/// One problem found in a manifest, meant for a person. It names the file (and line when known),
/// the key path (`training.learning_rate`, `sweep.grid.training.batch_size[2]`), the offending
/// value as written, and what is allowed; a close match for a misspelt key or value is suggested.
public struct ManifestError: Error, CustomStringConvertible, Equatable, Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The file is not valid YAML.
        case syntax = "YAML syntax error"
        /// The file could not be read.
        case io = "cannot read"
        /// A key no manifest section knows.
        case unknownKey = "unknown key"
        /// A key given twice in one mapping.
        case duplicateKey = "duplicate key"
        /// A required key is absent.
        case missingKey = "missing key"
        /// The value has the wrong YAML type (e.g. text where a number belongs).
        case wrongType = "wrong type"
        /// A name that is not one of the allowed choices (dataset, activation, ...).
        case unknownValue = "unknown value"
        /// A number outside its allowed range.
        case outOfRange = "out of range"
        /// A value of the right type that is not allowed for another reason (e.g. a malformed name).
        case invalidValue = "invalid value"
        /// A malformed sweep (unknown axis key, unequal zip lengths, empty or repeated values, ...).
        case invalidSweep = "invalid sweep"
        /// The document exceeds a reading limit (size, nesting depth, nodes after alias expansion).
        case tooLarge = "too large"
        /// The data a run needs is not available (reported by the `dataCheck` hook).
        case missingData = "data not available"
    }

    public let kind: Kind
    /// The manifest file as given (path or label).
    public let file: String
    /// 1-based line of the offending node, when known.
    public let line: Int?
    /// Where in the manifest: `training.learning_rate`, `sweep.zip.training.batch_size[1]`, `name`, ...
    public let keyPath: String
    /// The offending value as written (for an unknown key: the key itself).
    public let value: String
    /// The allowed values or range.
    public let allowed: String
    /// More context (why a limit applies, which sweep point, the YAML parser's message).
    public let detail: String?
    /// A close allowed spelling, e.g. `learning_rate` for `learnig_rate`.
    public let suggestion: String?

    public init(kind: Kind, file: String, line: Int? = nil, keyPath: String, value: String, allowed: String,
                detail: String? = nil, suggestion: String? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.value = value
        self.allowed = allowed
        self.detail = detail
        self.suggestion = suggestion
    }

    /// `FILE:LINE: KEY.PATH: KIND: VALUE; allowed: ALLOWED (DETAIL); did you mean "X"?`
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if !keyPath.isEmpty { s += (keyPath.count > 200 ? keyPath.prefix(197) + "..." : keyPath) + ": " }
        s += kind.rawValue
        if !value.isEmpty { s += ": " + (value.count > 200 ? value.prefix(197) + "..." : value) }
        s += "; allowed: \(allowed)"
        if let detail { s += " (\(detail))" }
        if let suggestion { s += "; did you mean \"\(suggestion)\"?" }
        return s
    }

    /// The same message as the project's person-facing error type.
    public var awError: AWError {
        AWError(kind == .io ? .io : (kind == .missingData ? .data : .invalidInput), description)
    }
}
