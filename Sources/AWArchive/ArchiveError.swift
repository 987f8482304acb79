/// A run archive that cannot be read as one: names the file and what is wrong.
public struct ArchiveError: Error, CustomStringConvertible, Sendable, Equatable {
    public let path: String
    public let reason: String
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
    public var description: String { "\(path): not a readable awd run archive: \(reason)" }
}
