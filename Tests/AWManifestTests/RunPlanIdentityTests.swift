import AWCore
import Testing
@testable import AWManifest

/// Run ids come from the resolved configuration only. No expected hash is hard-coded: the tests
/// check what must and must not change an id.
@Suite struct RunPlanIdentityTests {
    @Test func idIsThePrefixOfTheConfigurationDigest() throws {
        let c = RunConfiguration()
        let identity = try c.identity()
        #expect(identity.configSHA256 == SHA256.hex(try c.canonicalJSON()))
        #expect(identity.configSHA256.count == 64)
        #expect(identity.runID.count == 16)
        #expect(identity.configSHA256.hasPrefix(identity.runID))
        #expect(identity.runID.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(try c.runID() == identity.runID)
        #expect(try c.configSHA256() == identity.configSHA256)
    }

    @Test func renamingOrReorderingTheManifestKeepsEveryID() throws {
        let a = try ManifestFixtures.manifest("""
        name: first-name
        description: one
        training: {learning_rate: 0.05, momentum: 0.5}
        sweep: {grid: {training.batch_size: [25, 100], model.init_scale: [1, 4]}}
        seeds: {base: 7, replicates: 3}
        """, file: "a.yaml")
        let b = try ManifestFixtures.manifest("""
        seeds: {replicates: 3, base: 7}
        sweep:
          grid:
            model.init_scale: [1.0, 4.0]
            training.batch_size: [25, 100]
        training: {momentum: 0.5, learning_rate: 0.05}
        description: something else entirely
        name: second-name
        """, file: "elsewhere/b.yaml")
        let ida = Set(try a.plan().runs.map(\.runID))
        let idb = Set(try b.plan().runs.map(\.runID))
        #expect(ida.count == 12)
        #expect(ida == idb)
        // The archive directory follows the name; the file name (the id) does not.
        let pa = try a.plan(root: "/tmp/r"), pb = try b.plan(root: "/tmp/r")
        #expect(pa.runs[0].archivePath.hasPrefix("/tmp/r/first-name/"))
        #expect(pb.runs.contains { $0.archivePath == "/tmp/r/second-name/\(pa.runs[0].runID).h5" })
    }

    @Test func writingADefaultExplicitlyChangesNothing() throws {
        let bare = try ManifestFixtures.manifest("name: a\nseeds: {replicates: 1}\n")
        let explicit = try ManifestFixtures.manifest("""
        name: b
        dataset: {name: mnist, train_per_class: 400, selection: balanced, test_count: 1000, label_noise: 0}
        model: {hidden: [30, 30], activation: relu, bias: false, init_scale: 1, dtype: float32}
        training: {learning_rate: 0.1, batch_size: 25, weight_decay: 0, weight_decay_form: norm, dropout: 0.0}
        analysis: {layer: 2, pairing: test_to_train, sharp_count: 10, enabled: true}
        seeds: {replicates: 1}
        """)
        #expect(try bare.plan().runs.map(\.runID) == explicit.plan().runs.map(\.runID))
    }

    /// A different valid value for each setting (from its type), to show each one enters the id.
    static func changed(_ s: ManifestSetting) -> CanonicalJSON.Value {
        switch (s.type, s.defaultValue) {
        case (.integer, .int(let i)): return .int(i + 1)
        case (.number, .double(let d)): return .double(d + 0.005)
        case (.boolean, .bool(let b)): return .bool(!b)
        case (.choice(let names), .string(let v)): return .string(names.first { $0 != v }!)
        case (.integerList, _): return .array([.int(31), .int(30)])
        default: fatalError("unexpected setting \(s.keyPath)")
        }
    }

    /// The valid configuration a setting is changed from: the defaults, with several learners where
    /// the setting applies only to them (each setting still has to move the id on its own).
    static func start(for s: ManifestSetting) -> RunConfiguration {
        var c = RunConfiguration()
        switch s.keyPath {
        case "training.algorithm": c.training.learners = 3   // sgd -> ssgd needs several learners
        case "training.learners": c.training.algorithm = .ssgd; c.training.learners = 3   // changed to 2
        case "training.topology": c.training.algorithm = .dpsgd; c.training.learners = 2
        case "training.learner_noise": c.training.algorithm = .ssgd; c.training.learners = 2
        default: break
        }
        return c
    }

    @Test func changingAnySettingChangesTheID() throws {
        let base = RunConfiguration()
        let baseID = try base.runID()
        var ids: Set<String> = [baseID]
        for s in ManifestSetting.all {
            var c = Self.start(for: s)
            let startID = try c.runID()
            s.apply(Self.changed(s), to: &c)
            if s.keyPath == "training.algorithm" {
                #expect(Self.start(for: s).validationIssues().count == 1, "sgd with three learners is refused")
            }
            #expect(c != Self.start(for: s), "\(s.keyPath) did not change the configuration")
            #expect(c.validationIssues().isEmpty, "\(s.keyPath): \(c.validationIssues())")
            let id = try c.runID()
            #expect(id != startID, "\(s.keyPath) did not change the run id")
            ids.insert(id)
        }
        #expect(ids.count == ManifestSetting.all.count + 1)
        var seeded = base
        seeded.seed = 1
        #expect(try seeded.runID() != baseID)
        var replicate = base
        replicate.replicate = 1
        #expect(try replicate.runID() != baseID)
    }

    @Test func sameConfigurationSameIDEveryTime() throws {
        let m = try ManifestFixtures.manifest("name: a\nsweep: {training.learning_rate: [0.01, 0.1]}\n")
        let first = try m.plan().runs.map(\.identity)
        let second = try ManifestFixtures.manifest("name: a\nsweep: {training.learning_rate: [0.01, 0.1]}\n").plan().runs.map(\.identity)
        #expect(first == second)
    }
}
