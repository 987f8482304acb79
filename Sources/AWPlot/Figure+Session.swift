import CPLplot
import Foundation

extension Figure {
    /// Renders one figure to `path`. The format comes from `format`, or else from the path's
    /// extension (.pdf, .svg, .png). The directory is created if missing.
    ///
    /// Throws `PlotError.unknownDevice` / `.unwritablePath` before PLplot starts (PLplot itself
    /// would end the process), any error `body` throws (the partial file is removed), and
    /// `PlotError.outputMissing` if no non-empty file was written.
    public static func render(to path: String, format: PlotFormat? = nil, page: PageSetup = PageSetup(),
                              _ body: (Figure) throws -> Void) throws {
        let chosen: PlotFormat
        if let format {
            chosen = format
        } else {
            let ext = URL(fileURLWithPath: path).pathExtension
            guard let inferred = PlotFormat(name: ext) else {
                throw PlotError(.unknownDevice, "cannot infer the plot format from '\(path)'; use .pdf, .svg or .png or pass a format")
            }
            chosen = inferred
        }
        try render(to: path, device: chosen.deviceName, page: page, body)
    }

    /// Renders one figure with a named device: "pdf", "svg", "png" (mapped to pdfcairo, svg,
    /// pngcairo) or any installed PLplot file device given by its full name (e.g. "psc").
    public static func render(to path: String, device: String, page: PageSetup = PageSetup(),
                              _ body: (Figure) throws -> Void) throws {
        try page.validate()
        let thread = Thread.current
        if thread.threadDictionary[PlotLibrary.sessionKey] != nil {
            throw PlotError(.invalidState, "a plotting session is already running on this thread (sessions cannot nest)")
        }
        PlotLibrary.lock.lock()
        thread.threadDictionary[PlotLibrary.sessionKey] = true
        defer {
            thread.threadDictionary.removeObject(forKey: PlotLibrary.sessionKey)
            PlotLibrary.lock.unlock()
        }

        let resolved = try PlotLibrary.resolveDevice(device)
        let output = try PlotLibrary.prepareOutput(path)

        c_plsdev(resolved)
        c_plsfnam(output)
        c_plscmap0n(Figure.slotCount)
        c_plscolbg(255, 255, 255)
        c_plspage(0, 0, Int32(page.width), Int32(page.height), 0, 0)
        c_plssub(Int32(page.columns), Int32(page.rows))
        c_plspause(0)
        c_plinit()

        let figure = Figure(page: page, path: output, device: resolved)
        figure.setUpColors()
        c_plschr(0, page.fontScale)
        var failure: Error?
        do {
            try body(figure)
        } catch {
            failure = error
        }
        figure.isActive = false
        // plend (not just plend1) releases every stream and the driver table, so the next
        // session starts from a clean library state (verified over 600 sessions).
        c_plend()

        if let failure {
            try? FileManager.default.removeItem(atPath: output)
            throw failure
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? NSNumber)??.intValue ?? 0
        guard size > 0 else {
            throw PlotError(.outputMissing, "PLplot wrote no data to '\(output)' (device \(resolved))")
        }
    }

    /// Renders the same drawing to several formats: `stem` + ".pdf", ".svg", ".png". `body` runs
    /// once per format and must draw the same thing each time. Returns the paths written.
    @discardableResult
    public static func renderAll(stem: String, formats: [PlotFormat] = PlotFormat.allCases, page: PageSetup = PageSetup(),
                                 _ body: (Figure) throws -> Void) throws -> [String] {
        var paths: [String] = []
        for format in formats {
            let path = stem + "." + format.fileExtension
            try render(to: path, format: format, page: page, body)
            paths.append(URL(fileURLWithPath: path).standardizedFileURL.path)
        }
        return paths
    }

    /// The installed PLplot devices that write files (e.g. pdfcairo, pngcairo, svg, psc).
    public static func availableDevices() -> [String] {
        // Inside a session this thread already holds the lock.
        if Thread.current.threadDictionary[PlotLibrary.sessionKey] != nil {
            return PlotLibrary.deviceNames().filter { !PlotLibrary.nonFileDevices.contains($0) }
        }
        PlotLibrary.lock.lock()
        defer { PlotLibrary.lock.unlock() }
        return PlotLibrary.deviceNames().filter { !PlotLibrary.nonFileDevices.contains($0) }
    }
}
