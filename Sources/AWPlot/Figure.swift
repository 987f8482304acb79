import CPLplot
import Foundation

/// A PLplot figure session: one output file, one page of one or more panels.
///
/// A `Figure` exists only inside `Figure.render(...)`: the closure receives it and draws panels
/// with `draw(_:)` or `panel(...)`; when the closure returns the page is finished (`plend`) and
/// the file is checked to be non-empty. PLplot is not thread-safe, so one global lock is held for
/// the whole session: sessions from different threads run one after another, never interleaved.
/// Nested sessions on one thread are refused (`PlotError.invalidState`).
///
/// Defaults: white background, black axes and text, the `PlotColor.palette` for series, line
/// width `PageSetup.lineWidth`, character height PLplot's default times `PageSetup.fontScale`.
public final class Figure {
    /// The page layout of this session.
    public let page: PageSetup
    /// The absolute path of the output file.
    public let path: String
    /// The PLplot device writing it (pdfcairo, svg, pngcairo, ...).
    public let device: String
    /// Panels drawn so far.
    public internal(set) var panelCount = 0

    var isActive = true
    private var colorSlots: [PlotColor: Int32] = [:]
    private var nextSlot: Int32 = Figure.firstFreeSlot

    /// Colour map 0 layout: 0 background (white), 1 foreground (black), 2 grid grey, then
    /// colours handed out on demand.
    static let slotCount: Int32 = 256
    static let firstFreeSlot: Int32 = 3
    static let foreground: Int32 = 1
    static let gridColor: Int32 = 2

    init(page: PageSetup, path: String, device: String) {
        self.page = page
        self.path = path
        self.device = device
    }

    /// Sets the fixed colours (PLplot running, lock held).
    func setUpColors() {
        c_plscol0(0, 255, 255, 255)
        c_plscol0(Figure.foreground, 0, 0, 0)
        c_plscol0(Figure.gridColor, 225, 225, 225)
    }

    /// The colour-map index for `color`, defining it on first use. When the map is full, slots
    /// are reused from the start (only colours of earlier panels can change then).
    func colorIndex(_ color: PlotColor) -> Int32 {
        if let slot = colorSlots[color] { return slot }
        if nextSlot >= Figure.slotCount {
            nextSlot = Figure.firstFreeSlot
            colorSlots.removeAll()
        }
        let slot = nextSlot
        nextSlot += 1
        c_plscol0a(slot, Int32(color.red), Int32(color.green), Int32(color.blue), min(1, max(0, color.alpha)))
        colorSlots[color] = slot
        return slot
    }

    /// Throws unless called inside the session that created this figure.
    func requireActive() throws {
        guard isActive else {
            throw PlotError(.invalidState, "this Figure's session has ended; draw inside the Figure.render closure")
        }
    }

    /// Builds a panel with `build` and draws it in the next panel slot.
    public func panel(title: String = "", x: PlotAxis = PlotAxis(), y: PlotAxis = PlotAxis(), legend: LegendPlacement? = .topRight,
                      _ build: (inout Panel) throws -> Void) throws {
        var panel = Panel(title: title, x: x, y: y, legend: legend)
        try build(&panel)
        try draw(panel)
    }
}
