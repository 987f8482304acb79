import AWArchive
import AWCore
import Foundation

extension ReproductionReport {
    /// Renders every figure of `records` into `figuresDirectory` (`FigureSet.renderAll`) and writes
    /// the report to `reportURL` with the figures linked relative to the report. Returns the files
    /// written, figures first and the report last.
    @discardableResult
    public static func write(records: [RunRecord], reportURL: URL, figuresDirectory: URL) throws -> [URL] {
        let figures = try FigureSet.renderAll(records: records, outputDirectory: figuresDirectory)
        let reportDirectory = reportURL.deletingLastPathComponent()
        let text = build(records: records, figuresDirectory: relativePath(of: figuresDirectory, from: reportDirectory))
        do {
            try FileManager.default.createDirectory(at: reportDirectory, withIntermediateDirectories: true)
            try text.write(to: reportURL, atomically: true, encoding: .utf8)
        } catch {
            throw AWError(.io, "cannot write the report '\(reportURL.path)': \(error.localizedDescription)")
        }
        return figures + [reportURL]
    }

    /// `target` relative to `base` when it lies inside it ("" for the same directory), else the
    /// absolute path.
    static func relativePath(of target: URL, from base: URL) -> String {
        let t = target.standardizedFileURL.path, b = base.standardizedFileURL.path
        if t == b { return "" }
        let prefix = b.hasSuffix("/") ? b : b + "/"
        return t.hasPrefix(prefix) ? String(t.dropFirst(prefix.count)) : t
    }
}
