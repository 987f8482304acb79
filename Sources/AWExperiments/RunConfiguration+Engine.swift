import AWAnalysis
import AWCore
import AWData
import AWNetwork

/// The resolved configuration in the terms of the modules that execute it. The configuration keeps
/// its own choice enums (their raw values are the manifest spellings and enter the run id), so the
/// translation lives here, in exhaustive switches: a case added on either side fails to compile.
extension RunConfiguration {
    public var networkActivation: AWNetwork.Activation {
        switch model.activation {
        case .relu: return .relu
        case .tanh: return .tanh
        }
    }

    public var networkLoss: AWNetwork.Loss {
        switch training.loss {
        case .crossEntropy: return .crossEntropy
        case .mse: return .meanSquaredError
        }
    }

    public var dataSelection: DataSelection {
        let scheme: TrainingSubset.Scheme
        switch dataset.selection {
        case .balanced: scheme = .balanced
        case .firstNShuffled: scheme = .shuffledPrefix
        }
        return DataSelection(perClass: dataset.trainPerClass, scheme: scheme, labelNoise: dataset.labelNoise,
                             testCount: dataset.testCount)
    }

    public var trainingConfig: TrainingConfig {
        let t = training
        let form: AWNetwork.WeightDecayForm
        switch t.weightDecayForm {
        case .norm: form = .norm
        case .squared: form = .squared
        }
        // dropoutLayer: 1-based hidden layer whose output is dropped here; in the trainer the 0-based
        // dense layer whose input is dropped: the same place, the same number.
        return TrainingConfig(
            learningRate: t.learningRate, batchSize: t.batchSize, momentum: t.momentum, weightDecay: t.weightDecay,
            weightDecayForm: form, weightDecayEpochs: t.weightDecayEpochs, dropout: t.dropout,
            dropoutLayer: t.dropoutLayer, loss: networkLoss, maxEpochs: t.maxEpochs, stopLoss: t.stopLoss,
            stopAccuracy: t.stopAccuracy, stopWindow: t.stopWindow)
    }

    /// The analysis settings (0-based layer), with Lanczos and SLQ seeds derived from the run seed.
    public var analysisConfig: AnalysisConfig {
        let a = analysis
        let pairing: PairingDirection
        switch a.pairing {
        case .testToTrain: pairing = .testToTrain
        case .trainToTest: pairing = .trainToTest
        }
        return AnalysisConfig(
            layer: a.layer - 1, pairing: pairing, sharpCount: a.sharpCount, denseThreshold: a.denseThreshold,
            lanczosK: a.lanczosK, lanczosSeed: SeededGenerator.mix(seed, "lanczos"), slqProbes: a.slqProbes,
            slqSteps: a.slqSteps, slqSeed: SeededGenerator.mix(seed, "slq"), loss: networkLoss)
    }
}
