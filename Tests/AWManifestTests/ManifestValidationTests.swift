import AWCore
import Testing
@testable import AWManifest

/// Every kind of manifest error names the file, the key path, the offending value and what is allowed.
@Suite struct ManifestValidationTests {
    typealias F = ManifestFixtures

    /// Checks the four things every message must name.
    func expectNames(_ e: ManifestError?, file: String = "bad.yaml", keyPath: String, value: String, allowed: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        guard let e else { Issue.record("no error", sourceLocation: sourceLocation); return }
        #expect(e.file == file, sourceLocation: sourceLocation)
        #expect(e.keyPath == keyPath, sourceLocation: sourceLocation)
        #expect(e.value == value, sourceLocation: sourceLocation)
        #expect(e.allowed.contains(allowed), "allowed was: \(e.allowed)", sourceLocation: sourceLocation)
        let text = e.description
        for part in [file, keyPath, value, allowed] {
            #expect(text.contains(part), "\"\(part)\" missing from: \(text)", sourceLocation: sourceLocation)
        }
    }

    // MARK: several learners: settings checked against each other

    @Test func learnerSettingsAreCheckedAgainstEachOther() {
        func first(_ training: String, _ key: String) -> ManifestError? {
            F.problem(at: key, in: F.problems("name: x\ntraining:\n" + training))
        }
        expectNames(first("  algorithm: ssgd\n", "training.learners"), keyPath: "training.learners", value: "1",
                    allowed: "2...160 for ssgd")
        expectNames(first("  algorithm: ssgd\n  learners: 100\n  batch_size: 50\n", "training.learners"),
                    keyPath: "training.learners", value: "100", allowed: "2...80")
        #expect(first("  algorithm: ssgd\n  learners: 100\n  batch_size: 50\n", "training.learners")?.description
                    .contains("must not exceed the 4000 training samples") == true)
        expectNames(first("  learners: 4\n", "training.learners"), keyPath: "training.learners", value: "4", allowed: "1 for sgd")
        expectNames(first("  topology: complete\n", "training.topology"), keyPath: "training.topology", value: "complete",
                    allowed: "`ring`")
        expectNames(first("  algorithm: dpsgd\n  learners: 4\n  learner_noise: 0.1\n", "training.learner_noise"),
                    keyPath: "training.learner_noise", value: "0.1", allowed: "0 (the noise control is ssgd's)")
        expectNames(first("  algorithm: dpsgd\n  learners: 4\n  momentum: 0.9\n", "training.momentum"),
                    keyPath: "training.momentum", value: "0.9", allowed: "0 with several learners")
        expectNames(first("  algorithm: ssgd\n  learners: 4\n  weight_decay: 0.01\n", "training.weight_decay"),
                    keyPath: "training.weight_decay", value: "0.01", allowed: "0 with several learners")
        expectNames(first("  warmup_epochs: 5000\n", "training.warmup_epochs"), keyPath: "training.warmup_epochs",
                    value: "5000", allowed: "0...1000")
        #expect(F.problems("name: x\ntraining:\n  algorithm: dpsgd\n  learners: 16\n  batch_size: 32\n  topology: complete\n"
                           + "  warmup_epochs: 5\n").isEmpty)
        #expect(F.problems("name: x\ntraining:\n  algorithm: ssgd\n  learners: 2\n  learner_noise: 0.01\n").isEmpty)
    }

    // MARK: unknown keys

    @Test func unknownKeySuggestsTheClosestKey() {
        let errors = F.problems("name: x\ntraining:\n  learnig_rate: 0.1\n")
        let e = F.problem(at: "training.learnig_rate", in: errors)
        expectNames(e, keyPath: "training.learnig_rate", value: "learnig_rate", allowed: "learning_rate")
        #expect(e?.kind == .unknownKey)
        #expect(e?.suggestion == "learning_rate")
        #expect(e?.line == 3)
        #expect(e?.description.contains("bad.yaml:3:") == true)
        #expect(e?.description.contains("did you mean \"learning_rate\"?") == true)
    }

    @Test func camelCaseAndDashesSuggestTheSnakeCaseKey() {
        let errors = F.problems("name: x\ntraining:\n  batchSize: 25\n  weight-decay: 0\n")
        #expect(F.problem(at: "training.batchSize", in: errors)?.suggestion == "batch_size")
        #expect(F.problem(at: "training.weight-decay", in: errors)?.suggestion == "weight_decay")
    }

    @Test func keyInTheWrongSectionSuggestsItsSection() {
        let errors = F.problems("name: x\nmodel:\n  dropout: 0.1\n")
        let e = F.problem(at: "model.dropout", in: errors)
        #expect(e?.kind == .unknownKey)
        #expect(e?.suggestion == "training.dropout")
        #expect(e?.detail?.contains("training:") == true)
    }

    @Test func unknownTopLevelKeyAndSettingAtTopLevel() {
        let errors = F.problems("name: x\nsweeps: {}\nlearning_rate: 0.1\n")
        #expect(F.problem(at: "sweeps", in: errors)?.suggestion == "sweep")
        let e = F.problem(at: "learning_rate", in: errors)
        #expect(e?.kind == .unknownKey)
        #expect(e?.suggestion?.hasPrefix("training:") == true)
    }

    @Test func unknownKeyWithoutAnyCloseMatchHasNoSuggestion() {
        let errors = F.problems("name: x\nanalysis:\n  zzzzzz: 1\n")
        let e = F.problem(at: "analysis.zzzzzz", in: errors)
        #expect(e?.suggestion == nil)
        #expect(e?.allowed.contains("sharp_count") == true)
    }

    @Test func unknownSeedKey() {
        let e = F.problem(at: "seeds.replicate", in: F.problems("name: x\nseeds: {base: 1, replicate: 3}\n"))
        #expect(e?.suggestion == "replicates")
    }

    // MARK: wrong types

    @Test func wrongTypesNameTheExpectedType() {
        let yaml = """
        name: x
        training:
          learning_rate: "0.1"
          batch_size: 2.5
          momentum: fast
        model:
          hidden: 30
          bias: maybe
        dataset:
          train_per_class: [400]
        analysis:
          layer: two
        """
        let errors = F.problems(yaml)
        #expect(errors.allSatisfy { $0.kind == .wrongType }, "\(errors)")
        expectNames(F.problem(at: "training.learning_rate", in: errors), keyPath: "training.learning_rate",
                    value: "\"0.1\"", allowed: "a finite number")
        expectNames(F.problem(at: "training.batch_size", in: errors), keyPath: "training.batch_size",
                    value: "2.5", allowed: "an integer")
        expectNames(F.problem(at: "training.momentum", in: errors), keyPath: "training.momentum",
                    value: "fast", allowed: "a finite number")
        expectNames(F.problem(at: "model.hidden", in: errors), keyPath: "model.hidden",
                    value: "30", allowed: "list of integers")
        expectNames(F.problem(at: "model.bias", in: errors), keyPath: "model.bias", value: "maybe", allowed: "true or false")
        expectNames(F.problem(at: "dataset.train_per_class", in: errors), keyPath: "dataset.train_per_class",
                    value: "[400]", allowed: "an integer")
        expectNames(F.problem(at: "analysis.layer", in: errors), keyPath: "analysis.layer", value: "two", allowed: "an integer")
        #expect(errors.count == 7)
        #expect(F.problem(at: "training.batch_size", in: errors)?.line == 4)
    }

    @Test func nonFiniteNumbersAreRefused() {
        let errors = F.problems("name: x\ntraining:\n  learning_rate: .nan\n  weight_decay: inf\n")
        #expect(F.problem(at: "training.learning_rate", in: errors)?.kind == .wrongType)
        #expect(F.problem(at: "training.weight_decay", in: errors)?.kind == .wrongType)
    }

    @Test func sectionThatIsNotAMapping() {
        let e = F.problem(at: "training", in: F.problems("name: x\ntraining: [1, 2]\n"))
        #expect(e?.kind == .wrongType)
        #expect(e?.allowed.contains("learning_rate") == true)
    }

    // MARK: ranges

    @Test(arguments: [
        ("training", "learning_rate", "-0.1", "> 0"),
        ("training", "learning_rate", "0", "> 0"),
        ("training", "batch_size", "0", "1...4000"),
        ("training", "batch_size", "4001", "1...4000"),
        ("training", "dropout", "1", "[0, 1)"),
        ("training", "dropout", "-0.1", "[0, 1)"),
        ("training", "weight_decay", "-0.01", ">= 0"),
        ("training", "momentum", "1", "[0, 1)"),
        ("training", "max_epochs", "0", "1...1000000"),
        ("training", "stop_accuracy", "1.5", "[0, 1]"),
        ("training", "dropout_layer", "3", "1...2"),
        ("dataset", "label_noise", "1", "[0, 1)"),
        ("dataset", "label_noise", "-0.2", "[0, 1)"),
        ("dataset", "train_per_class", "0", ">= 1"),
        ("dataset", "train_per_class", "6000", "1...5421"),
        ("dataset", "test_count", "10001", "1...10000"),
        ("model", "init_scale", "0", "> 0"),
        ("model", "init_scale", "-1", "> 0"),
        ("analysis", "layer", "0", "1...3"),
        ("analysis", "layer", "4", "1...3"),
        ("analysis", "sharp_count", "0", "1...900"),
        ("analysis", "lanczos_k", "901", "1...900"),
        ("analysis", "dense_threshold", "0", ">= 1"),
        ("analysis", "slq_probes", "0", "1...10000"),
    ])
    func outOfRangeValues(section: String, key: String, value: String, allowed: String) throws {
        let errors = F.problems("name: x\n\(section):\n  \(key): \(value)\n")
        let e = F.problem(at: "\(section).\(key)", in: errors)
        #expect(e?.kind == .outOfRange)
        #expect(e?.line == 3)
        // Values are printed as typed: a number given as "1" prints as 1.0.
        let printed = e?.value ?? ""
        #expect(printed == value || printed == "\(Double(value) ?? .nan)", "printed \(printed)")
        expectNames(e, keyPath: "\(section).\(key)", value: printed, allowed: allowed)
        #expect(errors.count == 1, "\(errors)")
    }

    @Test func batchSizeLimitFollowsTrainPerClassAndLabelNoise() throws {
        // round(4000 / 0.8) = 5000 images under label noise 0.2.
        _ = try F.manifest("name: x\ndataset: {label_noise: 0.2}\ntraining: {batch_size: 5000}\n")
        let e = F.problem(at: "training.batch_size",
                          in: F.problems("name: x\ndataset: {label_noise: 0.2}\ntraining: {batch_size: 5001}\n"))
        expectNames(e, keyPath: "training.batch_size", value: "5001", allowed: "1...5000")
        #expect(e?.detail?.contains("label_noise") == true)
        let small = F.problem(at: "training.batch_size", in: F.problems("name: x\ndataset: {train_per_class: 2}\n"))
        expectNames(small, keyPath: "training.batch_size", value: "25", allowed: "1...20")
        #expect(small?.detail?.contains("default") == true)
    }

    @Test func hiddenWidthsAndLayerFollowTheModel() throws {
        let errors = F.problems("name: x\nmodel: {hidden: [30, 0, 10]}\n")
        expectNames(F.problem(at: "model.hidden[1]", in: errors), keyPath: "model.hidden[1]", value: "0", allowed: ">= 1")
        // Three hidden layers: four dense layers, so layer 4 is valid.
        _ = try F.manifest("name: x\nmodel: {hidden: [30, 30, 30]}\nanalysis: {layer: 4}\n")
        let e = F.problem(at: "analysis.layer", in: F.problems("name: x\nmodel: {hidden: [30]}\nanalysis: {layer: 3}\n"))
        expectNames(e, keyPath: "analysis.layer", value: "3", allowed: "1...2")
        #expect(F.problem(at: "model.hidden", in: F.problems("name: x\nmodel: {hidden: []}\n"))?.kind == .wrongType)
    }

    @Test func replicatesMustBePositive() {
        let e = F.problem(at: "seeds.replicates", in: F.problems("name: x\nseeds: {base: 7, replicates: 0}\n"))
        expectNames(e, keyPath: "seeds.replicates", value: "0", allowed: ">= 1")
        #expect(e?.kind == .outOfRange)
        #expect(F.problem(at: "seeds.base", in: F.problems("name: x\nseeds: {base: -1}\n"))?.kind == .wrongType)
    }

    // MARK: choices

    @Test func unknownDatasetAndEnumValues() {
        let errors = F.problems("name: x\ndataset: {name: mnsit, selection: random}\nmodel: {activation: sigmoid, dtype: float16}\n"
                                + "training: {loss: crossentropy, weight_decay_form: l2}\nanalysis: {pairing: nearest}\n")
        let d = F.problem(at: "dataset.name", in: errors)
        expectNames(d, keyPath: "dataset.name", value: "mnsit", allowed: "\"fashion-mnist\"")
        #expect(d?.kind == .unknownValue)
        #expect(d?.suggestion == "mnist")
        expectNames(F.problem(at: "model.activation", in: errors), keyPath: "model.activation", value: "sigmoid",
                    allowed: "one of \"relu\", \"tanh\"")
        #expect(F.problem(at: "model.dtype", in: errors)?.allowed == "one of \"float32\", \"float64\"")
        #expect(F.problem(at: "training.loss", in: errors)?.suggestion == "cross_entropy")
        #expect(F.problem(at: "training.weight_decay_form", in: errors)?.allowed == "one of \"norm\", \"squared\"")
        #expect(F.problem(at: "dataset.selection", in: errors)?.allowed.contains("first_n_shuffled") == true)
        #expect(F.problem(at: "analysis.pairing", in: errors)?.allowed.contains("test_to_train") == true)
        #expect(errors.count == 7)
        #expect(errors.allSatisfy { $0.kind == .unknownValue })
    }

    // MARK: name

    @Test func nameIsRequiredAndRestricted() {
        let missing = F.problem(at: "name", in: F.problems("description: no name\n"))
        #expect(missing?.kind == .missingKey)
        #expect(missing?.allowed.contains("[a-z0-9_-]+") == true)
        let bad = F.problem(at: "name", in: F.problems("name: My Experiment\n"))
        expectNames(bad, keyPath: "name", value: "My Experiment", allowed: "[a-z0-9_-]+")
        #expect(bad?.suggestion == "my-experiment")
        #expect(F.problems("").first?.keyPath == "name")
    }

    // MARK: sweeps

    @Test func sweepOverAnUnknownKey() {
        let errors = F.problems("name: x\nsweep:\n  grid:\n    training.batchsize: [25, 100]\n")
        let e = F.problem(at: "sweep.grid.training.batchsize", in: errors)
        expectNames(e, keyPath: "sweep.grid.training.batchsize", value: "training.batchsize", allowed: "training.batch_size")
        #expect(e?.kind == .invalidSweep)
        #expect(e?.suggestion == "training.batch_size")
        // A key without its section is suggested with it.
        let bare = F.problem(at: "sweep.zip.batch_size", in: F.problems("name: x\nsweep: {zip: {batch_size: [25]}}\n"))
        #expect(bare?.suggestion == "training.batch_size")
    }

    @Test func sweepValuesAreTypedAndRangeChecked() {
        let yaml = """
        name: x
        sweep:
          grid:
            training.batch_size: [25, 100, 5000]
            training.learning_rate: [0.1, -0.5]
            model.activation: [relu, sigmoid]
        """
        let errors = F.problems(yaml)
        let b = F.problem(at: "sweep.grid.training.batch_size[2]", in: errors)
        expectNames(b, keyPath: "sweep.grid.training.batch_size[2]", value: "5000", allowed: "1...4000")
        #expect(b?.kind == .outOfRange)
        #expect(b?.line == 4)
        let l = F.problem(at: "sweep.grid.training.learning_rate[1]", in: errors)
        expectNames(l, keyPath: "sweep.grid.training.learning_rate[1]", value: "-0.5", allowed: "> 0")
        let a = F.problem(at: "sweep.grid.model.activation[1]", in: errors)
        expectNames(a, keyPath: "sweep.grid.model.activation[1]", value: "sigmoid", allowed: "\"relu\", \"tanh\"")
        #expect(a?.kind == .unknownValue)
        #expect(errors.count == 3, "each problem once, not once per grid point: \(errors)")
    }

    @Test func sweepValueOfTheWrongType() {
        let errors = F.problems("name: x\nsweep: {training.batch_size: [25, big]}\n")
        let e = F.problem(at: "sweep.training.batch_size[1]", in: errors)
        expectNames(e, keyPath: "sweep.training.batch_size[1]", value: "big", allowed: "an integer")
        let notList = F.problem(at: "sweep.training.batch_size", in: F.problems("name: x\nsweep: {training.batch_size: 25}\n"))
        #expect(notList?.kind == .wrongType)
        #expect(notList?.allowed.contains("list") == true)
        let widths = F.problem(at: "sweep.model.hidden[1]", in: F.problems("name: x\nsweep: {model.hidden: [[20, 20], 30]}\n"))
        #expect(widths?.kind == .wrongType)
    }

    @Test func crossSettingLimitsNameTheSweepPoint() {
        let yaml = """
        name: x
        sweep:
          grid:
            dataset.train_per_class: [10, 400]
            training.batch_size: [25, 200]
        """
        let errors = F.problems(yaml)
        #expect(errors.count == 1, "\(errors)")
        let e = F.problem(at: "sweep.grid.training.batch_size[1]", in: errors)
        expectNames(e, keyPath: "sweep.grid.training.batch_size[1]", value: "200", allowed: "1...100")
        #expect(e?.detail?.contains("at the sweep point dataset.train_per_class=10") == true)
    }

    @Test func zipListsMustHaveEqualLengths() {
        let yaml = "name: x\nsweep:\n  zip:\n    training.batch_size: [25, 100, 200]\n    training.learning_rate: [0.1, 0.2]\n"
        let e = F.problem(at: "sweep.zip", in: F.problems(yaml))
        #expect(e?.kind == .invalidSweep)
        #expect(e?.value.contains("training.batch_size has 3") == true)
        #expect(e?.value.contains("training.learning_rate has 2") == true)
        #expect(e?.allowed.contains("equal length") == true)
        #expect(e?.line == 4)
    }

    @Test func emptySweepValues() {
        let e = F.problem(at: "sweep.grid.training.dropout", in: F.problems("name: x\nsweep: {grid: {training.dropout: []}}\n"))
        expectNames(e, keyPath: "sweep.grid.training.dropout", value: "[]", allowed: "non-empty list")
        #expect(e?.kind == .invalidSweep)
        #expect(F.problem(at: "sweep.grid", in: F.problems("name: x\nsweep: {grid: {}}\n"))?.kind == .invalidSweep)
        #expect(F.problem(at: "sweep", in: F.problems("name: x\nsweep: {}\n"))?.kind == .invalidSweep)
    }

    @Test func repeatedSweepValues() {
        let e = F.problem(at: "sweep.training.dropout[2]", in: F.problems("name: x\nsweep: {training.dropout: [0, 0.1, 0.10]}\n"))
        #expect(e?.kind == .invalidSweep)
        #expect(e?.detail?.contains("sweep.training.dropout[1]") == true)
        let z = F.problems("name: x\nsweep: {zip: {training.dropout: [0, 0.1, 0], training.batch_size: [25, 25, 25]}}\n")
        #expect(F.problem(at: "sweep.zip[2]", in: z)?.kind == .invalidSweep)
        #expect(F.problem(at: "sweep.zip[2]", in: z)?.detail == "same as sweep.zip[0]")
        #expect(z.count == 1, "a value may repeat within one zip list: \(z)")
    }

    @Test func severalShorthandAxesAreAmbiguous() {
        let errors = F.problems("name: x\nsweep:\n  training.batch_size: [25, 100]\n  training.learning_rate: [0.1, 0.05]\n")
        let e = F.problem(at: "sweep", in: errors)
        #expect(e?.kind == .invalidSweep)
        #expect(e?.detail?.contains("grid:") == true)
        #expect(e?.value == "training.batch_size, training.learning_rate")
    }

    @Test func sweptKeyAlsoSetInItsSection() {
        let errors = F.problems("name: x\ntraining:\n  batch_size: 25\nsweep: {training.batch_size: [25, 100]}\n")
        let e = F.problem(at: "sweep.training.batch_size", in: errors)
        #expect(e?.kind == .invalidSweep)
        #expect(e?.detail?.contains("line 3") == true)
        let twice = F.problems("name: x\nsweep: {grid: {training.dropout: [0, 0.1]}, zip: {training.dropout: [0.2]}}\n")
        #expect(F.problem(at: "sweep.zip.training.dropout", in: twice)?.detail?.contains("swept twice") == true)
    }

    @Test func unknownSweepForm() {
        let e = F.problem(at: "sweep.gird", in: F.problems("name: x\nsweep: {gird: {training.dropout: [0, 0.1]}}\n"))
        #expect(e?.kind == .unknownKey)
        #expect(e?.suggestion == "grid")
    }

    // MARK: YAML and files

    @Test func yamlSyntaxErrorNamesFileAndLine() {
        let errors = F.problems("name: x\ntraining:\n  learning_rate: [0.1\n  batch_size: 25\n", file: "experiments/broken.yaml")
        #expect(errors.count == 1)
        let e = errors.first
        #expect(e?.kind == .syntax)
        #expect(e?.file == "experiments/broken.yaml")
        #expect(e?.line != nil)
        #expect((e?.line ?? 0) >= 3)
        #expect(e?.description.hasPrefix("experiments/broken.yaml:\(e?.line ?? -1):") == true)
        let tab = F.problems("name: x\n\ttraining: {}\n")
        #expect(tab.first?.kind == .syntax)
        #expect(tab.first?.line == 2)
    }

    @Test func duplicateKeys() {
        let errors = F.problems("name: x\ntraining:\n  dropout: 0.1\n  dropout: 0.2\n")
        let e = F.problem(at: "training.dropout", in: errors)
        #expect(e?.kind == .duplicateKey)
        #expect(e?.line == 4)
        #expect(e?.detail?.contains("line 3") == true)
    }

    @Test func missingFileNamesThePath() {
        #expect(throws: ManifestErrors.self) { try Manifest.load(path: "/nonexistent/dir/m.yaml") }
        do {
            _ = try Manifest.load(path: "/nonexistent/dir/m.yaml")
        } catch let e as ManifestErrors {
            #expect(e.errors.first?.kind == .io)
            #expect(e.description.contains("/nonexistent/dir/m.yaml"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    // MARK: collecting

    @Test func allErrorsAreCollectedInFileOrder() throws {
        let yaml = """
        name: Bad Name
        dataset:
          name: mnsit
          label_noise: 1.5
        model:
          init_scale: 0
          hiden: [30, 30]
        training:
          learning_rate: -1
          batch_size: 0
          dropout: 1.0
        analysis:
          layer: 9
        seeds: {replicates: 0}
        sweep:
          zip:
            training.momentum: [0, 0.5]
            training.stop_window: [1]
        """
        do {
            _ = try Manifest.parse(yaml: yaml, file: "experiments/many.yaml")
            Issue.record("should not parse")
        } catch let report as ManifestErrors {
            let paths = report.errors.map(\.keyPath)
            #expect(paths == ["name", "dataset.name", "dataset.label_noise", "model.init_scale", "model.hiden",
                              "training.learning_rate", "training.batch_size", "training.dropout", "analysis.layer",
                              "seeds.replicates", "sweep.zip"], "\(report)")
            #expect(report.file == "experiments/many.yaml")
            #expect(report.errors.allSatisfy { $0.file == "experiments/many.yaml" })
            #expect(report.description.hasPrefix("experiments/many.yaml: 11 errors"))
            #expect(report.errors(at: "model.hiden").first?.suggestion == "hidden")
            #expect(report.awError.kind == .invalidInput)
            #expect(report.awError.message == report.description)
        }
    }

    @Test func unreadableValuesDoNotCascadeIntoRangeErrors() {
        // hidden is unreadable: layer 3 might be right for the intended widths, so no range error for it.
        let errors = F.problems("name: x\nmodel: {hidden: [30, x, 30]}\nanalysis: {layer: 4}\n")
        #expect(errors.map(\.keyPath) == ["model.hidden"])
    }

    // MARK: data hook

    @Test func dataCheckHookReportsMissingDatasets() throws {
        let m = try F.manifest("name: x\nsweep: {dataset.name: [mnist, fashion-mnist]}\n", file: "d.yaml")
        var asked: [DatasetName] = []
        let errors = m.validate { name in
            asked.append(name)
            return name == .fashionMNIST ? "data/fashion-mnist/train-images-idx3-ubyte.gz not found; run scripts/fetch-data.sh" : nil
        }
        #expect(asked == [.mnist, .fashionMNIST])
        #expect(errors.count == 1)
        let e = errors.first
        #expect(e?.kind == .missingData)
        #expect(e?.keyPath == "sweep.dataset.name[1]")
        #expect(e?.value == "fashion-mnist")
        #expect(e?.description.contains("scripts/fetch-data.sh") == true)
        #expect(e?.description.hasPrefix("d.yaml:2:") == true)
        #expect(throws: ManifestErrors.self) { try m.validated { _ in "missing" } }
        #expect(try m.validated { _ in nil } == m)
        let byDefault = try F.manifest("name: y\n").validate { _ in "absent" }
        #expect(byDefault.first?.keyPath == "dataset.name")
        #expect(byDefault.first?.detail?.contains("default") == true)
    }
}

@Suite struct ManifestSweepConflictTests {
    @Test func conflictIsReportedEvenWhenTheAxisHasBadValues() {
        let errors = Manifest.problems(yaml: "name: x\ntraining:\n  batch_size: 0\nsweep: {training.batch_size: [25, big]}\n",
                                       file: "c.yaml")
        #expect(errors.map(\.keyPath).sorted() == ["sweep.training.batch_size", "sweep.training.batch_size[1]"])
        #expect(errors.first { $0.keyPath == "sweep.training.batch_size" }?.detail?.contains("line 3") == true)
    }
}
