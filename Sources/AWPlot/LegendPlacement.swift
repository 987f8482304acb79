/// Where a panel's legend goes: a corner inside the plot area, or below the plot area (under
/// the x-axis label, in as many columns as fit; the plot area shrinks to make room), which keeps
/// long legends off the data.
public enum LegendPlacement: Sendable, Equatable {
    case topRight, topLeft, bottomRight, bottomLeft
    /// Below the plot area, outside it.
    case below
}
