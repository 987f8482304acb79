import AWArchive

/// Every figure AWFigures draws. Sweep figures exist once per manifest (file stem = the sweep's
/// stem), overview figures once per record set. Each is written as PDF, SVG and PNG.
public enum FigureKind: String, Sendable, CaseIterable {
    /// Gap decomposition vs the swept value (PAPER.md section 7, figure 1).
    case sweepGap = "gap"
    /// sigma_g,n vs rank n, one curve per swept value (figure 2).
    case sweepSharpness = "sharpness"
    /// Cumulative sum sigma_w vs n, plus normalised by the first swept value for s and beta (figure 3).
    case sweepSize = "size"
    /// c_n vs n (figure 4).
    case sweepCorrelation = "correlation"
    /// l(test; W) vs l(train; W + dW) over all pairs of all runs.
    case overviewDuality = "overview-duality"
    /// Estimated vs measured gap over all runs.
    case overviewGapEstimate = "overview-gap-estimate"
    /// Size vs the analysed layer's weight norm over the s and beta sweeps, with a fitted line.
    case overviewSizeNorm = "overview-size-norm"
    /// Hessian eigenvalues (sorted) and the spectral density (exact eigenvalue measure or SLQ, per `density_method`).
    case overviewSpectrum = "overview-spectrum"
    /// |mu_g| vs sigma_g and |mu_w| vs sigma_w.
    case overviewMeans = "overview-means"

    /// The file extensions written for every figure.
    public static let formats = ["pdf", "svg", "png"]

    public var isSweepFigure: Bool {
        switch self {
        case .sweepGap, .sweepSharpness, .sweepSize, .sweepCorrelation: return true
        default: return false
        }
    }

    /// File name without extension: "<stem>-gap" for sweep figures, "overview-..." otherwise.
    public func baseName(stem: String) -> String { isSweepFigure ? "\(stem)-\(rawValue)" : rawValue }

    /// One-line caption (report and docs).
    public var caption: String {
        switch self {
        case .sweepGap: return "Gap decomposition vs the swept value: measured gap, Σ c σ_g σ_w, its sharp and flat parts (mean ± sample std over seeds)"
        case .sweepSharpness: return "Sharpness spectrum σ_g,n vs rank n, one curve per swept value (mean over seeds)"
        case .sweepSize: return "Cumulative size spectrum Σ_{m≤n} σ_w,m vs n (mean over seeds)"
        case .sweepCorrelation: return "Correlation c_n vs rank n (mean over seeds)"
        case .overviewDuality: return "Duality check: l(test; W) vs l(train; W + ΔW) for every pair"
        case .overviewGapEstimate: return "Estimated vs measured gap over all runs"
        case .overviewSizeNorm: return "Size vs the analysed layer's weight norm (init-scale and weight-decay sweeps) with a least-squares line"
        case .overviewSpectrum: return "Hessian eigenvalue spectrum and spectral density (exact eigenvalue measure or SLQ, named per curve)"
        case .overviewMeans: return "|μ_g| vs σ_g and |μ_w| vs σ_w over all ranks"
        }
    }

    /// The sweep figures this aggregate has data for.
    public static func planned(for aggregate: SweepAggregate) -> [FigureKind] {
        var out: [FigureKind] = []
        let hasAxis = !aggregate.parameters.isEmpty
        if hasAxis && aggregate.points.contains(where: { $0[.measuredGap] != nil || $0[.covarianceTotal] != nil }) {
            out.append(.sweepGap)
        }
        if aggregate.points.contains(where: { !$0.sigmaG.isEmpty }) { out.append(.sweepSharpness) }
        if aggregate.points.contains(where: { !$0.cumulativeSigmaW.isEmpty }) { out.append(.sweepSize) }
        if aggregate.points.contains(where: { !$0.c.isEmpty }) { out.append(.sweepCorrelation) }
        return out
    }

    /// The overview figures these records have data for (diverged runs ignored).
    public static func plannedOverview(for records: [RunRecord]) -> [FigureKind] {
        let analysed = records.filter { !$0.isDiverged }.compactMap(\.analysis)
        var out: [FigureKind] = []
        if analysed.contains(where: { !$0.pairTestLoss.isEmpty && $0.pairTestLoss.count == $0.pairDualLoss.count }) {
            out.append(.overviewDuality)
        }
        if !analysed.isEmpty { out.append(.overviewGapEstimate) }
        if records.contains(where: { !$0.isDiverged && RunQuantity.size.value(of: $0) != nil && RunQuantity.layerNorm.value(of: $0) != nil }) {
            out.append(.overviewSizeNorm)
        }
        if analysed.contains(where: { !$0.eigenvalues.isEmpty }) { out.append(.overviewSpectrum) }
        if analysed.contains(where: { !$0.meanG.isEmpty && !$0.sigmaG.isEmpty }) { out.append(.overviewMeans) }
        return out
    }
}
