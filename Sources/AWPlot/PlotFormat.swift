/// The output formats AWPlot writes, each mapped to a full PLplot device name.
///
/// PLplot selects devices by prefix, so the short names would pick the wrong driver ("pdf" is
/// libharu's driver, not cairo's): AWPlot always passes the full names below.
public enum PlotFormat: String, CaseIterable, Sendable {
    case pdf, svg, png

    /// The PLplot device: pdfcairo, svg (PLplot's own SVG driver), pngcairo.
    public var deviceName: String {
        switch self {
        case .pdf: "pdfcairo"
        case .svg: "svg"
        case .png: "pngcairo"
        }
    }

    /// The file extension without a dot.
    public var fileExtension: String { rawValue }

    /// Accepts "pdf", "svg", "png" and the device names "pdfcairo", "svg", "pngcairo"
    /// (case-insensitive).
    public init?(name: String) {
        switch name.lowercased() {
        case "pdf", "pdfcairo": self = .pdf
        case "svg": self = .svg
        case "png", "pngcairo": self = .png
        default: return nil
        }
    }
}
