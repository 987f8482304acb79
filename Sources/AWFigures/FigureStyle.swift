import AWCore
import AWPlot
import Foundation

/// Shared look of every figure: page sizes, the colour and marker of a sweep point (by its
/// position in the sweep, so a swept value has the same colour in every panel and figure of its
/// sweep), the colours of the gap-decomposition series and of manifests in overview figures.
enum FigureStyle {
    /// One panel.
    static let single = PageSetup(width: 1000, height: 750, columns: 1, rows: 1, fontScale: 1.0, lineWidth: 2.5)
    /// Two panels side by side.
    static let double = PageSetup(width: 1800, height: 780, columns: 2, rows: 1, fontScale: 0.8, lineWidth: 2.5)

    /// A grid of `count` panels (at most 3 columns).
    static func grid(_ count: Int) -> PageSetup {
        if count <= 1 { return single }
        if count == 2 { return double }
        let columns = min(3, count), rows = (count + columns - 1) / columns
        return PageSetup(width: 800 * columns, height: 680 * rows, columns: columns, rows: rows, fontScale: 0.65, lineWidth: 2.5)
    }

    /// A linear y range over `values` with room at the top for a legend of `entries` lines
    /// (legends sit in a top corner, so the data keep to the lower part of the panel).
    static func rangeWithLegendRoom(_ values: [Double], entries: Int, includeZero: Bool = false) -> ClosedRange<Double>? {
        var v = values.filter(\.isFinite)
        if includeZero { v.append(0) }
        guard var lo = v.min(), var hi = v.max() else { return nil }
        if hi <= lo { lo -= max(abs(lo) * 0.1, 0.5); hi += max(abs(hi) * 0.1, 0.5) }
        let span = hi - lo
        return (lo - 0.05 * span)...(hi + (0.12 + 0.1 * Double(entries)) * span)
    }

    /// The same on a log axis (span in decades); nil without positive values. With `below`, the
    /// room is left under the data (for a legend in a bottom corner).
    /// `maxDecades` caps the data span (lines below are clipped at the axis), so the decade labels
    /// of a long log axis do not run into each other.
    static func logRangeWithLegendRoom(_ values: [Double], entries: Int, below: Bool = false, maxDecades: Double = 8) -> ClosedRange<Double>? {
        let v = values.filter { $0.isFinite && $0 > 0 }.map { Libm.log10($0) }
        guard var lo = v.min(), var hi = v.max() else { return nil }
        lo = max(lo, hi - maxDecades)
        if hi <= lo { lo -= 0.5; hi += 0.5 }
        let span = hi - lo, room = (0.12 + 0.1 * Double(entries)) * span
        return below ? pow(10, lo - room)...pow(10, hi + 0.05 * span) : pow(10, lo - 0.05 * span)...pow(10, hi + room)
    }

    /// "; < 1e-09 clipped" when some positive value lies under the axis range, else "".
    static func clippedNote(_ values: [Double], range: ClosedRange<Double>?) -> String {
        guard let r = range, values.contains(where: { $0 > 0 && $0 < r.lowerBound }) else { return "" }
        return "; < \(NumberFormat.significant(r.lowerBound, 2)) clipped"
    }

    /// Colour of sweep point `index`.
    static func pointColor(_ index: Int) -> PlotColor { PlotColor.series(index) }
    static func pointMarker(_ index: Int) -> Marker { Marker.series(index) }

    /// Colours of the gap-decomposition series.
    static let measuredGap = PlotColor.black
    static let total = PlotColor.series(0)
    static let sharp = PlotColor.series(3)
    static let flat = PlotColor.series(2)

    /// Manifest names without their common prefix (up to and including its last "-", "_", "."
    /// or "/"), so legends do not repeat it in every entry; the prefix is returned for the
    /// title ("" when there is none, fewer than two names, or stripping would empty a name).
    static func shortManifestNames(_ names: [String]) -> (names: [String], prefix: String) {
        guard names.count >= 2, var common = names.first else { return (names, "") }
        for name in names.dropFirst() {
            common = String(zip(common, name).prefix { $0 == $1 }.map(\.0))
        }
        guard let cut = common.lastIndex(where: { "-_./".contains($0) }) else { return (names, "") }
        let prefix = String(common[...cut])
        let short = names.map { String($0.dropFirst(prefix.count)) }
        return short.contains(where: \.isEmpty) ? (names, "") : (short, prefix)
    }

    /// " (quick-mnist-*)" for a stripped prefix, else "".
    static func prefixNote(_ prefix: String) -> String { prefix.isEmpty ? "" : " (\(prefix)*)" }

    /// Colour of manifest `index` in overview figures.
    static func manifestColor(_ index: Int) -> PlotColor { PlotColor.series(index) }
}
