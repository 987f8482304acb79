import AWPlot
import AWTestSupport
import Foundation
import Testing

@Suite("PLplot output files")
struct PlotOutputTests {
    @Test func everyFormatWritesAWellFormedFile() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let stem = dir.appendingPathComponent("nested/dirs/figure").path
            let paths = try Figure.renderAll(stem: stem, page: PlotSamples.page, PlotSamples.paperLike)
            #expect(paths.map { URL(fileURLWithPath: $0).lastPathComponent } == ["figure.pdf", "figure.svg", "figure.png"])
            #expect(PlotFileChecks.isPDF(paths[0]))
            let texts = try #require(PlotFileChecks.svgTexts(paths[1]))
            #expect(texts.contains("sharp (top 10)"))
            #expect(texts.contains("batch size B"))
            #expect(texts.contains("Duality check"))
            // Short log axis (25...400): plain 1-2-5 labels are written.
            #expect(texts.contains("100") && texts.contains("200"))
            let size = try #require(PlotFileChecks.pngSize(paths[2]))
            #expect(size.width == 1200 && size.height == 900)
        }
    }

    @Test(arguments: PlotFormat.allCases)
    func singleFormatByExtension(format: PlotFormat) throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("one.\(format.fileExtension)").path
            var device = ""
            try Figure.render(to: path, page: PageSetup(width: 640, height: 480)) { figure in
                device = figure.device
                try figure.panel(title: "log-log", x: PlotAxis("x", scale: .log), y: PlotAxis("y", scale: .log)) { p in
                    let x = (1...100).map(Double.init)
                    p.line(x: x, y: x.map { 1 / $0 }, label: "1/x")
                    p.errorBars(x: [10, 20], low: [0.05, 0.02], high: [0.2, 0.08])
                }
            }
            #expect(device == format.deviceName)
            switch format {
            case .pdf: #expect(PlotFileChecks.isPDF(path))
            case .svg: #expect(PlotFileChecks.svgTexts(path)?.contains("1/x") == true)
            case .png:
                let size = try #require(PlotFileChecks.pngSize(path))
                #expect(size.width == 640 && size.height == 480)
            }
        }
    }

    /// svg and pngcairo output is byte-identical across runs (pdfcairo embeds a date).
    @Test func svgAndPNGAreReproducible() throws {
        try TestSupport.withTemporaryDirectory { dir in
            for format in [PlotFormat.svg, .png] {
                let a = dir.appendingPathComponent("a.\(format.fileExtension)").path
                let b = dir.appendingPathComponent("b.\(format.fileExtension)").path
                try Figure.render(to: a, page: PlotSamples.page, PlotSamples.paperLike)
                try Figure.render(to: b, page: PlotSamples.page, PlotSamples.paperLike)
                let bytes = TestSupport.fileBytes(a)
                #expect(bytes.count > 1000)
                #expect(bytes == TestSupport.fileBytes(b), "\(format) output differs between identical renders")
            }
        }
    }

    /// Many sessions one after another (plinit ... plend each time) keep working.
    @Test func manySequentialSessions() throws {
        try TestSupport.withTemporaryDirectory { dir in
            for index in 0..<24 {
                let format = PlotFormat.allCases[index % 3]
                let path = dir.appendingPathComponent("s\(index).\(format.fileExtension)").path
                try Figure.render(to: path, page: PageSetup(width: 400, height: 300)) { figure in
                    try figure.panel(title: "session \(index)", x: PlotAxis("x"), y: PlotAxis("y")) { p in
                        p.line(x: [0, 1, 2], y: [Double(index), 1, 0], color: .series(index))
                    }
                }
                #expect((TestSupport.fileSize(path) ?? 0) > 100)
            }
        }
    }

    /// Eight tasks plotting at once: the global lock serialises the sessions; every file is
    /// valid, and identical drawings give identical PNG bytes (no interleaving).
    @Test func concurrentSessionsAreSafe() async throws {
        try await TestSupport.withTemporaryDirectory { dir in
            let paths = try await withThrowingTaskGroup(of: String.self) { group in
                for task in 0..<8 {
                    group.addTask {
                        let path = dir.appendingPathComponent("task\(task).png").path
                        try Figure.render(to: path, page: PlotSamples.page, PlotSamples.paperLike)
                        return path
                    }
                }
                var result: [String] = []
                for try await path in group { result.append(path) }
                return result
            }
            #expect(paths.count == 8)
            let reference = TestSupport.fileBytes(paths[0])
            for path in paths {
                let size = PlotFileChecks.pngSize(path)
                #expect(size?.width == 1200 && size?.height == 900, "\(path)")
                #expect(TestSupport.fileBytes(path) == reference, "\(path)")
            }
        }
    }

    @Test func availableDevicesIncludeTheThreeFormats() {
        let devices = Figure.availableDevices()
        for format in PlotFormat.allCases {
            #expect(devices.contains(format.deviceName))
        }
        #expect(!devices.contains("xcairo"))
    }

    @Test func formatNames() {
        #expect(PlotFormat(name: "PDF") == .pdf)
        #expect(PlotFormat(name: "pngcairo") == .png)
        #expect(PlotFormat(name: "svg")?.deviceName == "svg")
        #expect(PlotFormat(name: "pdf")?.deviceName == "pdfcairo")
        #expect(PlotFormat(name: "jpeg") == nil)
    }
}
