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
    case plus = "+"
    case cross = "×"
    case dot = "•"

    /// A marker for series `index`, cycling through the filled shapes first.
    public static func series(_ index: Int) -> Marker {
        let order: [Marker] = [.filledCircle, .filledSquare, .filledTriangle, .filledDiamond, .circle, .square, .triangle, .cross, .plus]
        return order[((index % order.count) + order.count) % order.count]
    }
}
