import AWPlot

/// One series a figure draws, as values: what the drawing code plots and what tests compare
/// with the records it came from. `x` are the data's own values (the small offsets along x
/// that keep error bars apart are applied when drawing, not here).
public struct FigureSeries: Sendable, Equatable {
    /// Legend label (PLplot escapes); "" for a series without a legend entry.
    public var label: String
    public var x: [Double]
    public var y: [Double]
    /// Symmetric error bars (± this, aligned with `y`; 0 where there is none), or nil when the
    /// series has no error bars.
    public var error: [Double]?
    public var color: PlotColor
    /// Marker of the points, nil for a plain line.
    public var marker: Marker?
    /// The run quantity plotted as y, where the series is one (gap figure).
    public var quantity: RunQuantity?
    /// Aligned with `x`: the point is not comparable (fewer than half of its seeds met the stop
    /// rule) and is drawn with an open marker; nil when every point is comparable.
    public var notComparable: [Bool]?
    /// The line: dashed for a curve of a sweep point that is not comparable.
    public var style: LineStyle = .solid

    public init(label: String, x: [Double], y: [Double], error: [Double]? = nil, color: PlotColor, marker: Marker? = nil,
                quantity: RunQuantity? = nil) {
        self.label = label; self.x = x; self.y = y; self.error = error; self.color = color; self.marker = marker
        self.quantity = quantity
    }
}
