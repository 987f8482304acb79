import AWPlot
import Foundation

/// Figures used by several tests: they exercise log axes, legends, error bars, bands, bars,
/// markers, text and several panels.
enum PlotSamples {
    static let page = PageSetup(width: 1200, height: 900, columns: 2, rows: 2)

    static func paperLike(_ figure: Figure) throws {
        let batch: [Double] = [25, 100, 200, 400]
        try figure.panel(title: "Gap decomposition vs batch size", x: PlotAxis("batch size B", scale: .log),
                         y: PlotAxis("generalization gap (nats)", range: 0...0.9, grid: true), legend: .topLeft) { p in
            let total = [0.30, 0.42, 0.51, 0.60], sharp = [0.20, 0.30, 0.38, 0.45], measured = [0.28, 0.40, 0.55, 0.58]
            p.line(x: batch, y: total, color: .series(0), marker: .filledCircle, label: "total Σ c#dn#u#gs#dg,n#u#gs#dw,n#u")
            p.errorBars(x: batch, y: total, error: [0.03, 0.04, 0.02, 0.05], color: .series(0))
            p.line(x: batch, y: sharp, color: .series(1), style: .dashed, marker: .filledSquare, label: "sharp (top 10)")
            p.points(x: batch, y: measured, color: .black, marker: .cross, size: 1.4, label: "measured gap")
            p.errorBars(x: batch, y: measured, error: [0.02, 0.03, 0.03, 0.02], color: .black)
        }
        try figure.panel(title: "Sharpness spectrum", x: PlotAxis("rank n", scale: .log),
                         y: PlotAxis("#gs#dg,n#u", scale: .log), legend: .bottomLeft) { p in
            let n = (1...500).map(Double.init)
            for (i, lr) in [0.005, 0.02, 0.1].enumerated() {
                p.line(x: n, y: n.map { (1 + 10 * lr) * pow($0, -0.8 - Double(i) * 0.2) }, color: .series(i), label: "#gy = \(lr)")
            }
        }
        try figure.panel(title: "Hessian eigenvalues", x: PlotAxis("#gl"), y: PlotAxis("density")) { p in
            let values = (0..<2000).map { i -> Double in
                let u = Double((i * 7919) % 2000) / 2000
                return u * u * 4 - 0.2
            }
            p.histogram(values, bins: 40, label: "spectrum")
            p.text("bulk near 0", at: .fraction(x: 0.55, y: 0.6))
        }
        try figure.panel(title: "Duality check", x: PlotAxis("l(test; W)"), y: PlotAxis("l(train; W + #gDW)"), legend: .topLeft) { p in
            let a = (0..<30).map { 0.1 + Double($0) * 0.05 }
            p.band(x: a, lower: a.map { $0 * 0.9 }, upper: a.map { $0 * 1.1 }, label: "±10%")
            p.points(x: a, y: a.map { $0 * (1 + 0.05 * sin($0 * 20)) }, color: .series(3), label: "runs")
            p.horizontalErrorBars(y: [1.2], x: [0.8], error: [0.1], color: .series(4))
            p.diagonal(label: "y = x")
        }
    }
}
