import Foundation

/// One axis of a panel.
///
/// `label` may use PLplot text escapes: `#gs` sigma, `#gl` lambda, `#gD` Delta (Greek letters
/// `#g` + Latin equivalent), `#u...#d` superscript, `#d...#u` subscript, `##` a literal "#".
/// UTF-8 text (e.g. "σ", "λ") also works with the cairo and SVG devices. `range` nil means
/// automatic (data extent plus a small margin).
public struct PlotAxis: Sendable, Equatable {
    public var label: String
    public var scale: AxisScale
    public var range: ClosedRange<Double>?
    /// Light grid lines at the major ticks.
    public var grid: Bool

    public init(_ label: String = "", scale: AxisScale = .linear, range: ClosedRange<Double>? = nil, grid: Bool = false) {
        self.label = label
        self.scale = scale
        self.range = range
        self.grid = grid
    }

    /// Data value to plot coordinate (log10 for log axes); nil if it cannot be shown.
    func transform(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch scale {
        case .linear: return value
        case .log: return value > 0 ? log10(value) : nil
        }
    }
}
