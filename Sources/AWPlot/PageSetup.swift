/// The page of a figure: size, panel grid and global text/line scaling.
///
/// Sizes are pixels for PNG and points (1/72 inch) for PDF and SVG: PLplot's cairo and SVG
/// drivers work at 72 units per inch, so the same setup gives the same layout in every format
/// (1200x900 is a 1200x900-pixel PNG and a 16.7x12.5-inch PDF page).
public struct PageSetup: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Panel grid: panels are filled left to right, top to bottom.
    public var columns: Int
    public var rows: Int
    /// Multiplies PLplot's default character height (which already scales with the page size
    /// and shrinks with the number of panel rows).
    public var fontScale: Double
    /// Default width of data lines (PLplot pen width units; the axes use 1).
    public var lineWidth: Double

    public init(width: Int = 1200, height: Int = 900, columns: Int = 1, rows: Int = 1, fontScale: Double = 1.0, lineWidth: Double = 2.0) {
        self.width = width
        self.height = height
        self.columns = columns
        self.rows = rows
        self.fontScale = fontScale
        self.lineWidth = lineWidth
    }

    /// Throws `PlotError` if a value is out of range.
    func validate() throws {
        guard (16...20_000).contains(width), (16...20_000).contains(height) else {
            throw PlotError(.invalidArgument, "page size \(width)x\(height) is outside 16...20000")
        }
        guard (1...16).contains(columns), (1...16).contains(rows) else {
            throw PlotError(.invalidArgument, "panel grid \(columns)x\(rows) is outside 1...16")
        }
        guard fontScale > 0, fontScale.isFinite, lineWidth > 0, lineWidth.isFinite else {
            throw PlotError(.invalidArgument, "fontScale and lineWidth must be positive (got \(fontScale), \(lineWidth))")
        }
    }
}
