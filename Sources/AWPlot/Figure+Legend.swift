import CPLplot
import Foundation

extension Figure {
    /// Draws a legend for the labelled items: a line sample for lines and reference lines (with
    /// the marker if any), a marker for points, a filled box for bands and bars.
    func drawLegend(_ items: [PlotItem], placement: LegendPlacement) {
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
        }
        var legendWidth: Double = 0
        var legendHeight: Double = 0
        let textPointers = texts.map { UnsafePointer($0) }
        let symbolPointers = symbols.map { UnsafePointer($0) }
        c_plschr(0, page.fontScale)
        c_pllsty(1)
        c_pllegend(
            &legendWidth, &legendHeight,
            PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
            corner | PL_POSITION_INSIDE | PL_POSITION_VIEWPORT,
            0.02, 0.02,          // offset from the corner (fraction of the viewport)
            0.08,                // length of the line samples
            0, Figure.foreground, 1,   // white background, black 1-pixel box
            Int32(n), 1,         // one column
            Int32(n), options,
            1.0, 0.9, 2.0, 0,    // text offset, scale, spacing, left justification
            textColors, textPointers,
            boxColors, boxPatterns, boxScales, boxLineWidths,
            lineColors, lineStyles, lineWidths,
            symbolColors, symbolScales, symbolNumbers, symbolPointers)
        c_pllsty(1)
        c_plcol0(Figure.foreground)
    }
}
