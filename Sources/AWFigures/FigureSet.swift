import AWArchive
import AWCore
import AWPlot
import Foundation

/// Renders the paper's figures (PAPER.md section 7) from run records only, each as PDF, SVG and
/// PNG. Sweep figures: `<stem>-gap`, `<stem>-sharpness`, `<stem>-size`, `<stem>-correlation`;
/// overview figures: `overview-duality`, `overview-gap-estimate`, `overview-size-norm`,
/// `overview-spectrum`, `overview-means` (see docs/FIGURES.md). Figures whose data are absent
/// (e.g. no analysis section) are left out; diverged runs are skipped everywhere.
public enum FigureSet {
    /// The sweep figures of the records of ONE manifest (throws if they name several).
    /// `stem` defaults to the manifest name made file-safe. Returns the files written.
    @discardableResult
    public static func renderSweep(records: [RunRecord], outputDirectory: URL, stem: String? = nil) throws -> [URL] {
        let manifests = Set(records.map(\.manifest))
        guard manifests.count == 1, let manifest = manifests.first else {
            throw AWError(.invalidInput, manifests.isEmpty
                ? "renderSweep: no records given"
                : "renderSweep: records of one manifest expected, got \(manifests.sorted().joined(separator: ", ")); use renderSweeps")
        }
        let aggregate = SweepAggregate.aggregate(manifest: manifest, records: records)
        return try renderSweep(aggregate: aggregate, outputDirectory: outputDirectory, stem: stem)
    }

    /// The sweep figures of an aggregate.
    @discardableResult
    public static func renderSweep(aggregate: SweepAggregate, outputDirectory: URL, stem: String? = nil) throws -> [URL] {
        let stem = stem ?? aggregate.defaultStem
        var files: [URL] = []
        for kind in FigureKind.planned(for: aggregate) {
            let base = outputDirectory.appendingPathComponent(kind.baseName(stem: stem)).path
            switch kind {
            case .sweepGap: files += try write(base, page: gapPage(aggregate)) { try drawGap(aggregate, $0) }
            case .sweepSharpness: files += try write(base, page: FigureStyle.single) { try drawSharpness(aggregate, $0) }
            case .sweepSize: files += try write(base, page: sizePage(aggregate)) { try drawSize(aggregate, $0) }
            case .sweepCorrelation: files += try write(base, page: FigureStyle.single) { try drawCorrelation(aggregate, $0) }
            default: break
            }
        }
        return files
    }

    /// The sweep figures of every manifest among `records` (stems from the manifest names).
    @discardableResult
    public static func renderSweeps(records: [RunRecord], outputDirectory: URL) throws -> [URL] {
        try SweepAggregate.aggregate(records: records).flatMap { try renderSweep(aggregate: $0, outputDirectory: outputDirectory) }
    }

    /// The overview figures over all `records`.
    @discardableResult
    public static func renderOverview(records: [RunRecord], outputDirectory: URL) throws -> [URL] {
        let usable = records.filter { !$0.isDiverged }
        var files: [URL] = []
        for kind in FigureKind.plannedOverview(for: records) {
            let base = outputDirectory.appendingPathComponent(kind.baseName(stem: "")).path
            switch kind {
            case .overviewDuality: files += try write(base, page: FigureStyle.double) { try drawDuality(usable, $0) }
            case .overviewGapEstimate: files += try write(base, page: FigureStyle.single) { try drawGapEstimate(usable, $0) }
            case .overviewSizeNorm: files += try write(base, page: FigureStyle.double) { try drawSizeNorm(usable, $0) }
            case .overviewSpectrum: files += try write(base, page: FigureStyle.double) { try drawSpectrum(usable, $0) }
            case .overviewMeans: files += try write(base, page: FigureStyle.double) { try drawMeans(usable, $0) }
            default: break
            }
        }
        return files
    }

    /// Every sweep figure and every overview figure.
    @discardableResult
    public static func renderAll(records: [RunRecord], outputDirectory: URL) throws -> [URL] {
        try renderSweeps(records: records, outputDirectory: outputDirectory) + renderOverview(records: records, outputDirectory: outputDirectory)
    }

    /// Writes `base`.pdf/.svg/.png with the same drawing; PlotError becomes AWError naming the file.
    static func write(_ base: String, page: PageSetup, _ body: (Figure) throws -> Void) throws -> [URL] {
        do {
            return try Figure.renderAll(stem: base, page: page, body).map { URL(fileURLWithPath: $0) }
        } catch let error as PlotError {
            throw AWError(.io, "figure '\(base)': \(error.message)")
        }
    }
}
