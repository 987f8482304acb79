import AWCore
import AWLinearAlgebra

extension DualityAnalysis {
    /// The analysis assembled from its steps' results (directions listed by the decomposition's ranking).
    init(config: AnalysisConfig, forward: AnalysisForward, metrics: NetworkMetrics, pairs: AnalysisPairs,
         duals: AnalysisDuals, eigenbasis: AnalysisEigenbasis, decomposition dec: GapDecomposition,
         density: AnalysisDensity, hessianVectorMethod: HessianVectorMethod?, timings: AnalysisTimings) {
        let w = forward.network.weights[config.layer]
        let rank = dec.ranking
        let eigenvalues = eigenbasis.eigenvalues
        self.init(
            config: config, layer: config.layer, outputWidth: w.rows, inputWidth: w.cols, pairing: config.pairing,
            trainLoss: metrics.trainLoss, trainAccuracy: metrics.trainAccuracy, cleanTrainCount: forward.cleanRows.count,
            testLoss: metrics.testLoss, testAccuracy: metrics.testAccuracy, testCount: forward.testLabels.count,
            pairTrainRow: pairs.trainRows, pairTestRow: pairs.testRows, pairSquaredDistance: pairs.squaredDistances,
            pairTestLoss: duals.testLosses, pairTrainLoss: duals.trainLosses, pairDualLoss: duals.dualLosses,
            deltaLoss: duals.deltaLoss, dualNorm: duals.squaredNorms.map { $0.squareRoot() },
            dualityResidualMax: duals.residualMax, dualityResidualMean: duals.residualMean,
            unpairedRows: pairs.unpairedRows, zeroActivityPairs: pairs.zeroActivityCount,
            eigenMethod: eigenbasis.method, hessianVectorMethod: hessianVectorMethod, eigenvalues: eigenvalues,
            lanczos: eigenbasis.lanczos, eigenResidualMax: eigenbasis.residualMax, eigenConverged: eigenbasis.converged,
            directionIndex: rank, directionEigenvalue: rank.map { eigenvalues[$0] },
            sigmaW: rank.map { dec.sigmaW[$0] }, sigmaG: rank.map { dec.sigmaG[$0] },
            meanW: rank.map { dec.meanW[$0] }, meanG: rank.map { dec.meanG[$0] }, c: rank.map { dec.correlation[$0] },
            covarianceTotal: dec.covarianceTotal, sharpPart: dec.sharpPart, flatPart: dec.flatPart,
            meanTotal: dec.meanTotal, residualCovariance: dec.residualCovariance, residualMean: dec.residualMean,
            identityBasisCovariance: dec.identityCovariance, identityBasisMean: dec.identityMean,
            estimatedGap: dec.estimatedGap, meanDeltaLoss: dec.meanDeltaLoss, measuredGap: metrics.gap,
            secondOrderGap: dec.secondOrderGap ?? 0, secondOrderComplete: eigenbasis.isComplete,
            layerNorm: metrics.layerNorm, totalWeightNorm: metrics.totalWeightNorm,
            activityWeightedNorm: duals.activityWeightedNorm, meanDualNormSquared: duals.meanSquaredNorm,
            densityMethod: density.method, densityNodes: density.nodes, densityWeights: density.weights, timings: timings)
    }
}
