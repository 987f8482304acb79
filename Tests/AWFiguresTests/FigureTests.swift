import AWArchive
import AWTestSupport
import Foundation
import Testing
@testable import AWFigures

@Suite("Figures and the written report")
struct FigureTests {
    /// Where to render: a fresh temporary directory, or `AWD_FIGURES_TEST_OUTPUT` when set (kept,
    /// for looking at the figures).
    func outputDirectory(_ label: String) throws -> (URL, keep: Bool) {
        if let dir = ProcessInfo.processInfo.environment["AWD_FIGURES_TEST_OUTPUT"], !dir.isEmpty {
            let url = URL(fileURLWithPath: dir).appendingPathComponent(label)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return (url, true)
        }
        return (try TestSupport.makeTemporaryDirectory(prefix: "awfigures-\(label)"), false)
    }

    /// Checks a written figure: non-empty and the format's signature.
    func checkFile(_ url: URL) {
        let bytes = TestSupport.fileBytes(url.path)
        #expect(bytes.count > 500, "\(url.lastPathComponent): \(bytes.count) bytes")
        switch url.pathExtension {
        case "png":
            #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "\(url.lastPathComponent) PNG signature")
        case "pdf":
            #expect(String(decoding: bytes.prefix(5), as: UTF8.self) == "%PDF-", "\(url.lastPathComponent) PDF header")
            #expect(String(decoding: bytes.suffix(32), as: UTF8.self).contains("%%EOF"), "\(url.lastPathComponent) PDF trailer")
        case "svg":
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.contains("<svg") && text.contains("</svg>"), "\(url.lastPathComponent) SVG root")
        default:
            Issue.record("unexpected file \(url.lastPathComponent)")
        }
    }

    @Test("Every figure kind is written as PDF, SVG and PNG from synthetic records")
    func everyFigureKind() throws {
        let (dir, keep) = try outputDirectory("all")
        defer { if !keep { try? FileManager.default.removeItem(at: dir) } }
        var records = SyntheticRecords.paperLike(seeds: 3)
        records.append(SyntheticRecords.record(manifest: "mnist-batch_size", swept: ["training.batch_size": 400], replicate: 7,
                                               sharpness: 1, size: 1, status: .diverged))
        let files = try FigureSet.renderAll(records: records, outputDirectory: dir)
        let manifests = Set(records.map(\.manifest))
        // 4 sweep figures per manifest + 5 overview figures, 3 formats each.
        #expect(files.count == (manifests.count * 4 + 5) * 3)
        for kind in FigureKind.allCases {
            let stem = kind.isSweepFigure ? "mnist-init_scale" : ""
            for ext in FigureKind.formats {
                let url = dir.appendingPathComponent(kind.baseName(stem: stem) + "." + ext)
                #expect(files.contains(url), "\(url.lastPathComponent) missing")
            }
        }
        for f in files { checkFile(f) }
    }

    @Test("sweep figures with unconverged runs render (open markers, dashed curves, seed counts)")
    func renderUnconverged() throws {
        let (dir, keep) = try outputDirectory("unconverged")
        defer { if !keep { try? FileManager.default.removeItem(at: dir) } }
        let records = ConvergenceMarkingTests().records()
        let files = try FigureSet.renderSweep(records: records, outputDirectory: dir, stem: "marked")
        #expect(files.count == 4 * FigureKind.formats.count)
        for f in files { checkFile(f) }
    }

    @Test("renderSweep: one manifest, stem, grids, missing analysis, mixed manifests refused")
    func renderSweepVariants() throws {
        let (dir, keep) = try outputDirectory("sweep")
        defer { if !keep { try? FileManager.default.removeItem(at: dir) } }
        let batch = SyntheticRecords.sweep(manifest: "quick-mnist-batch_size", key: "training.batch_size", values: [25, 100, 400],
                                           seeds: 2, sharpness: { 1 + log10($0) }, size: { _ in 1 })
        let files = try FigureSet.renderSweep(records: batch, outputDirectory: dir, stem: "quick")
        #expect(Set(files.map(\.lastPathComponent)) == Set(["gap", "sharpness", "size", "correlation"].flatMap { k in
            FigureKind.formats.map { "quick-\(k).\($0)" } }))
        for f in files { checkFile(f) }

        var grid: [RunRecord] = []
        for s in [4.0, 6.0] {
            for beta in [0.0, 0.01, 0.02] {
                for r in 0..<2 {
                    grid.append(SyntheticRecords.record(manifest: "grid", swept: ["model.init_scale": s, "training.weight_decay": beta],
                                                        replicate: Int64(r), sharpness: 1, size: s / 4 * (1 - 10 * beta)))
                }
            }
        }
        let gridFiles = try FigureSet.renderSweep(records: grid, outputDirectory: dir)
        #expect(gridFiles.count == 12)
        for f in gridFiles { checkFile(f) }

        // Without analysis only the gap figure (measured gap) can be drawn.
        let metricsOnly = (0..<3).flatMap { r in [0.005, 0.05].map {
            SyntheticRecords.record(manifest: "lr-metrics", swept: ["training.learning_rate": $0], replicate: Int64(r),
                                    sharpness: 1, size: 1, withAnalysis: false) } }
        let few = try FigureSet.renderSweep(records: metricsOnly, outputDirectory: dir)
        #expect(few.map(\.lastPathComponent).sorted() == ["lr-metrics-gap.pdf", "lr-metrics-gap.png", "lr-metrics-gap.svg"])

        // A manifest sweeping nothing: no gap figure (no axis), one curve per spectrum.
        let single = (0..<3).map { SyntheticRecords.record(manifest: "single", swept: [:], replicate: Int64($0), sharpness: 1, size: 1) }
        let singleFiles = try FigureSet.renderSweep(records: single, outputDirectory: dir)
        #expect(singleFiles.count == 9 && !singleFiles.contains { $0.lastPathComponent.hasPrefix("single-gap") })
        for f in singleFiles { checkFile(f) }

        #expect(throws: (any Error).self) {
            try FigureSet.renderSweep(records: batch + metricsOnly, outputDirectory: dir)
        }
    }

    @Test("Full-size layer (900 ranks, 1000 pairs, spectra over many decades, negative eigenvalues) renders")
    func fullSize() throws {
        let (dir, keep) = try outputDirectory("full")
        defer { if !keep { try? FileManager.default.removeItem(at: dir) } }
        var rs: [RunRecord] = []
        for b in [25.0, 100, 200, 400] {
            for r in 0..<3 {
                var rec = SyntheticRecords.record(manifest: "mnist-batch_size", swept: ["training.batch_size": b], replicate: Int64(r),
                                                  sharpness: 1 + log10(b / 25), size: 1, directions: 900, pairs: 1000)
                rec.analysis!.sigmaG = rec.analysis!.sigmaG.enumerated().map { $0.element * pow(Double($0.offset + 1), -2.5) }
                var ev: [Double] = []
                for n in 1...900 { ev.append(n < 880 ? 30 * pow(Double(n), -3.0) : -1e-4 * Double(n - 879)) }
                rec.analysis!.eigenvalues = ev
                rs.append(rec)
            }
        }
        let files = try FigureSet.renderAll(records: rs, outputDirectory: dir)
        #expect(files.count == (4 + 5) * 3)
        for f in files {
            checkFile(f)
            // Scatter figures are thinned: SVGs stay small enough to open.
            #expect((TestSupport.fileSize(f.path) ?? 0) < 8_000_000, "\(f.lastPathComponent)")
        }
    }

    @Test("ReproductionReport.write renders the figures and links them relative to REPORT.md")
    func writeReport() throws {
        let (dir, keep) = try outputDirectory("report")
        defer { if !keep { try? FileManager.default.removeItem(at: dir) } }
        let records = SyntheticRecords.paperLike(seeds: 3)
        let report = dir.appendingPathComponent("REPORT.md")
        let written = try ReproductionReport.write(records: records, reportURL: report, figuresDirectory: dir.appendingPathComponent("png"))
        #expect(written.last == report)
        let text = try String(contentsOf: report, encoding: .utf8)
        // Every linked PNG exists.
        let links = text.components(separatedBy: "](").dropFirst().compactMap { $0.split(separator: ")").first.map(String.init) }
        #expect(links.count == 7 * 4 + 5)
        for link in links {
            #expect(link.hasPrefix("png/") && link.hasSuffix(".png"))
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(link).path), "\(link)")
        }
        #expect(ReproductionReport.relativePath(of: dir, from: dir) == "")
        #expect(ReproductionReport.relativePath(of: URL(fileURLWithPath: "/a/b/c"), from: URL(fileURLWithPath: "/a")) == "b/c")
        #expect(ReproductionReport.relativePath(of: URL(fileURLWithPath: "/x/y"), from: URL(fileURLWithPath: "/a")) == "/x/y")
    }
}

@Suite("Figure helpers")
struct FigureHelperTests {
    @Test("Log binning keeps ranks 1-10 and averages higher ranks in 1/10-decade bins")
    func logBinning() {
        let values = (1...100).map(Double.init)
        let b = FigureSet.logBinned(values)
        #expect(Array(b.y.prefix(10)) == (1...10).map(Double.init))
        #expect(Array(b.x.prefix(10)).enumerated().allSatisfy { abs($0.element - Double($0.offset + 1)) < 1e-12 })
        // Bin 11-12 (mean 11.5), bin 13-15 (mean 14), every value used exactly once.
        #expect(b.y[10] == 11.5 && b.y[11] == 14)
        #expect(zip(b.x, b.x.dropFirst()).allSatisfy { $0 < $1 })
        #expect(b.y.last! > 90 && b.x.last! <= 100)
        #expect(FigureSet.logBinned([]).x.isEmpty)
    }

    @Test("Overview legends drop the manifest prefix common to all names")
    func shortManifestNames() {
        let (names, prefix) = FigureStyle.shortManifestNames(["quick-mnist-batch_size", "quick-mnist-dropout", "quick-mnist-width"])
        #expect(names == ["batch_size", "dropout", "width"] && prefix == "quick-mnist-")
        #expect(FigureStyle.prefixNote(prefix) == " (quick-mnist-*)")
        #expect(FigureStyle.shortManifestNames(["lr"]) == (["lr"], ""))
        #expect(FigureStyle.shortManifestNames(["abc", "abd"]) == (["abc", "abd"], ""))
        #expect(FigureStyle.shortManifestNames(["a-", "a-b"]) == (["a-", "a-b"], ""))
        #expect(FigureSet.errorBarRanks(600) == [1, 2, 5, 10, 20, 50, 100, 200, 500])
    }

    @Test("Legend room keeps the data in the lower part of the axis")
    func legendRoom() throws {
        let r = try #require(FigureStyle.rangeWithLegendRoom([0, 1], entries: 4))
        #expect(abs(r.lowerBound + 0.05) < 1e-12 && abs(r.upperBound - 1.52) < 1e-12)
        let l = try #require(FigureStyle.logRangeWithLegendRoom([1, 100], entries: 0, below: true))
        #expect(abs(log10(l.lowerBound) + 0.24) < 1e-12 && abs(log10(l.upperBound) - 2.1) < 1e-12)
        #expect(FigureStyle.logRangeWithLegendRoom([0, -1], entries: 1) == nil)
    }
}
