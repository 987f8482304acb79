import AWCore
import Foundation
import Testing
@testable import AWManifest

/// The resolved configuration's canonical JSON (the writer and parser: AWCoreTests).
@Suite struct ManifestCanonicalJSONTests {
    typealias V = CanonicalJSON.Value

    @Test func nonFiniteSettingsHaveNoCanonicalJSON() {
        var c = RunConfiguration()
        c.training.learningRate = .nan
        #expect(throws: CanonicalJSON.EncodingError.self) { try c.canonicalJSON() }
    }

    @Test func configurationJSONUsesManifestKeysAndReadsBack() throws {
        var c = RunConfiguration()
        c.seed = UInt64.max
        c.replicate = 3
        c.model.hidden = [50, 20]
        c.training.weightDecay = 5e-3
        let json = try c.canonicalJSON()
        #expect(!json.contains(" ") && !json.contains("\n"))
        #expect(json.hasPrefix(#"{"analysis":{"dense_threshold":3000,"enabled":true,"lanczos_k":20,"layer":2,"pairing":"test_to_train""#))
        #expect(json.contains(#""seed":18446744073709551615"#))
        #expect(json.contains(#""training":{"batch_size":25,"dropout":0.0,"dropout_layer":1,"learning_rate":0.1,"loss":"cross_entropy""#))
        #expect(json.contains(#""weight_decay":0.005,"weight_decay_epochs":200,"weight_decay_form":"norm""#))
        #expect(json.contains(#""hidden":[50,20]"#))
        let back = try RunConfiguration(canonicalJSON: json)
        #expect(back == c)
        #expect(try back.canonicalJSON() == json)
    }

    @Test func decodingFillsMissingKeysWithDefaults() throws {
        let partial = #"{"training":{"batch_size":100},"seed":5}"#
        let c = try RunConfiguration(canonicalJSON: partial)
        var expected = RunConfiguration()
        expected.training.batchSize = 100
        expected.seed = 5
        #expect(c == expected)
        // Wrong types and unknown keys are named.
        for (bad, key) in [(#"{"training":{"batch_size":1.5}}"#, "training.batch_size"), (#"{"model":{"dtype":"int8"}}"#, "model.dtype"),
                           (#"{"training":{"speed":1}}"#, "training.speed"), (#"{"seed":-1}"#, "seed")] {
            #expect(throws: AWError.self) { try RunConfiguration(canonicalJSON: bad) }
            do { _ = try RunConfiguration(canonicalJSON: bad) } catch { #expect("\(error)".contains(key), "\(error)") }
        }
    }

    @Test func everySettingIsInTheManifestTableAndViceVersa() throws {
        guard case .object(let top) = RunConfiguration().canonicalValue() else { Issue.record("not an object"); return }
        var paths: Set<String> = []
        for (section, value) in top {
            guard case .object(let keys) = value else { continue }
            for key in keys.keys { paths.insert("\(section).\(key)") }
        }
        #expect(Set(top.keys) == ["dataset", "model", "training", "analysis", "seed", "replicate"])
        #expect(paths == Set(ManifestSetting.all.filter { !$0.omittedAtDefault }.map(\.keyPath)))
        // The table's defaults are the configuration's defaults; a row added later is absent at its default.
        for s in ManifestSetting.all {
            guard case .object(let section) = top[s.section]! else { continue }
            #expect(section[s.key] == (s.omittedAtDefault ? nil : s.defaultValue), "\(s.keyPath)")
        }
    }

    @Test func paperDefaults() {
        let c = RunConfiguration.paperDefault
        #expect(c.dataset.name == .mnist && c.dataset.trainPerClass == 400 && c.dataset.selection == .balanced)
        #expect(c.dataset.testCount == 1000 && c.dataset.labelNoise == 0)
        #expect(c.model.hidden == [30, 30] && c.model.activation == .relu && !c.model.bias && c.model.initScale == 1)
        #expect(c.model.dtype == .float32)
        let t = c.training
        #expect(t.learningRate == 0.1 && t.batchSize == 25 && t.momentum == 0 && t.weightDecay == 0)
        #expect(t.weightDecayForm == .norm && t.weightDecayEpochs == 200 && t.dropout == 0 && t.dropoutLayer == 1)
        #expect(t.loss == .crossEntropy && t.maxEpochs == 1000 && t.stopLoss == 1e-3 && t.stopAccuracy == 0.99 && t.stopWindow == 9)
        let a = c.analysis
        #expect(a.enabled && a.layerIndex == 1 && a.pairing == .testToTrain && a.sharpCount == 10)
        #expect(a.denseThreshold == 3000 && a.lanczosK == 20 && a.slqProbes == 10 && a.slqSteps == 80)
        #expect(c.layerSizes == [784, 30, 30, 10])
        #expect(c.analysedLayerWeightCount == 900 && !c.usesLanczos)
        #expect(c.dataset.trainingSetSize == 4000)
        #expect(c.validationIssues().isEmpty)
    }

    @Test func keyOrderInTheManifestDoesNotChangeTheCanonicalJSON() throws {
        let a = """
        name: order-a
        dataset: {name: mnist, train_per_class: 200, label_noise: 0.1}
        model: {hidden: [40, 40], init_scale: 2}
        training: {learning_rate: 0.05, batch_size: 50, dropout: 0.1}
        analysis: {sharp_count: 5, layer: 2}
        seeds: {base: 99, replicates: 2}
        """
        let b = """
        seeds:
          replicates: 2
          base: 99
        analysis:
          layer: 2
          sharp_count: 5
        training:
          dropout: 0.1
          batch_size: 50
          learning_rate: 5e-2
        model:
          init_scale: 2.0
          hidden: [40, 40]
        name: order-b
        dataset:
          label_noise: 0.10
          train_per_class: 200
          name: "mnist"
        """
        let ma = try ManifestFixtures.manifest(a)
        let mb = try ManifestFixtures.manifest(b)
        #expect(ma.base == mb.base)
        let ca = try ma.plan().runs.map(\.canonicalJSON)
        let cb = try mb.plan().runs.map(\.canonicalJSON)
        #expect(ca == cb)
        #expect(ca.count == 2)
    }
}
