import AWCore
import AWLinearAlgebra
import AWNetwork

extension DualityAnalyzer {
    /// Step 3: the dual weights of `pairs` at `config.layer`, each pair's loss change, the duality
    /// residual (every W + dW_k formed explicitly) and the norms |dW_k| and Tr(W C W^T).
    public func dualWeights(forward: AnalysisForward, pairs: AnalysisPairs) -> AnalysisDuals {
        let layer = config.layer
        let net = forward.network
        let w = net.weights[layer]
        let dual = DualWeights(weights: w, trainActivities: forward.train.inputs[layer].gatherRows(pairs.cleanPositions),
                               testActivities: forward.test.inputs[layer].gatherRows(pairs.testRows))
        let pairLabels = pairs.cleanPositions.map { forward.trainLabels[$0] }
        let dualLosses = config.loss.perSample(logits: dual.dualLogits(model: net, layer: layer), labels: pairLabels)
        let pairTestLoss = pairs.testRows.map { forward.testLosses[$0] }
        let pairTrainLoss = pairs.cleanPositions.map { forward.trainLosses[$0] }
        let deltaLoss = zip(pairTestLoss, pairTrainLoss).map { $0 - $1 }
        var resMax = 0.0, resSum = 0.0
        for k in 0..<dualLosses.count {
            let r = abs(pairTestLoss[k] - dualLosses[k])
            resMax = max(resMax, r); resSum += r
        }
        let dualSq = dual.squaredNorms
        let kPairs = Double(deltaLoss.count)
        return AnalysisDuals(weights: dual, testLosses: pairTestLoss, trainLosses: pairTrainLoss, dualLosses: dualLosses,
                             deltaLoss: deltaLoss, residualMax: resMax, residualMean: resSum / kPairs,
                             squaredNorms: dualSq, meanSquaredNorm: dualSq.reduce(0, +) / kPairs,
                             activityWeightedNorm: dual.activityWeightedNorm(weights: w))
    }
}
