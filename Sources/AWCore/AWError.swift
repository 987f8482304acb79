/// An error meant for a person: it names what was wrong, where, and what is allowed.
/// The command-line tool prints `description` and exits non-zero; it never shows a trace.
public struct AWError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: String, Sendable { case invalidInput, io, library, numerical, data, interrupted }
    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
