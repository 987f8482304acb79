import AWAnalysis
import AWCore
import AWData
import AWManifest
import AWNetwork

/// The resolved configuration in the terms of the modules that execute it. The choice enums are
/// AWCore's, shared with the engine, so only the grouping differs.
extension RunConfiguration {
    public var dataSelection: DataSelection {
        DataSelection(perClass: dataset.trainPerClass, scheme: dataset.selection, labelNoise: dataset.labelNoise,
                      testCount: dataset.testCount)
    }

    public var trainingConfig: TrainingConfig {
        let t = training
        // dropoutLayer: 1-based hidden layer whose output is dropped here; in the trainer the 0-based
        // dense layer whose input is dropped: the same place, the same number.
        return TrainingConfig(
            learningRate: t.learningRate, batchSize: t.batchSize, momentum: t.momentum, weightDecay: t.weightDecay,
            weightDecayForm: t.weightDecayForm, weightDecayEpochs: t.weightDecayEpochs, dropout: t.dropout,
            dropoutLayer: t.dropoutLayer, loss: t.loss, maxEpochs: t.maxEpochs, stopLoss: t.stopLoss,
            stopAccuracy: t.stopAccuracy, stopWindow: t.stopWindow, algorithm: t.algorithm, learners: t.learners,
            topology: t.topology, warmupEpochs: t.warmupEpochs, learnerNoise: t.learnerNoise)
    }

    /// The analysis settings, with Lanczos and SLQ seeds derived from the run seed.
    public var analysisConfig: AnalysisConfig {
        let a = analysis
        return AnalysisConfig(
            layer: a.layerIndex, pairing: a.pairing, sharpCount: a.sharpCount, denseThreshold: a.denseThreshold,
            lanczosK: a.lanczosK, lanczosSeed: SeededGenerator.mix(seed, "lanczos"), slqProbes: a.slqProbes,
            slqSteps: a.slqSteps, slqSeed: SeededGenerator.mix(seed, "slq"), loss: training.loss)
    }
}
