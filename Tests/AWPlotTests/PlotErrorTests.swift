import AWPlot
import AWTestSupport
import Foundation
import Testing

@Suite("PLplot errors are thrown, not exits")
struct PlotErrorTests {
    static func simple(_ figure: Figure) throws {
        try figure.panel(x: PlotAxis("x"), y: PlotAxis("y")) { p in p.line(x: [0, 1], y: [0, 1]) }
    }

    @Test func unknownDeviceThrows() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("x.out").path
            let error = #expect(throws: PlotError.self) { try Figure.render(to: path, device: "nosuchdevice", Self.simple) }
            #expect(error?.kind == .unknownDevice)
            #expect(error?.description.contains("nosuchdevice") == true)
            #expect(error?.description.contains("pngcairo") == true)
            // A prefix of a real device is not accepted either (PLplot would pick some device).
            #expect(throws: PlotError.self) { try Figure.render(to: path, device: "pngc", Self.simple) }
            // Interactive devices are refused.
            #expect(throws: PlotError.self) { try Figure.render(to: path, device: "xcairo", Self.simple) }
            // An unknown extension cannot choose a format.
            let noFormat = #expect(throws: PlotError.self) { try Figure.render(to: path, Self.simple) }
            #expect(noFormat?.kind == .unknownDevice)
            // Afterwards plotting still works.
            let good = dir.appendingPathComponent("good.png").path
            try Figure.render(to: good, Self.simple)
            #expect(PlotFileChecks.pngSize(good) != nil)
        }
    }

    @Test func unwritablePathsThrow() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let proc = #expect(throws: PlotError.self) { try Figure.render(to: "/proc/nonexistent/x.png", Self.simple) }
            #expect(proc?.kind == .unwritablePath)
            #expect(proc?.description.contains("/proc/nonexistent") == true)
            let file = dir.appendingPathComponent("plain.txt").path
            try Data("x".utf8).write(to: URL(fileURLWithPath: file))
            let underFile = #expect(throws: PlotError.self) { try Figure.render(to: file + "/x.svg", Self.simple) }
            #expect(underFile?.kind == .unwritablePath)
            let deeper = #expect(throws: PlotError.self) { try Figure.render(to: file + "/a/b/x.pdf", Self.simple) }
            #expect(deeper?.kind == .unwritablePath)
            let directory = #expect(throws: PlotError.self) { try Figure.render(to: dir.path, format: .png, Self.simple) }
            #expect(directory?.kind == .unwritablePath)
            #expect(throws: PlotError.self) { try Figure.render(to: "", format: .png, Self.simple) }
            // The process is still alive and plotting works.
            let good = dir.appendingPathComponent("after.svg").path
            try Figure.render(to: good, Self.simple)
            #expect(PlotFileChecks.svgTexts(good) != nil)
        }
    }

    @Test func badDataThrowsAndRemovesThePartialFile() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("bad.png").path
            let lengths = #expect(throws: PlotError.self) {
                try Figure.render(to: path) { figure in
                    try figure.panel { p in p.line(x: [0, 1, 2], y: [0, 1]) }
                }
            }
            #expect(lengths?.kind == .invalidArgument)
            #expect(!FileManager.default.fileExists(atPath: path))

            let errorBars = #expect(throws: PlotError.self) {
                try Figure.render(to: path) { figure in
                    try figure.panel { p in p.errorBars(x: [1, 2], y: [1, 2], error: [0.1]) }
                }
            }
            #expect(errorBars?.description.contains("error has 1") == true)

            let logRange = #expect(throws: PlotError.self) {
                try Figure.render(to: path) { figure in
                    try figure.panel(x: PlotAxis("x", scale: .log, range: 0...10)) { p in p.line(x: [1, 2], y: [1, 2]) }
                }
            }
            #expect(logRange?.kind == .invalidArgument)

            let tooMany = #expect(throws: PlotError.self) {
                try Figure.render(to: path, page: PageSetup(columns: 2, rows: 1)) { figure in
                    for _ in 0..<3 { try Self.simple(figure) }
                }
            }
            #expect(tooMany?.description.contains("holds 2 panel") == true)

            #expect(throws: PlotError.self) {
                try Figure.render(to: path, page: PageSetup(width: 0, height: 100), Self.simple)
            }
        }
    }

    /// A user error thrown by the drawing closure is passed through unchanged.
    @Test func closureErrorsPropagate() throws {
        struct Oops: Error, Equatable {}
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("oops.svg").path
            #expect(throws: Oops()) {
                try Figure.render(to: path) { _ in throw Oops() }
            }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func figureOutsideItsSessionAndNestedSessionsThrow() throws {
        try TestSupport.withTemporaryDirectory { dir in
            var escaped: Figure?
            let outer = dir.appendingPathComponent("outer.png").path
            let inner = dir.appendingPathComponent("inner.png").path
            var nestedError: PlotError?
            try Figure.render(to: outer) { figure in
                escaped = figure
                do {
                    try Figure.render(to: inner, Self.simple)
                } catch let error as PlotError {
                    nestedError = error
                }
                try Self.simple(figure)
            }
            #expect(nestedError?.kind == .invalidState)
            let late = #expect(throws: PlotError.self) { try escaped.map(Self.simple) }
            #expect(late?.kind == .invalidState)
            #expect(PlotFileChecks.pngSize(outer) != nil)
        }
    }
}
