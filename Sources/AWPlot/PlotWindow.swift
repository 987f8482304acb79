/// The visible window of a panel, in plot coordinates (log10 for log axes).
struct PlotWindow {
    var xMin: Double, xMax: Double, yMin: Double, yMax: Double
    var xSpan: Double { xMax - xMin }
    var ySpan: Double { yMax - yMin }
}
