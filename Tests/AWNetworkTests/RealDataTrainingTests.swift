import AWCore
import AWData
import AWLinearAlgebra
import AWNetwork
import AWTestSupport
import Foundation
import Testing

/// Training on real MNIST through AWData (skipped when the IDX files are absent: `make data`).
@Suite("Training on real MNIST (AWData)")
struct RealDataTrainingTests {
    static let location = DataLocation.resolve(.mnist, repositoryRoot: TestSupport.repositoryRoot)
    static let available = (try? DatasetLoader.findFile(split: .train, kind: .images, in: location)) != nil

    @Test("paper defaults on 100 images per class: train CE < 1e-3 by the stop rule; clean-only metrics with label noise",
          .enabled(if: available))
    func paperRunSmall() throws {
        let train = try DatasetLoader.load(.mnist, split: .train, location: Self.location)
        let run = SeededGenerator(seed: 2024)
        let data = try DataSelection(perClass: 100).trainingSet(from: train, run: run)
        #expect(data.count == 1000)
        let model = MLP<Float>(widths: [784, 30, 30, 10], seed: run.seed)
        // The dense first-layer kernel keeps this fast in debug builds (the SIMD kernels are not
        // optimized there); the sparse one is covered by the synthetic tests and the benchmark.
        var paper = TrainingConfig.paper
        paper.inputKernel = .dense
        let r = try Trainer<Float>(config: paper).train(model: model, x: data.images, labels: data.labels,
                                                        clean: data.cleanMask, seed: run.seed)
        #expect(r.stopReason == .converged, "\(r.stopReason) after \(r.epochs) epochs, last loss \(r.trainLoss.last ?? .nan)")
        #expect(r.trainLoss.last! < 1e-3 && r.epochs < 300)
        #expect(Trainer<Float>.resolveKernel(.auto, density: 0.19, firstWidth: 30, inputDropout: false) == .sparse)
        let exact = Loss.crossEntropy.mean(logits: r.model.logits(data.images), labels: data.labels)
        #expect(abs(exact - r.trainLoss.last!) < 1e-5)

        // Label noise: the recorded metrics are over the clean samples only.
        let noisy = try DataSelection(perClass: 100, labelNoise: 0.2).trainingSet(from: train, run: run)
        #expect(noisy.cleanCount < noisy.count)
        var config = paper
        config.maxEpochs = 3
        let rn = try Trainer<Float>(config: config).train(model: model, x: noisy.images, labels: noisy.labels,
                                                          clean: noisy.cleanMask, seed: run.seed)
        let clean = try noisy.cleanRows()
        let cleanLoss = Loss.crossEntropy.mean(logits: rn.model.logits(clean.images), labels: clean.labels)
        #expect(abs(cleanLoss - rn.trainLoss.last!) < 1e-5)
    }
}
