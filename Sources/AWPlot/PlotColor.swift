/// An RGB colour with opacity (`alpha` 0...1; 1 is opaque). Translucency is honoured by the
/// cairo and SVG devices.
public struct PlotColor: Hashable, Sendable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8
    public var alpha: Double

    public init(red: UInt8, green: UInt8, blue: UInt8, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// The same colour with another opacity.
    public func opacity(_ alpha: Double) -> PlotColor {
        PlotColor(red: red, green: green, blue: blue, alpha: alpha)
    }

    public static let black = PlotColor(red: 0, green: 0, blue: 0)
    public static let white = PlotColor(red: 255, green: 255, blue: 255)
    public static let gray = PlotColor(red: 128, green: 128, blue: 128)
    public static let lightGray = PlotColor(red: 215, green: 215, blue: 215)

    /// Ten distinguishable colours for data series (matplotlib's "tab10": blue, orange, green,
    /// red, purple, brown, pink, gray, olive, cyan).
    public static let palette: [PlotColor] = [
        PlotColor(red: 31, green: 119, blue: 180),
        PlotColor(red: 255, green: 127, blue: 14),
        PlotColor(red: 44, green: 160, blue: 44),
        PlotColor(red: 214, green: 39, blue: 40),
        PlotColor(red: 148, green: 103, blue: 189),
        PlotColor(red: 140, green: 86, blue: 75),
        PlotColor(red: 227, green: 119, blue: 194),
        PlotColor(red: 127, green: 127, blue: 127),
        PlotColor(red: 188, green: 189, blue: 34),
        PlotColor(red: 23, green: 190, blue: 207),
    ]

    /// Colour number `index` of the series palette, cycling.
    public static func series(_ index: Int) -> PlotColor {
        let n = palette.count
        return palette[((index % n) + n) % n]
    }
}
