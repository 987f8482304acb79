/// Marker symbols, drawn as Unicode glyphs (the cairo and SVG devices render them with the text
/// font, DejaVu Sans on Debian).
public enum Marker: String, Sendable, CaseIterable {
    case filledCircle = "●"
    case circle = "○"
    case filledSquare = "■"
    case square = "□"
    case filledTriangle = "▲"
    case triangle = "△"
    case filledDiamond = "◆"
    case diamond = "◇"
    case plus = "+"
    case cross = "×"
    case dot = "•"

    /// The same shape open (a hollow marker marks a point that is not comparable, for example).
    public var open: Marker {
        switch self {
        case .filledCircle: return .circle
        case .filledSquare: return .square
        case .filledTriangle: return .triangle
        case .filledDiamond: return .diamond
        default: return self
        }
    }

    /// A marker for series `index`, cycling through the filled shapes first.
    public static func series(_ index: Int) -> Marker {
        let order: [Marker] = [.filledCircle, .filledSquare, .filledTriangle, .filledDiamond, .circle, .square, .triangle, .cross, .plus]
        return order[((index % order.count) + order.count) % order.count]
    }
}
