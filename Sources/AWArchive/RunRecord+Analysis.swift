import AWAnalysis

/// The one translation of a duality analysis into the archive record's sections.
extension RunRecord.AnalysisSection {
    /// Every field of /analysis from the analysis result: indices as Int64, the analysed layer
    /// as its 0-based index (written as the 1-based attribute `layer`), `eigenConverged` /
    /// `eigenResidualMax` as `lanczos_converged` / `lanczos_max_residual`.
    public init(_ d: DualityAnalysis) {
        self.init(
            layerIndex: d.layer, pairing: d.pairing, sharpCount: Int64(d.config.sharpCount),
            eigenMethod: d.eigenMethod, estimatedGap: d.estimatedGap, measuredGap: d.measuredGap,
            secondOrderGap: d.secondOrderGap, dualityResidualMax: d.dualityResidualMax,
            dualityResidualMean: d.dualityResidualMean, covarianceTotal: d.covarianceTotal, sharpPart: d.sharpPart,
            flatPart: d.flatPart, meanTotal: d.meanTotal, residualCovariance: d.residualCovariance,
            residualMean: d.residualMean, activityWeightedNorm: d.activityWeightedNorm,
            lanczosConverged: d.eigenConverged, lanczosMaxResidual: d.eigenResidualMax,
            pairTrainRow: d.pairTrainRow.map { Int64($0) }, pairTestRow: d.pairTestRow.map { Int64($0) },
            deltaLoss: d.deltaLoss, pairTestLoss: d.pairTestLoss, pairTrainLoss: d.pairTrainLoss,
            pairDualLoss: d.pairDualLoss, dualNorm: d.dualNorm, eigenvalues: d.eigenvalues,
            directionEigenvalue: d.directionEigenvalue, directionIndex: d.directionIndex.map { Int64($0) },
            sigmaW: d.sigmaW, sigmaG: d.sigmaG, meanW: d.meanW, meanG: d.meanG, c: d.c,
            densityMethod: d.densityMethod, densityNodes: d.densityNodes, densityWeights: d.densityWeights)
    }
}

extension RunRecord.Metrics {
    /// /metrics of an analysed run: the analysis's losses and accuracies (clean training rows,
    /// all test rows), its measured gap, the analysed layer's and all weights' norms.
    public init(_ d: DualityAnalysis) {
        self.init(trainLoss: d.trainLoss, testLoss: d.testLoss, gap: d.measuredGap, trainAccuracy: d.trainAccuracy,
                  testAccuracy: d.testAccuracy, layerNorm: d.layerNorm, totalWeightNorm: d.totalWeightNorm)
    }
}
