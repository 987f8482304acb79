import AWCore

/// Every problem found in one manifest (validation never stops at the first). Thrown by
/// `Manifest.load`, `Manifest.parse` and `Manifest.validated(dataCheck:)`.
public struct ManifestErrors: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String
    /// In file order where lines are known, then in the order found.
    public let errors: [ManifestError]

    public init(file: String, errors: [ManifestError]) {
        self.file = file
        self.errors = errors
    }

    public var description: String {
        let head = errors.count == 1 ? "\(file): 1 error" : "\(file): \(errors.count) errors"
        return ([head] + errors.map { "  " + $0.description }).joined(separator: "\n")
    }

    /// The errors of one kind.
    public func errors(ofKind kind: ManifestError.Kind) -> [ManifestError] { errors.filter { $0.kind == kind } }

    /// The errors at one key path (exact match).
    public func errors(at keyPath: String) -> [ManifestError] { errors.filter { $0.keyPath == keyPath } }

    /// The whole report as the project's person-facing error type.
    public var awError: AWError {
        let kind: AWError.Kind = errors.allSatisfy { $0.kind == .io } ? .io
            : (errors.allSatisfy { $0.kind == .missingData } ? .data : .invalidInput)
        return AWError(kind, description)
    }
}
