/// One thing drawn in a panel. Build with the `Panel` methods; drawn in the order added.
public enum PlotItem: Sendable, Equatable {
    /// A polyline, optionally with a marker at each point. Non-finite points (and non-positive
    /// ones on log axes) break the line.
    case line(x: [Double], y: [Double], color: PlotColor, style: LineStyle, width: Double?, marker: Marker?, markerSize: Double, label: String?)
    /// Markers only.
    case points(x: [Double], y: [Double], color: PlotColor, marker: Marker, size: Double, label: String?)
    /// Error bars from `low` to `high` at each x (vertical), or at each y (horizontal).
    case errorBars(x: [Double], low: [Double], high: [Double], horizontal: Bool, y: [Double], color: PlotColor, width: Double?)
    /// A filled band between two curves over x.
    case band(x: [Double], lower: [Double], upper: [Double], color: PlotColor, label: String?)
    /// Bars: bar i spans [edges[i], edges[i+1]] with height heights[i] (edges.count == heights.count + 1).
    case bars(edges: [Double], heights: [Double], fill: PlotColor, outline: PlotColor?, label: String?)
    /// The straight line y = slope * x + intercept across the panel (in data units).
    case referenceLine(slope: Double, intercept: Double, color: PlotColor, style: LineStyle, width: Double?, label: String?)
    /// A text annotation; `angle` in degrees (0 horizontal, 90 upwards), `justification` 0 left,
    /// 0.5 centred, 1 right of the anchor.
    case text(String, anchor: TextAnchor, color: PlotColor, angle: Double, justification: Double, size: Double)

    /// The legend label, if any.
    var label: String? {
        switch self {
        case .line(_, _, _, _, _, _, _, let label), .points(_, _, _, _, _, let label), .band(_, _, _, _, let label),
             .bars(_, _, _, _, let label), .referenceLine(_, _, _, _, _, let label):
            return label
        case .errorBars, .text:
            return nil
        }
    }
}
