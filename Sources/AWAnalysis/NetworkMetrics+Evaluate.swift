import AWCore
import AWLinearAlgebra
import AWNetwork

extension NetworkMetrics {
    /// Losses, gap, accuracies and norms of `model` (evaluation mode, in Double): training loss and
    /// accuracy over the clean rows of `train`, test loss and accuracy over all of `test`, the
    /// Frobenius norm of dense layer `layer` (0-based) and the global norm of all weights (no biases).
    /// Exactly the values `DualityAnalyzer.analyze` reports for the same inputs. Throws an `AWError`
    /// for a layer outside the network, mismatched shapes or labels, no clean row or no test row.
    public static func evaluate<T: BLASScalar>(model: MLP<T>, train: AnalysisSamples<T>, test: AnalysisSamples<T>,
                                               layer: Int, loss: Loss) throws -> NetworkMetrics {
        try DualityAnalyzer.checkInputs(model: model, train: train, test: test, layer: layer)
        return evaluate(DualityAnalyzer.forward(model: model, train: train, test: test, loss: loss), layer: layer)
    }

    /// The metrics from forward passes already made (the analyzer's step 1).
    public static func evaluate(_ forward: AnalysisForward, layer: Int) -> NetworkMetrics {
        let trainLoss = forward.trainLosses.reduce(0, +) / Double(forward.trainLosses.count)
        let testLoss = forward.testLosses.reduce(0, +) / Double(forward.testLosses.count)
        var total = 0.0
        for m in forward.network.weights { for v in m.data { total += v * v } }
        return NetworkMetrics(trainLoss: trainLoss, testLoss: testLoss, gap: testLoss - trainLoss,
                              trainAccuracy: accuracy(logits: forward.train.logits, labels: forward.trainLabels),
                              testAccuracy: accuracy(logits: forward.test.logits, labels: forward.testLabels),
                              layerNorm: forward.network.weights[layer].frobeniusNorm,
                              totalWeightNorm: total.squareRoot())
    }
}
