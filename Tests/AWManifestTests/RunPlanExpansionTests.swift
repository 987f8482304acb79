import AWCore
import Testing
@testable import AWManifest

/// Expansion of sweeps into runs: sizes and order of grid / zip / single axis, seeds shared across
/// swept values (common random numbers), and stability when values or replicates are added.
@Suite struct RunPlanExpansionTests {
    func plan(_ yaml: String, root: String = "runs") throws -> RunPlan {
        try ManifestFixtures.manifest(yaml).plan(root: root)
    }

    @Test func noSweepIsOnePointTimesReplicates() throws {
        let p = try plan("name: base\nseeds: {base: 5, replicates: 4}\n")
        #expect(p.pointCount == 1 && p.replicates == 4 && p.runs.count == 4)
        #expect(p.sweepKeys.isEmpty)
        #expect(p.runs.map(\.replicate) == [0, 1, 2, 3])
        #expect(p.runs.allSatisfy { $0.sweptValues.isEmpty && $0.point == 0 })
        #expect(p.runs[0].label == "replicate 0")
    }

    @Test func defaultSeedsAreTenReplicatesFromBase1234() throws {
        let m = try ManifestFixtures.manifest("name: d\n")
        #expect(m.seeds == Manifest.Seeds(base: 1234, replicates: 10))
        #expect(try m.plan().runs.count == 10)
    }

    @Test func singleAxisShorthand() throws {
        let p = try plan("name: bs\nseeds: {replicates: 2}\nsweep: {training.batch_size: [25, 100, 200, 400]}\n")
        #expect(p.runs.count == 8)
        #expect(p.sweepKeys == ["training.batch_size"])
        #expect(p.runs.map { $0.configuration.training.batchSize } == [25, 25, 100, 100, 200, 200, 400, 400])
        let r = p.runs[5]
        #expect(r.point == 2 && r.replicate == 1)
        #expect(r.sweptValue("training.batch_size") == .int(200))
        #expect(r.sweptValues.first?.source == "sweep.training.batch_size[2]")
        #expect(r.sweptValues.first?.index == 2)
        #expect(r.label == "training.batch_size=200, replicate 1")
    }

    @Test func gridIsTheCartesianProductFirstAxisSlowest() throws {
        let p = try plan("""
        name: g
        seeds: {replicates: 2}
        sweep:
          grid:
            training.batch_size: [25, 100]
            training.learning_rate: [0.1, 0.05, 0.02]
            model.activation: [relu, tanh]
        """)
        #expect(p.pointCount == 12)
        #expect(p.runs.count == 24)
        #expect(p.sweepKeys == ["training.batch_size", "training.learning_rate", "model.activation"])
        let points = p.runs(replicate: 0)
        #expect(points.map { $0.configuration.training.batchSize } == [25, 25, 25, 25, 25, 25, 100, 100, 100, 100, 100, 100])
        #expect(points.map { $0.configuration.training.learningRate }.prefix(4) == [0.1, 0.1, 0.05, 0.05])
        #expect(points.map { $0.configuration.model.activation }.prefix(2) == [.relu, .tanh])
        #expect(points[7].sweptValues.map(\.description)
                == ["training.batch_size=100", "training.learning_rate=0.1", "model.activation=\"tanh\""])
        #expect(points[7].sweptValues.map(\.source)
                == ["sweep.grid.training.batch_size[1]", "sweep.grid.training.learning_rate[0]", "sweep.grid.model.activation[1]"])
        // Every combination once.
        let combos = Set(points.map { "\($0.configuration.training.batchSize)-\($0.configuration.training.learningRate)-\($0.configuration.model.activation)" })
        #expect(combos.count == 12)
    }

    @Test func zipTakesTheIthValueOfEveryList() throws {
        let p = try plan("""
        name: z
        seeds: {replicates: 3}
        sweep:
          zip:
            training.batch_size: [25, 50, 100]
            training.learning_rate: [0.025, 0.05, 0.1]
        """)
        #expect(p.pointCount == 3 && p.runs.count == 9)
        for run in p.runs {
            let c = run.configuration.training
            #expect(c.learningRate == Double(c.batchSize) / 1000)
        }
        #expect(p.runs(point: 1).first?.sweptValues.map(\.source)
                == ["sweep.zip.training.batch_size[1]", "sweep.zip.training.learning_rate[1]"])
    }

    @Test func gridAndZipCombine() throws {
        let p = try plan("""
        name: gz
        seeds: {replicates: 1}
        sweep:
          grid: {dataset.name: [mnist, fashion-mnist]}
          zip: {training.batch_size: [25, 100], training.learning_rate: [0.05, 0.2]}
        """)
        #expect(p.pointCount == 4 && p.runs.count == 4)
        #expect(p.runs.map { $0.configuration.dataset.name } == [.mnist, .mnist, .fashionMNIST, .fashionMNIST])
        #expect(p.runs.map { $0.configuration.training.batchSize } == [25, 100, 25, 100])
        #expect(p.runs.map { $0.configuration.training.learningRate } == [0.05, 0.2, 0.05, 0.2])
    }

    @Test func widthsSweepAsLists() throws {
        let p = try plan("name: w\nseeds: {replicates: 1}\nsweep: {model.hidden: [[20, 20], [100, 100]]}\n")
        #expect(p.runs.map { $0.configuration.model.hidden } == [[20, 20], [100, 100]])
        #expect(p.runs[1].sweptValue("model.hidden") == .array([.int(100), .int(100)]))
        #expect(p.runs[1].sweptValues[0].description == "model.hidden=[100,100]")
    }

    @Test func replicateKSharesItsSeedAcrossSweptValues() throws {
        let m = try ManifestFixtures.manifest("""
        name: crn
        seeds: {base: 42, replicates: 4}
        sweep: {grid: {training.batch_size: [25, 100, 400], training.dropout: [0, 0.2]}}
        """)
        let p = try m.plan()
        for k in 0..<4 {
            let seeds = Set(p.runs(replicate: k).map(\.seed))
            #expect(seeds == [SeededGenerator.mix(42, "replicate-\(k)") >> 1])
            #expect(p.runs(replicate: k).allSatisfy { $0.configuration.seed == m.seeds.seed(replicate: k) })
        }
        #expect(Set(p.runs.map(\.seed)).count == 4)
        // Another base seed: other seeds and other ids.
        let other = try plan("name: crn\nseeds: {base: 43, replicates: 4}\nsweep: {grid: {training.batch_size: [25, 100, 400], training.dropout: [0, 0.2]}}\n")
        #expect(Set(other.runs.map(\.seed)).isDisjoint(with: Set(p.runs.map(\.seed))))
        #expect(Set(other.runs.map(\.runID)).isDisjoint(with: Set(p.runs.map(\.runID))))
    }

    @Test func addingASweptValueChangesNoExistingRun() throws {
        let before = try plan("name: lr\nseeds: {replicates: 3}\nsweep: {training.learning_rate: [0.01, 0.1]}\n")
        let after = try plan("name: lr\nseeds: {replicates: 3}\nsweep: {training.learning_rate: [0.005, 0.01, 0.05, 0.1]}\n")
        #expect(after.runs.count == 12)
        let afterByID = Dictionary(uniqueKeysWithValues: after.runs.map { ($0.runID, $0) })
        for run in before.runs {
            let same = afterByID[run.runID]
            #expect(same != nil, "run \(run.label) lost its id")
            #expect(same?.seed == run.seed)
            #expect(same?.configuration == run.configuration)
            #expect(same?.archivePath == run.archivePath)
            #expect(same?.sweptValue("training.learning_rate") == run.sweptValue("training.learning_rate"))
        }
        // ... and in a grid, a new value on one axis keeps every old combination.
        let g1 = try plan("name: g\nseeds: {replicates: 2}\nsweep: {grid: {training.batch_size: [25, 100], training.dropout: [0, 0.1]}}\n")
        let g2 = try plan("name: g\nseeds: {replicates: 2}\nsweep: {grid: {training.batch_size: [25, 50, 100], training.dropout: [0, 0.1]}}\n")
        #expect(Set(g1.runs.map(\.runID)).isSubset(of: Set(g2.runs.map(\.runID))))
        #expect(g2.runs.count == 12)
    }

    @Test func addingReplicatesChangesNoExistingRun() throws {
        let few = try plan("name: r\nseeds: {replicates: 2}\nsweep: {training.dropout: [0, 0.1]}\n")
        let more = try plan("name: r\nseeds: {replicates: 5}\nsweep: {training.dropout: [0, 0.1]}\n")
        #expect(Set(few.runs.map(\.runID)).isSubset(of: Set(more.runs.map(\.runID))))
        #expect(more.runs.count == 10)
    }

    @Test func archivePathsAndLookup() throws {
        let p = try plan("name: paths\nseeds: {replicates: 2}\nsweep: {training.dropout: [0, 0.1]}\n", root: "/data/archive")
        #expect(p.root == "/data/archive")
        for run in p.runs { #expect(run.archivePath == "/data/archive/paths/\(run.runID).h5") }
        #expect(try plan("name: paths\n").runs[0].archivePath.hasPrefix("runs/paths/"))
        let r = p.runs[3]
        #expect(p.run(id: r.runID) == r)
        #expect(p.run(id: String(r.runID.prefix(12))) == r)
        #expect(p.run(id: "not-an-id") == nil)
        #expect(Set(p.runs.map(\.runID)).count == p.runs.count)
    }

    @Test func sweptValuesOverrideTheBaseAndOnlyThem() throws {
        let m = try ManifestFixtures.manifest("""
        name: o
        dataset: {train_per_class: 100}
        training: {learning_rate: 0.05}
        seeds: {replicates: 1}
        sweep: {training.batch_size: [10, 20]}
        """)
        for run in try m.plan().runs {
            var expected = m.base
            expected.training.batchSize = run.configuration.training.batchSize
            expected.seed = run.seed
            expected.replicate = run.replicate
            #expect(run.configuration == expected)
            #expect(run.configuration.training.learningRate == 0.05 && run.configuration.dataset.trainPerClass == 100)
        }
    }
}
