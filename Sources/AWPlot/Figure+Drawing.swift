import CPLplot
import Foundation

extension Figure {
    /// Draws `panel` in the next panel slot of the page (left to right, top to bottom).
    ///
    /// Throws `PlotError.invalidArgument` for inconsistent data (array lengths, a log-axis range
    /// that is not positive, more panels than the page holds) before anything is drawn, and
    /// `PlotError.invalidState` outside the session.
    public func draw(_ panel: Panel) throws {
        try requireActive()
        let capacity = page.columns * page.rows
        guard panelCount < capacity else {
            throw PlotError(.invalidArgument, "the page holds \(capacity) panel(s) (\(page.columns)x\(page.rows)); cannot draw panel \(panelCount + 1)")
        }
        try Figure.validate(panel)
        let window = try Figure.window(for: panel)

        c_pladv(0)
        c_plschr(0, page.fontScale)
        let legendLayout = panel.legend == .below ? belowLegendLayout(panel.items) : nil
        if let legendLayout {
            setViewport(reservingBelow: legendLayout.reservedHeight)
        } else {
            c_plvsta()
        }
        c_plwind(window.xMin, window.xMax, window.yMin, window.yMax)
        let viewport = viewportMillimetres()

        // Grid under the data.
        if panel.x.grid || panel.y.grid {
            c_plcol0(Figure.gridColor)
            c_plwidth(1)
            c_pllsty(1)
            let xGrid = panel.x.grid ? "g" + (panel.x.scale == .log ? "l" : "") : ""
            let yGrid = panel.y.grid ? "g" + (panel.y.scale == .log ? "l" : "") : ""
            c_plbox(xGrid, 0, 0, yGrid, 0, 0)
        }

        for item in panel.items {
            drawItem(item, panel: panel, window: window)
        }

        // Axes, ticks, numbers and labels on top, in the foreground colour.
        c_plcol0(Figure.foreground)
        c_plwidth(1)
        c_pllsty(1)
        c_plschr(0, page.fontScale)
        // Short log axes (under 2.5 decades) get plain labels at 1-2-5 steps instead of
        // PLplot's decade-only 10^k labels, which would leave them with one label or none.
        // Longer log axes get 10^k labels at every decade, or every 2nd, 3rd, ... decade when
        // labels at every decade would not fit the axis length.
        let characterHeight = currentCharacterHeight()
        let xLabels = panel.x.scale == .log
            ? Figure.logLabels(window.xMin, window.xMax)
                ?? Figure.decadeLabels(window.xMin, window.xMax, axisLength: viewport.width, characterHeight: characterHeight)
            : nil
        let yLabels = panel.y.scale == .log
            ? Figure.logLabels(window.yMin, window.yMax)
                ?? Figure.decadeLabels(window.yMin, window.yMax, axisLength: viewport.height, characterHeight: characterHeight)
            : nil
        let xOptions = "bcst" + (xLabels == nil ? "n" : "") + (panel.x.scale == .log ? "l" : "")
        let yOptions = "bcst" + (yLabels == nil ? "n" : "") + (panel.y.scale == .log ? "l" : "")
        // Up to 6 digits before PLplot switches a linear axis to a separate "(x10^k)" factor,
        // so values such as 0.005 or 0.02 are written as they are.
        c_plsxax(6, 0)
        c_plsyax(6, 0)
        c_plbox(xOptions, 0, 0, yOptions, 0, 0)
        // Same placement as plbox's own numeric labels (1.5 character heights out, centred).
        for (position, text) in xLabels ?? [] {
            c_plmtex("b", 1.5, (position - window.xMin) / window.xSpan, 0.5, text)
        }
        for (position, text) in yLabels ?? [] {
            c_plmtex("l", 1.5, (position - window.yMin) / window.ySpan, 0.5, text)
        }
        c_pllab(panel.x.label, panel.y.label, panel.title)

        if let placement = panel.legend {
            drawLegend(panel.items, placement: placement, below: legendLayout, viewportHeight: viewport.height)
        }
        c_plcol0(Figure.foreground)
        panelCount += 1
    }

    /// Plain labels for a log axis spanning fewer than 2.5 decades (window in log10 units):
    /// values 1, 2, 5 x 10^k inside the window, or every 1...9 x 10^k if that gives fewer than
    /// two. Nil for longer axes (PLplot's 10^k labels are used).
    static func logLabels(_ low: Double, _ high: Double) -> [(Double, String)]? {
        guard high - low < 2.5 else { return nil }
        func labels(_ mantissas: [Double]) -> [(Double, String)] {
            var result: [(Double, String)] = []
            let tolerance = 1e-9 * max(1, high - low)
            for exponent in Int(floor(low)) - 1...Int(ceil(high)) + 1 {
                for mantissa in mantissas {
                    let value = mantissa * pow(10, Double(exponent))
                    let position = log10(value)
                    if position >= low - tolerance && position <= high + tolerance {
                        result.append((position, formatTick(value)))
                    }
                }
            }
            return result
        }
        let coarse = labels([1, 2, 5])
        return coarse.count >= 2 ? coarse : labels([1, 2, 3, 4, 5, 6, 7, 8, 9])
    }

    /// Labels 10^k for a log axis of 2.5 decades or more (window in log10 units), at every
    /// `step`-th decade (k a multiple of `step`), with `step` the smallest of 1, 2, 3, 4, 5, 6, 8,
    /// 10, ... that leaves room for each label on an axis `axisLength` long (millimetres; labels
    /// are about `characterHeight` high). At least two labels when the window holds two decades.
    static func decadeLabels(_ low: Double, _ high: Double, axisLength: Double, characterHeight: Double) -> [(Double, String)] {
        let tolerance = 1e-9 * max(1, high - low)
        let first = Int(ceil(low - tolerance)), last = Int(floor(high + tolerance))
        guard first <= last else { return [] }
        let decades = Array(first...last)
        func text(_ k: Int) -> String { "10#u\(k)#d" }
        // Room one label needs along the axis: "10" plus a smaller exponent, and a gap.
        let widest = decades.map { Double(String($0).count) }.max() ?? 1
        let labelLength = characterHeight * (0.7 * 2 + 0.55 * widest + 0.8)
        let fit = max(2, Int(axisLength / max(labelLength, 1e-9)))
        let steps = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 100]
        var chosen = [Int]()
        for step in steps {
            chosen = decades.filter { $0 % step == 0 }
            if chosen.count <= fit { break }
        }
        if chosen.count < 2 && decades.count >= 2 { chosen = [decades.first!, decades.last!] }
        return chosen.map { (Double($0), text($0)) }
    }

    /// The current character height in millimetres.
    func currentCharacterHeight() -> Double {
        var defaultHeight: Double = 0, height: Double = 0
        c_plgchr(&defaultHeight, &height)
        return height
    }

    /// The current subpage's size in millimetres.
    func subpageMillimetres() -> (width: Double, height: Double) {
        var x0: Double = 0, x1: Double = 0, y0: Double = 0, y1: Double = 0
        c_plgspa(&x0, &x1, &y0, &y1)
        return (x1 - x0, y1 - y0)
    }

    /// The current viewport's size in millimetres.
    func viewportMillimetres() -> (width: Double, height: Double) {
        var x0: Double = 0, x1: Double = 0, y0: Double = 0, y1: Double = 0
        c_plgvpd(&x0, &x1, &y0, &y1)
        // Normalised device coordinates of the whole page; a subpage is 1/columns x 1/rows of it.
        let sub = subpageMillimetres()
        return ((x1 - x0) * sub.width * Double(page.columns), (y1 - y0) * sub.height * Double(page.rows))
    }

    /// PLplot's standard viewport (`plvsta`: 8 character heights left, 5 right, top and
    /// bottom) with `reserved` more millimetres at the bottom.
    func setViewport(reservingBelow reserved: Double) {
        let h = currentCharacterHeight()
        let sub = subpageMillimetres()
        let bottom = min(5 * h + reserved, 0.6 * sub.height)
        c_plsvpa(8 * h, sub.width - 5 * h, bottom, sub.height - 5 * h)
    }

    /// A tick value as short plain text (e.g. 0.005, 20, 1e+06).
    static func formatTick(_ value: Double) -> String {
        let text = String(format: "%g", value)
        return text
    }

    // MARK: - Validation and ranges

    static func validate(_ panel: Panel) throws {
        if let problem = panel.problems.first {
            throw PlotError(.invalidArgument, problem)
        }
        func same(_ a: Int, _ b: Int, _ what: String) throws {
            guard a == b else { throw PlotError(.invalidArgument, "\(what): lengths differ (\(a) vs \(b))") }
        }
        for item in panel.items {
            switch item {
            case .line(let x, let y, _, _, let width, _, let size, _):
                try same(x.count, y.count, "line x/y")
                try positive(width, "line width")
                try positive(size, "marker size")
            case .points(let x, let y, _, _, let size, _):
                try same(x.count, y.count, "points x/y")
                try positive(size, "marker size")
            case .errorBars(let x, let low, let high, let horizontal, let y, _, let width):
                try same(low.count, high.count, "error bars low/high")
                try same(horizontal ? y.count : x.count, low.count, "error bars positions/values")
                try positive(width, "error bar width")
            case .band(let x, let lower, let upper, _, _):
                try same(x.count, lower.count, "band x/lower")
                try same(x.count, upper.count, "band x/upper")
            case .bars(let edges, let heights, _, _, _):
                guard edges.count == heights.count + 1 else {
                    throw PlotError(.invalidArgument, "bars: need one more edge than heights (\(edges.count) edges, \(heights.count) heights)")
                }
            case .referenceLine(let slope, let intercept, _, _, let width, _):
                guard slope.isFinite, intercept.isFinite else {
                    throw PlotError(.invalidArgument, "reference line: slope and intercept must be finite")
                }
                try positive(width, "reference line width")
            case .text(_, _, _, let angle, let justification, let size):
                guard angle.isFinite, justification.isFinite else {
                    throw PlotError(.invalidArgument, "text: angle and justification must be finite")
                }
                try positive(size, "text size")
            }
        }
    }

    private static func positive(_ value: Double?, _ what: String) throws {
        if let value, !(value > 0 && value.isFinite) {
            throw PlotError(.invalidArgument, "\(what) must be positive, got \(value)")
        }
    }

    /// The data extent of all items along one axis, in plot coordinates.
    static func extent(of panel: Panel, horizontal: Bool) -> (Double, Double)? {
        let axis = horizontal ? panel.x : panel.y
        var low = Double.infinity
        var high = -Double.infinity
        func include(_ values: [Double]) {
            for value in values {
                if let t = axis.transform(value) {
                    low = min(low, t)
                    high = max(high, t)
                }
            }
        }
        for item in panel.items {
            switch item {
            case .line(let x, let y, _, _, _, _, _, _), .points(let x, let y, _, _, _, _):
                include(horizontal ? x : y)
            case .errorBars(let x, let lower, let upper, let isHorizontal, let y, _, _):
                if horizontal == isHorizontal { include(lower); include(upper) } else { include(isHorizontal ? y : x) }
            case .band(let x, let lower, let upper, _, _):
                if horizontal { include(x) } else { include(lower); include(upper) }
            case .bars(let edges, let heights, _, _, _):
                if horizontal { include(edges) } else { include(heights); include([0]) }
            case .referenceLine, .text:
                break
            }
        }
        return low <= high ? (low, high) : nil
    }

    /// The panel's window: the axis ranges given, or the data extent plus 4% on each side.
    static func window(for panel: Panel) throws -> PlotWindow {
        func range(_ axis: PlotAxis, horizontal: Bool) throws -> (Double, Double) {
            let name = horizontal ? "x" : "y"
            if let given = axis.range {
                guard let low = axis.transform(given.lowerBound), let high = axis.transform(given.upperBound), low < high else {
                    throw PlotError(.invalidArgument, "\(name) axis range \(given) is empty, not finite, or not positive on a log axis")
                }
                return (low, high)
            }
            guard var (low, high) = extent(of: panel, horizontal: horizontal) else {
                return (0, 1)   // No data: [0, 1], or [1, 10] on a log axis.
            }
            if high - low <= 0 {
                let half = axis.scale == .log ? 0.5 : max(abs(low) * 0.1, 0.5)
                low -= half
                high += half
            } else {
                let pad = 0.04 * (high - low)
                low -= pad
                high += pad
            }
            return (low, high)
        }
        let (xMin, xMax) = try range(panel.x, horizontal: true)
        let (yMin, yMax) = try range(panel.y, horizontal: false)
        return PlotWindow(xMin: xMin, xMax: xMax, yMin: yMin, yMax: yMax)
    }

    // MARK: - Items

    /// Runs of consecutive points that can be shown, in plot coordinates.
    static func runs(x: [Double], y: [Double], panel: Panel) -> [([Double], [Double])] {
        var result: [([Double], [Double])] = []
        var xs: [Double] = [], ys: [Double] = []
        for (a, b) in zip(x, y) {
            if let tx = panel.x.transform(a), let ty = panel.y.transform(b) {
                xs.append(tx)
                ys.append(ty)
            } else if !xs.isEmpty {
                result.append((xs, ys))
                xs = []
                ys = []
            }
        }
        if !xs.isEmpty { result.append((xs, ys)) }
        return result
    }

    private func setPen(_ color: PlotColor, width: Double?, style: LineStyle) {
        c_plcol0(colorIndex(color))
        c_plwidth(width ?? page.lineWidth)
        c_pllsty(style.rawValue)
    }

    private func drawMarkers(_ xs: [Double], _ ys: [Double], marker: Marker, color: PlotColor, size: Double) {
        guard !xs.isEmpty else { return }
        c_plcol0(colorIndex(color))
        c_plschr(0, page.fontScale * size)
        c_plstring(Int32(xs.count), xs, ys, marker.rawValue)
        c_plschr(0, page.fontScale)
    }

    func drawItem(_ item: PlotItem, panel: Panel, window: PlotWindow) {
        switch item {
        case .line(let x, let y, let color, let style, let width, let marker, let markerSize, _):
            setPen(color, width: width, style: style)
            let parts = Figure.runs(x: x, y: y, panel: panel)
            for (xs, ys) in parts where xs.count >= 2 {
                c_plline(Int32(xs.count), xs, ys)
            }
            c_pllsty(1)
            if let marker {
                for (xs, ys) in parts { drawMarkers(xs, ys, marker: marker, color: color, size: markerSize) }
            }

        case .points(let x, let y, let color, let marker, let size, _):
            for (xs, ys) in Figure.runs(x: x, y: y, panel: panel) {
                drawMarkers(xs, ys, marker: marker, color: color, size: size)
            }

        case .errorBars(let x, let low, let high, let horizontal, let y, let color, let width):
            setPen(color, width: width, style: .solid)
            let valueAxis = horizontal ? panel.x : panel.y
            let positionAxis = horizontal ? panel.y : panel.x
            let floor = horizontal ? window.xMin : window.yMin
            var positions: [Double] = [], lows: [Double] = [], highs: [Double] = []
            for index in low.indices {
                guard let position = positionAxis.transform(horizontal ? y[index] : x[index]),
                      low[index].isFinite, high[index].isFinite,
                      let top = valueAxis.transform(high[index]) else { continue }
                // On a log axis a bar reaching zero or below is drawn down to the panel edge.
                let bottom = valueAxis.transform(low[index]) ?? floor
                positions.append(position)
                lows.append(min(bottom, top))
                highs.append(max(bottom, top))
            }
            if !positions.isEmpty {
                if horizontal {
                    c_plerrx(Int32(positions.count), lows, highs, positions)
                } else {
                    c_plerry(Int32(positions.count), positions, lows, highs)
                }
            }

        case .band(let x, let lower, let upper, let color, _):
            c_plcol0(colorIndex(color))
            var xs: [Double] = [], tops: [Double] = [], bottoms: [Double] = []
            func flush() {
                if xs.count >= 2 {
                    let polygonX = xs + xs.reversed()
                    let polygonY = tops + bottoms.reversed()
                    c_plfill(Int32(polygonX.count), polygonX, polygonY)
                }
                xs = []; tops = []; bottoms = []
            }
            for index in x.indices {
                if let tx = panel.x.transform(x[index]), lower[index].isFinite, let top = panel.y.transform(upper[index]) {
                    xs.append(tx)
                    tops.append(top)
                    bottoms.append(panel.y.transform(lower[index]) ?? window.yMin)
                } else {
                    flush()
                }
            }
            flush()

        case .bars(let edges, let heights, let fill, let outline, _):
            let base = panel.y.transform(0) ?? window.yMin
            for index in heights.indices {
                guard let left = panel.x.transform(edges[index]), let right = panel.x.transform(edges[index + 1]),
                      heights[index].isFinite else { continue }
                let top = panel.y.transform(heights[index]) ?? window.yMin
                guard top != base else { continue }
                let xs = [left, right, right, left]
                let ys = [base, base, top, top]
                c_plcol0(colorIndex(fill))
                c_plfill(4, xs, ys)
                if let outline {
                    setPen(outline, width: 1, style: .solid)
                    c_plline(5, xs + [left], ys + [base])
                }
            }

        case .referenceLine(let slope, let intercept, let color, let style, let width, _):
            setPen(color, width: width, style: style)
            let samples = 400
            var xs: [Double] = [], ys: [Double] = []
            for step in 0...samples {
                let tx = window.xMin + window.xSpan * Double(step) / Double(samples)
                let xData = panel.x.scale == .log ? pow(10, tx) : tx
                xs.append(xData)
                ys.append(slope * xData + intercept)
            }
            for (px, py) in Figure.runs(x: xs, y: ys, panel: panel) where px.count >= 2 {
                c_plline(Int32(px.count), px, py)
            }
            c_pllsty(1)

        case .text(let text, let anchor, let color, let angle, let justification, let size):
            let point: (Double, Double)?
            switch anchor {
            case .data(let x, let y):
                if let tx = panel.x.transform(x), let ty = panel.y.transform(y) { point = (tx, ty) } else { point = nil }
            case .fraction(let fx, let fy):
                point = (window.xMin + fx * window.xSpan, window.yMin + fy * window.ySpan)
            }
            guard let (px, py) = point else { return }
            let radians = angle * .pi / 180
            c_plcol0(colorIndex(color))
            c_plschr(0, page.fontScale * size)
            c_plptex(px, py, cos(radians) * window.xSpan, sin(radians) * window.ySpan, justification, text)
            c_plschr(0, page.fontScale)
        }
    }
}
