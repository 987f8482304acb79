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
