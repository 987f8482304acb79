/// Line patterns, mapped to PLplot's built-in styles (`pllsty` 1...8) so legends match the lines.
public enum LineStyle: Int32, Sendable, CaseIterable {
    case solid = 1
    /// Short dashes with short gaps (reads as dotted at normal widths).
    case dotted = 2
    /// Long dashes with long gaps.
    case dashed = 3
    /// Long dashes with short gaps.
    case longDashed = 4
    /// Long dash, short dash.
    case dashDotted = 5
}

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
