/// An error from the plotting layer, thrown instead of letting PLplot end the process.
///
/// PLplot calls `exit(1)` (after prompting on stdin) for an unknown device name or an output path
/// it cannot open; AWPlot checks both before PLplot sees them and throws this instead.
public struct PlotError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// The device (output format) is not available in this PLplot installation.
        case unknownDevice
        /// The output path cannot be written (missing permission, a file in the way, ...).
        case unwritablePath
        /// The arguments of a drawing call are inconsistent (lengths, ranges, empty data ...).
        case invalidArgument
        /// A drawing call was made outside a session or panel.
        case invalidState
        /// The output file was not produced.
        case outputMissing
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "plot: \(message)" }
}
