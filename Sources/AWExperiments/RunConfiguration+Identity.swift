import AWCore

extension RunConfiguration {
    /// The configuration as a canonical JSON value (snake_case keys, see `CodingKeys`).
    public func canonicalValue() throws -> CanonicalJSON.Value {
        try CanonicalJSON.ValueEncoder.value(of: self)
    }

    /// Canonical JSON: sorted keys, no whitespace, integers as integers, doubles in Swift's shortest
    /// round-trip form. Throws only when a number is NaN or infinite (validation refuses those).
    public func canonicalJSON() throws -> String {
        try canonicalValue().canonical()
    }

    /// Full lower-case hex SHA-256 of `canonicalJSON()`.
    public func configSHA256() throws -> String {
        SHA256.hex(try canonicalJSON())
    }

    /// The run id: the first 16 hex characters of `configSHA256()`.
    public func runID() throws -> String {
        String(try configSHA256().prefix(RunConfiguration.runIDLength))
    }

    /// The canonical JSON, its digest and the run id, computed once.
    public func identity() throws -> Identity {
        let json = try canonicalJSON()
        let sha = SHA256.hex(json)
        return Identity(canonicalJSON: json, configSHA256: sha, runID: String(sha.prefix(RunConfiguration.runIDLength)))
    }

    public static let runIDLength = 16

    public struct Identity: Sendable, Equatable, Hashable {
        public let canonicalJSON: String
        public let configSHA256: String
        public let runID: String
    }
}
