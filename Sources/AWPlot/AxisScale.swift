/// Linear or logarithmic axis scaling.
public enum AxisScale: Sendable, Equatable {
    case linear
    /// Base-10 logarithmic. Data are given in data units; AWPlot takes log10 itself (PLplot's log
    /// axes want log10 values and the "l" axis option). Non-positive values cannot be shown and are
    /// dropped (a line is broken there).
    case log
}
