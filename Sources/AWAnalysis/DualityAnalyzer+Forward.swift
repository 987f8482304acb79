import AWCore
import AWLinearAlgebra
import AWNetwork

extension DualityAnalyzer {
    /// Step 1: the Double forward passes of the clean training rows of `train` and of all rows of
    /// `test`, with per-sample `loss` values. Expects inputs already checked by
    /// `checkInputs(model:train:test:layer:)`.
    public static func forward<T: BLASScalar>(model: MLP<T>, train: AnalysisSamples<T>, test: AnalysisSamples<T>,
                                              loss: Loss) -> AnalysisForward {
        let cleanRows = train.cleanIndices
        let net = model.converted(to: Double.self)
        let trainX = train.inputs.gatherRowsToDouble(cleanRows)
        let testX = test.inputs.toDouble()
        let trainLabels = cleanRows.map { train.labels[$0] }
        let trainTrace = net.trace(trainX)
        let testTrace = net.trace(testX)
        return AnalysisForward(network: net, cleanRows: cleanRows, trainLabels: trainLabels, testLabels: test.labels,
                               train: trainTrace, test: testTrace,
                               trainLosses: loss.perSample(logits: trainTrace.logits, labels: trainLabels),
                               testLosses: loss.perSample(logits: testTrace.logits, labels: test.labels))
    }
}
