/// Where a text annotation is anchored.
public enum TextAnchor: Sendable, Equatable {
    /// Data coordinates (in data units, also on log axes).
    case data(x: Double, y: Double)
    /// Fractions of the plot area: (0, 0) bottom left, (1, 1) top right.
    case fraction(x: Double, y: Double)
}
