import AWPlot

/// Shared look of every figure: page sizes, the colour and marker of a sweep point (by its
/// position in the sweep, so a swept value has the same colour in every panel and figure of its
/// sweep), the colours of the gap-decomposition series and of manifests in overview figures.
enum FigureStyle {
    /// One panel.
    static let single = PageSetup(width: 1000, height: 750, columns: 1, rows: 1, fontScale: 1.0, lineWidth: 2.5)
    /// Two panels side by side.
    static let double = PageSetup(width: 1700, height: 720, columns: 2, rows: 1, fontScale: 1.0, lineWidth: 2.5)

    /// A grid of `count` panels (at most 3 columns).
    static func grid(_ count: Int) -> PageSetup {
        if count <= 1 { return single }
        if count == 2 { return double }
        let columns = min(3, count), rows = (count + columns - 1) / columns
        return PageSetup(width: 650 * columns, height: 560 * rows, columns: columns, rows: rows, fontScale: 1.0, lineWidth: 2.5)
    }

    /// Colour of sweep point `index`.
    static func pointColor(_ index: Int) -> PlotColor { PlotColor.series(index) }
    static func pointMarker(_ index: Int) -> Marker { Marker.series(index) }

    /// Colours of the gap-decomposition series.
    static let measuredGap = PlotColor.black
    static let total = PlotColor.series(0)
    static let sharp = PlotColor.series(3)
    static let flat = PlotColor.series(2)

    /// Colour of manifest `index` in overview figures.
    static func manifestColor(_ index: Int) -> PlotColor { PlotColor.series(index) }
}
