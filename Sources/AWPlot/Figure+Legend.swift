import CPLplot
import Foundation

extension Figure {
    /// Draws a legend for the labelled items: a line sample for lines and reference lines (with
    /// the marker if any), a marker for points, a filled box for bands and bars.
    /// Layout of a legend below the plot area: columns and rows, and the height (millimetres)
    /// to reserve under the standard viewport for it.
    struct BelowLegendLayout {
        var columns: Int
        var rows: Int
        var reservedHeight: Double
    }

    /// Visible characters of a label (PLplot escapes `#u`, `#d`, `#g` not counted; sub- and
    /// superscripts counted as 0.7).
    static func visibleLength(_ label: String) -> Double {
        var length = 0.0, scripted = 0
        var chars = Array(label)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "#", let next = chars.first {
                switch next {
                case "u": scripted -= 1; chars = chars.dropFirst(); continue
                case "d": scripted += 1; chars = chars.dropFirst(); continue
                case "g": chars = chars.dropFirst(); continue
                case "#": chars = chars.dropFirst()
                default: break
                }
            }
            length += scripted == 0 ? 1 : 0.7
        }
        return length
    }

    /// As many columns as fit the plot width (standard viewport of the current subpage), rows
    /// to hold every labelled item.
    func belowLegendLayout(_ items: [PlotItem]) -> BelowLegendLayout? {
        let labels = items.compactMap(\.label)
        guard !labels.isEmpty else { return nil }
        let h = currentCharacterHeight()
        // The legend may be as wide as the subpage (less a margin), wider than the plot area.
        let plotWidth = subpageMillimetres().width - 13 * h, width = subpageMillimetres().width - 3 * h
        let widest = labels.map(Figure.visibleLength).max() ?? 1
        // Line sample (0.08 of the plot width), text offset, text, gap.
        let column = 0.08 * plotWidth + 1.0 * h + 0.62 * legendTextScale * h * widest + 2.5 * h
        let columns = max(1, min(labels.count, Int(width / column)))
        let rows = (labels.count + columns - 1) / columns
        return BelowLegendLayout(columns: columns, rows: rows, reservedHeight: (Double(rows) * 2.0 * legendTextScale + 2.5) * h)
    }

    /// Legend text relative to the axis text: 0.9 on one-panel pages; smaller on pages of several
    /// panels, where PLplot's legend text otherwise comes out larger than the axis labels.
    var legendTextScale: Double { page.columns * page.rows > 1 ? 0.72 : 0.9 }

    func drawLegend(_ items: [PlotItem], placement: LegendPlacement, below: BelowLegendLayout? = nil, viewportHeight: Double = 1) {
        let labelled = items.filter { $0.label != nil }
        guard !labelled.isEmpty else { return }
        let n = labelled.count

        var options = [Int32](repeating: 0, count: n)
        let textColors = [Int32](repeating: Figure.foreground, count: n)
        var boxColors = [Int32](repeating: 0, count: n)
        let boxPatterns = [Int32](repeating: 0, count: n)
        let boxScales = [Double](repeating: 0.8, count: n)
        let boxLineWidths = [Double](repeating: 1, count: n)
        var lineColors = [Int32](repeating: Figure.foreground, count: n)
        var lineStyles = [Int32](repeating: 1, count: n)
        var lineWidths = [Double](repeating: page.lineWidth, count: n)
        var symbolColors = [Int32](repeating: Figure.foreground, count: n)
        var symbolScales = [Double](repeating: 1, count: n)
        let symbolNumbers = [Int32](repeating: 1, count: n)
        var texts: [UnsafeMutablePointer<CChar>?] = []
        var symbols: [UnsafeMutablePointer<CChar>?] = []
        defer {
            texts.forEach { free($0) }
            symbols.forEach { free($0) }
        }

        for (index, item) in labelled.enumerated() {
            texts.append(strdup(item.label ?? ""))
            var symbol = Marker.filledCircle.rawValue
            switch item {
            case .line(_, _, let color, let style, let width, let marker, let markerSize, _):
                options[index] = PL_LEGEND_LINE
                lineColors[index] = colorIndex(color)
                lineStyles[index] = style.rawValue
                lineWidths[index] = width ?? page.lineWidth
                if let marker {
                    options[index] |= PL_LEGEND_SYMBOL
                    symbol = marker.rawValue
                    symbolColors[index] = colorIndex(color)
                    symbolScales[index] = markerSize
                }
            case .referenceLine(_, _, let color, let style, let width, _):
                options[index] = PL_LEGEND_LINE
                lineColors[index] = colorIndex(color)
                lineStyles[index] = style.rawValue
                lineWidths[index] = width ?? page.lineWidth
            case .points(_, _, let color, let marker, let size, _):
                options[index] = PL_LEGEND_SYMBOL
                symbol = marker.rawValue
                symbolColors[index] = colorIndex(color)
                symbolScales[index] = size
            case .band(_, _, _, let color, _):
                options[index] = PL_LEGEND_COLOR_BOX
                boxColors[index] = colorIndex(color)
            case .bars(_, _, let fill, _, _):
                options[index] = PL_LEGEND_COLOR_BOX
                boxColors[index] = colorIndex(fill)
            case .errorBars, .text:
                options[index] = PL_LEGEND_NONE
            }
            symbols.append(strdup(symbol))
        }

        let corner: Int32
        switch placement {
        case .topRight: corner = PL_POSITION_TOP | PL_POSITION_RIGHT
        case .topLeft: corner = PL_POSITION_TOP | PL_POSITION_LEFT
        case .bottomRight: corner = PL_POSITION_BOTTOM | PL_POSITION_RIGHT
        case .bottomLeft: corner = PL_POSITION_BOTTOM | PL_POSITION_LEFT
        case .below: corner = PL_POSITION_BOTTOM
        }
        // Below: outside the plot area, under the x-axis numbers and label (about 4.3
        // character heights), centred.
        let outside = placement == .below && below != nil
        let position = corner | (outside ? PL_POSITION_OUTSIDE : PL_POSITION_INSIDE) | PL_POSITION_VIEWPORT
        let yOffset = outside ? 4.3 * currentCharacterHeight() / max(viewportHeight, 1e-9) : 0.02
        let columns = Int32(outside ? below!.columns : 1), rows = Int32(outside ? below!.rows : n)
        var legendWidth: Double = 0
        var legendHeight: Double = 0
        let textPointers = texts.map { UnsafePointer($0) }
        let symbolPointers = symbols.map { UnsafePointer($0) }
        c_plschr(0, page.fontScale)
        c_pllsty(1)
        c_pllegend(
            &legendWidth, &legendHeight,
            PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
            position,
            outside ? 0 : 0.02, yOffset,   // offset from the corner (fraction of the viewport)
            0.08,                // length of the line samples
            0, Figure.foreground, 1,   // white background, black 1-pixel box
            rows, columns,       // one column inside the plot area
            Int32(n), options,
            1.0, legendTextScale, 2.0, 0,    // text offset, scale, spacing, left justification
            textColors, textPointers,
            boxColors, boxPatterns, boxScales, boxLineWidths,
            lineColors, lineStyles, lineWidths,
            symbolColors, symbolScales, symbolNumbers, symbolPointers)
        c_pllsty(1)
        c_plcol0(Figure.foreground)
    }
}
