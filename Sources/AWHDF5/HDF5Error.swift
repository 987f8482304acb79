/// An error from the HDF5 layer: a failed C call, an unsupported type or shape, or a bad path.
///
/// Every negative return code of the HDF5 C library becomes one of these. The description names the
/// operation, the file and the object path inside the file, followed by the most specific
/// messages HDF5 put on its error stack (for example "file signature not found" or
/// "truncated file: eof = ..."). HDF5's own automatic stack printing to stderr is switched off.
public struct HDF5Error: Error, CustomStringConvertible, Sendable, Equatable {
    /// What was being done, for example "open file", "create dataset", "read attribute".
    public let operation: String
    /// The HDF5 file on disk.
    public let file: String
    /// The path of the object inside the file ("/" for the root group), or "" when not applicable.
    public let object: String
    /// A human-readable reason: our own check, or the innermost messages from HDF5's error stack.
    public let reason: String

    public init(operation: String, file: String, object: String, reason: String) {
        self.operation = operation
        self.file = file
        self.object = object
        self.reason = reason
    }

    public var description: String {
        var text = "HDF5: cannot \(operation)"
        text += object.isEmpty ? " '\(file)'" : " at '\(object)' in file '\(file)'"
        if !reason.isEmpty { text += ": \(reason)" }
        return text
    }
}
