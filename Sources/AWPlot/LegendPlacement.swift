/// Where a panel's legend goes: a corner inside the plot area, or nowhere.
public enum LegendPlacement: Sendable, Equatable {
    case topRight, topLeft, bottomRight, bottomLeft
}
