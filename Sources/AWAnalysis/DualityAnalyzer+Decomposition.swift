import AWCore
import AWLinearAlgebra
import AWNetwork

extension DualityAnalyzer {
    /// Step 6: the gap decomposition of PAPER.md section 4 of the pairs' loss changes along the
    /// eigen-directions (complete on the dense path; top k plus a residual for Lanczos), ranked by
    /// sigma_g with the top `config.sharpCount` ranks as the sharp part.
    public func decomposition(duals: AnalysisDuals, eigenbasis: AnalysisEigenbasis) -> GapDecomposition {
        GapDecomposition(dualWeights: duals.weights, deltaLoss: duals.deltaLoss, basis: eigenbasis.vectors,
                         eigenvalues: eigenbasis.eigenvalues, complete: eigenbasis.isComplete, sharpCount: config.sharpCount)
    }
}
