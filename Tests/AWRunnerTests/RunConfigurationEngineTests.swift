import AWAnalysis
import AWCore
import AWData
import AWManifest
import AWRunner
import AWNetwork
import Testing

/// The resolved configuration reaches the executing modules unchanged (spellings, indices, seeds).
struct RunConfigurationEngineTests {
    @Test func choicesKeepTheirSpellings() {
        var c = RunConfiguration()
        for l in Loss.allCases {
            c.training.loss = l
            #expect(c.trainingConfig.loss == l && c.analysisConfig.loss == l)
        }
        for f in WeightDecayForm.allCases {
            c.training.weightDecayForm = f
            #expect(c.trainingConfig.weightDecayForm.rawValue == f.rawValue)
        }
        for p in PairingDirection.allCases {
            c.analysis.pairing = p
            #expect(c.analysisConfig.pairing.rawValue == p.rawValue)
        }
        c.dataset.selection = .balanced
        #expect(c.dataSelection.scheme == .balanced)
        c.dataset.selection = .firstNShuffled
        #expect(c.dataSelection.scheme == .firstNShuffled)
    }

    @Test func numbersIndicesAndSeeds() {
        var c = RunConfiguration(seed: 99)
        c.training.learningRate = 0.05; c.training.batchSize = 100; c.training.dropout = 0.2; c.training.dropoutLayer = 1
        c.training.weightDecay = 0.01; c.training.weightDecayEpochs = 150; c.training.maxEpochs = 300
        c.dataset.trainPerClass = 800; c.dataset.labelNoise = 0.13; c.dataset.testCount = 500
        ManifestSetting.named("analysis.layer")!.apply(.int(2), to: &c); c.analysis.sharpCount = 7; c.analysis.lanczosK = 15
        let t = c.trainingConfig
        #expect(t.learningRate == 0.05 && t.batchSize == 100 && t.dropout == 0.2 && t.dropoutLayer == 1)
        #expect(t.weightDecay == 0.01 && t.weightDecayEpochs == 150 && t.maxEpochs == 300)
        let d = c.dataSelection
        #expect(d.perClass == 800 && d.labelNoise == 0.13 && d.testCount == 500)
        let a = c.analysisConfig
        #expect(a.layer == 1 && a.sharpCount == 7 && a.lanczosK == 15)   // manifest layer 2 = index 1 everywhere in the code
        #expect(a.lanczosSeed == SeededGenerator.mix(99, "lanczos") && a.slqSeed == SeededGenerator.mix(99, "slq"))
    }
}
