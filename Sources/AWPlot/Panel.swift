import Foundation

/// A description of one plot panel (one subpage of a figure): axes, title, legend placement and
/// the items to draw. A value type: build it, then `Figure.draw(_:)` it (or use
/// `Figure.panel(...) { panel in ... }`). Items with a `label` appear in the legend, in order.
public struct Panel: Sendable, Equatable {
    public var title: String
    public var x: PlotAxis
    public var y: PlotAxis
    /// Where the legend goes; nil for no legend. Drawn only when some item has a label.
    public var legend: LegendPlacement?
    public var items: [PlotItem]
    /// Inconsistent arguments noticed while building; `Figure.draw` throws if any.
    var problems: [String] = []

    public init(title: String = "", x: PlotAxis = PlotAxis(), y: PlotAxis = PlotAxis(), legend: LegendPlacement? = .topRight, items: [PlotItem] = []) {
        self.title = title
        self.x = x
        self.y = y
        self.legend = legend
        self.items = items
    }

    /// A line through (x[i], y[i]), optionally with markers.
    public mutating func line(x: [Double], y: [Double], color: PlotColor = .series(0), style: LineStyle = .solid,
                              width: Double? = nil, marker: Marker? = nil, markerSize: Double = 1, label: String? = nil) {
        items.append(.line(x: x, y: y, color: color, style: style, width: width, marker: marker, markerSize: markerSize, label: label))
    }

    /// Markers at (x[i], y[i]).
    public mutating func points(x: [Double], y: [Double], color: PlotColor = .series(0), marker: Marker = .filledCircle,
                                size: Double = 1, label: String? = nil) {
        items.append(.points(x: x, y: y, color: color, marker: marker, size: size, label: label))
    }

    /// Symmetric vertical error bars y[i] +- error[i] (e.g. the standard deviation over seeds).
    public mutating func errorBars(x: [Double], y: [Double], error: [Double], color: PlotColor = .series(0), width: Double? = nil) {
        guard y.count == error.count else {
            problems.append("errorBars: y has \(y.count) values but error has \(error.count)")
            return
        }
        let low = zip(y, error).map { $0 - $1 }
        let high = zip(y, error).map { $0 + $1 }
        items.append(.errorBars(x: x, low: low, high: high, horizontal: false, y: [], color: color, width: width))
    }

    /// Vertical error bars from low[i] to high[i] at x[i].
    public mutating func errorBars(x: [Double], low: [Double], high: [Double], color: PlotColor = .series(0), width: Double? = nil) {
        items.append(.errorBars(x: x, low: low, high: high, horizontal: false, y: [], color: color, width: width))
    }

    /// Horizontal error bars x[i] +- error[i] at y[i].
    public mutating func horizontalErrorBars(y: [Double], x: [Double], error: [Double], color: PlotColor = .series(0), width: Double? = nil) {
        guard x.count == error.count else {
            problems.append("horizontalErrorBars: x has \(x.count) values but error has \(error.count)")
            return
        }
        let low = zip(x, error).map { $0 - $1 }
        let high = zip(x, error).map { $0 + $1 }
        items.append(.errorBars(x: [], low: low, high: high, horizontal: true, y: y, color: color, width: width))
    }

    /// A translucent band between lower[i] and upper[i] over x[i] (e.g. mean +- std).
    public mutating func band(x: [Double], lower: [Double], upper: [Double], color: PlotColor = PlotColor.series(0).opacity(0.25), label: String? = nil) {
        items.append(.band(x: x, lower: lower, upper: upper, color: color, label: label))
    }

    /// Bars between consecutive edges.
    public mutating func bars(edges: [Double], heights: [Double], fill: PlotColor = PlotColor.series(0).opacity(0.6),
                              outline: PlotColor? = .black, label: String? = nil) {
        items.append(.bars(edges: edges, heights: heights, fill: fill, outline: outline, label: label))
    }

    /// A histogram of `values` with `bins` equal bins over `range` (default: the finite data
    /// extent). With `density`, heights are normalised so the bars' area is 1 (a density);
    /// otherwise they are counts. Values outside the range and non-finite values are ignored.
    public mutating func histogram(_ values: [Double], bins: Int = 30, range: ClosedRange<Double>? = nil, density: Bool = true,
                                   fill: PlotColor = PlotColor.series(0).opacity(0.6), outline: PlotColor? = .black, label: String? = nil) {
        if bins < 1 { problems.append("histogram: bins must be at least 1, got \(bins)") }
        if let range, !(range.lowerBound < range.upperBound) {
            problems.append("histogram: empty range \(range)")
        }
        let (edges, heights) = Panel.histogram(values, bins: bins, range: range, density: density)
        bars(edges: edges, heights: heights, fill: fill, outline: outline, label: label)
    }

    /// The line y = slope * x + intercept across the panel; `diagonal()` is y = x.
    public mutating func referenceLine(slope: Double, intercept: Double, color: PlotColor = .gray, style: LineStyle = .dashed,
                                       width: Double? = nil, label: String? = nil) {
        items.append(.referenceLine(slope: slope, intercept: intercept, color: color, style: style, width: width, label: label))
    }

    /// The diagonal y = x (for "estimated vs measured" plots).
    public mutating func diagonal(color: PlotColor = .gray, style: LineStyle = .dashed, label: String? = nil) {
        referenceLine(slope: 1, intercept: 0, color: color, style: style, label: label)
    }

    /// A text annotation. `size` scales the normal character height.
    public mutating func text(_ text: String, at anchor: TextAnchor, color: PlotColor = .black, angle: Double = 0,
                              justification: Double = 0, size: Double = 1) {
        items.append(.text(text, anchor: anchor, color: color, angle: angle, justification: justification, size: size))
    }

    /// Bin edges and heights of a histogram (see `histogram(_:bins:range:density:...)`).
    public static func histogram(_ values: [Double], bins: Int, range: ClosedRange<Double>?, density: Bool) -> (edges: [Double], heights: [Double]) {
        let finite = values.filter(\.isFinite)
        let bins = max(1, bins)
        var low = range?.lowerBound ?? finite.min() ?? 0
        var high = range?.upperBound ?? finite.max() ?? 1
        if high <= low { low -= 0.5; high += 0.5 }
        let width = (high - low) / Double(bins)
        let edges = (0...bins).map { low + Double($0) * width }
        var counts = [Double](repeating: 0, count: bins)
        var used = 0
        for value in finite where value >= low && value <= high {
            let index = min(bins - 1, Int((value - low) / width))
            counts[index] += 1
            used += 1
        }
        if density && used > 0 {
            counts = counts.map { $0 / (Double(used) * width) }
        }
        return (edges, counts)
    }
}
