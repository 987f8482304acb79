@testable import AWPlot
import Foundation
import Testing

@Suite("Plot layout helpers")
struct PlotLayoutTests {
    @Test func histogramDensityHasUnitArea() {
        let values = (0..<1000).map { Double($0 % 97) / 10 } + [.nan, .infinity]
        let (edges, heights) = Panel.histogram(values, bins: 20, range: nil, density: true)
        #expect(edges.count == 21)
        let area = zip(heights, zip(edges, edges.dropFirst())).map { $0 * ($1.1 - $1.0) }.reduce(0, +)
        #expect(abs(area - 1) < 1e-12)
        let (_, counts) = Panel.histogram([0, 0.5, 1, 1, 5], bins: 2, range: 0...2, density: false)
        #expect(counts == [2, 2])
    }

    @Test func shortLogAxesGetPlainLabels() throws {
        let labels = try #require(Figure.logLabels(log10(25), log10(400)))
        #expect(labels.map(\.1) == ["50", "100", "200"])
        let small = try #require(Figure.logLabels(log10(0.004), log10(0.12)))
        #expect(small.map(\.1) == ["0.005", "0.01", "0.02", "0.05", "0.1"])
        let narrow = try #require(Figure.logLabels(log10(30), log10(45)))
        #expect(narrow.map(\.1) == ["30", "40"])
        #expect(Figure.logLabels(0, 3) == nil)
    }

    @Test func longLogAxesLabelEveryKthDecadeSoLabelsFit() {
        // Plenty of room: every decade.
        #expect(Figure.decadeLabels(-0.2, 3.1, axisLength: 200, characterHeight: 4).map(\.1) == ["10#u0#d", "10#u1#d", "10#u2#d", "10#u3#d"])
        // 17 decades on a short axis: multiples of a step, at most as many labels as fit.
        let crowded = Figure.decadeLabels(-14.5, 2.3, axisLength: 120, characterHeight: 4)
        #expect(crowded.count >= 2 && Double(crowded.count) * 4 * 3.3 <= 120 + 1e-9)
        let positions = crowded.map(\.0)
        let step = positions[1] - positions[0]
        #expect(step > 1 && zip(positions, positions.dropFirst()).allSatisfy { $1 - $0 == step })
        #expect(positions.allSatisfy { $0.truncatingRemainder(dividingBy: step) == 0 })
    }

    @Test func belowLegendCountsVisibleCharacters() {
        #expect(Figure.visibleLength("batch_size, B = 25") == 18)
        #expect(abs(Figure.visibleLength("N#dc#u = 100") - 7.7) < 1e-12)
        #expect(Figure.visibleLength("#gb = 0") == 5)
    }

    @Test func automaticWindowPadsDataAndHandlesLogAxes() throws {
        var panel = Panel(x: PlotAxis("x", scale: .log), y: PlotAxis("y"))
        panel.line(x: [1, 10, 100, -5], y: [0, 1, 2, 3])
        let window = try Figure.window(for: panel)
        #expect(abs(window.xMin - (-0.08)) < 1e-12)
        #expect(abs(window.xMax - 2.08) < 1e-12)
        #expect(window.yMin < 0 && window.yMax > 2)
        // A non-positive point on a log axis breaks the line.
        let runs = Figure.runs(x: [1, 10, 0, 100, 1000], y: [1, 2, 3, 4, 5], panel: panel)
        #expect(runs.count == 2)
        #expect(runs[0].0 == [0, 1])
    }
}
