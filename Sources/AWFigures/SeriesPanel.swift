/// One panel of a figure as values: its title, the series it draws and the axis ranges the
/// figure computes (nil: the range follows the data). Axis labels and scales are fixed per
/// figure and stay in the drawing code.
public struct SeriesPanel: Sendable, Equatable {
    public var title: String
    public var series: [FigureSeries]
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?

    public init(title: String, series: [FigureSeries], xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil) {
        self.title = title; self.series = series; self.xRange = xRange; self.yRange = yRange
    }
}
